"""What the screener finds is named in the organisation's own categories."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from conduct.casework.models import Incident
from conduct.correspondence.models import Communication
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import refer_communication, store_items
from conduct.policy.services import current_policy, current_version, publish_policy

from .conftest import ABUSE, mail

pytestmark = pytest.mark.django_db


def test_a_referred_message_takes_the_categories_the_screener_maps_onto(
    client_record: Any, staff: Any, admin_user: Any, media: Any
) -> None:
    policy = current_policy()
    # The organisation calls violence "physical_violence" and folds abuse into it too.
    categories = tuple(
        dataclasses.replace(
            c, id="physical_violence", title="Violence or abuse", screener=("violence",)
        )
        if c.id == "violence"
        else dataclasses.replace(c, screener=())
        if c.id == "abusive_language"
        else c
        for c in policy.categories
    )
    publish_policy(
        dataclasses.replace(policy, categories=categories),
        actor=admin_user,
        based_on=current_version(),
    )
    item = parse_email(mail(5, body=ABUSE), "inbox #5")
    assert isinstance(item, Item)
    store_items([item], actor=staff)
    comm = Communication.objects.get(review_state="pending")
    assert "violence" in comm.screening.categories
    refer_communication(comm, actor=staff)
    incident = Incident.objects.get(pk=Communication.objects.get(pk=comm.pk).incident_id)
    assert "physical_violence" in incident.categories
    assert "violence" not in incident.categories
    assert "abusive_language" not in incident.categories
    assert incident.policy_version.version == "2"
