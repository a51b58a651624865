"""The demo organisation's casework story, built through the services."""

from __future__ import annotations

import random

import pytest

from conduct.accounts.roles import Role
from conduct.casework.demo import seed_casework
from conduct.casework.models import Case, PoliceReferral, Restriction, SupportFollowUp
from conduct.casework.queries import marker_for
from conduct.clients.services import ClientDetails, create_client
from conduct.demo import people
from conduct.demo.seed import SEED_STEPS, DemoContext
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_step_is_registered() -> None:
    assert seed_casework in SEED_STEPS


def test_demo_casework() -> None:
    ctx = DemoContext(rng=random.Random(1))
    for username, _, _, role in people.STAFF:
        if role != Role.ADMIN:
            ctx.users[username] = make_user(username, role)
    ctx.clients = [create_client(ClientDetails(name=f"Client {n}"), actor=None) for n in range(12)]
    seed_casework(ctx)
    restriction = Restriction.objects.get()
    assert marker_for(restriction.client_id) is not None
    assert Case.objects.filter(status=Case.OPEN).count() == 2
    assert PoliceReferral.objects.count() == 1
    assert SupportFollowUp.objects.filter(done_at=None).count() == 1
