"""The demo organisation's casework story, built through the services."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from conduct.accounts.roles import Role
from conduct.audit.services import verify_chain
from conduct.casework.demo import seed_casework
from conduct.casework.models import (
    Case,
    ClientWarning,
    Decision,
    Incident,
    PoliceReferral,
    Restriction,
    Review,
    SupportFollowUp,
)
from conduct.casework.queries import marker_for
from conduct.clients.services import ClientDetails, create_client
from conduct.demo import people
from conduct.demo.seed import SEED_STEPS, DemoContext
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_step_is_registered() -> None:
    assert seed_casework in SEED_STEPS


def test_demo_casework_covers_every_stage_over_eight_months() -> None:
    ctx = DemoContext(rng=random.Random(1))
    for username, _, _, role in people.STAFF:
        if role != Role.ADMIN:
            ctx.users[username] = make_user(username, role)
    ctx.clients = [
        create_client(ClientDetails(name=f"Client {n}", phones=[f"07700 900{n:03d}"]), actor=None)
        for n in range(12)
    ]
    seed_casework(ctx)
    today = timezone.localdate()
    incidents = Incident.objects.all()
    assert 20 <= incidents.count() <= 30
    assert len({i.client_id for i in incidents if i.client_id}) == 12
    oldest = min(i.occurred_at for i in incidents)
    assert timezone.localdate(oldest) <= today - timedelta(days=200)
    assert {"phone", "email", "in_person", "letter", "social_media"} <= {
        i.channel for i in incidents
    }
    open_cases = Case.objects.filter(status=Case.OPEN)
    assert open_cases.filter(due_on__lt=today).count() == 1
    assert open_cases.exclude(assigned_to=None).exists()
    assert open_cases.filter(client=None).count() == 1
    outcomes = [o for d in Decision.objects.all() for o in d.outcomes]
    assert {"no_further_action", "written_warning", "contact_restriction"} <= set(outcomes)
    assert "terminate_engagement" in outcomes
    statuses = set(Restriction.objects.values_list("status", flat=True))
    assert statuses == {Restriction.ACTIVE, Restriction.LAPSED}
    due_soon = Restriction.objects.filter(
        status=Restriction.ACTIVE, review_on__lte=today + timedelta(days=14)
    )
    assert due_soon.count() == 1
    renewal = Review.objects.get(subject=Review.RESTRICTION, outcome="confirm")
    assert renewal.reviewer_id != renewal.decision.decided_by_id
    referral = PoliceReferral.objects.get()
    assert referral.force and referral.officer and referral.crime_reference
    assert Case.objects.exclude(override_ground="").count() == 1
    assert SupportFollowUp.objects.filter(done_at=None).exists()
    assert SupportFollowUp.objects.exclude(done_at=None).exists()
    assert ClientWarning.objects.filter(kind=ClientWarning.WRITTEN).count() >= 4
    restricted = Restriction.objects.filter(status=Restriction.ACTIVE).first()
    assert restricted is not None and marker_for(restricted.client_id) is not None
    assert verify_chain().ok
    on_request = Review.objects.filter(requested_by_client=True)
    assert {r.subject for r in on_request} == {"written_warning", "terminate_engagement"}
    assert all(r.reviewer_id != r.decision.decided_by_id for r in on_request)
