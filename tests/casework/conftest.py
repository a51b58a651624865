"""Casework fixtures: an incident recorded by staff, referred into a case."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from conduct.casework.models import Incident
from conduct.casework.services import IncidentDetails, record_incident


def details(client: Any, **changes: Any) -> IncidentDetails:
    base: dict[str, Any] = {
        "client": client,
        "channel": "phone",
        "occurred_at": timezone.now(),
        "categories": ["threatening_communication"],
        "what_happened": "Caller shouted and threatened to come to the office.",
        "verbatim_words": "You'll regret this.",
        "staff_actions": ["end_call"],
        "warning_given": True,
        "client_response": "Carried on shouting.",
    }
    base.update(changes)
    return IncidentDetails(**base)


@pytest.fixture
def incident(client_record: Any, staff: Any) -> Incident:
    return record_incident(details(client_record), actor=staff)
