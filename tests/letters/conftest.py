"""Letters fixtures: decisions and reviews made through casework's services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conduct.casework.models import Decision, Incident, Review
from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
    ReviewInput,
    record_decision,
    record_incident,
    record_review,
)
from tests.casework.conftest import details

REASONS = "Threats continued on the phone after the warning was given."


@pytest.fixture
def incident(client_record: Any, staff: Any) -> Incident:
    return record_incident(details(client_record), actor=staff)


def decide(incident: Incident, manager: Any, data: DecisionInput) -> Decision:
    case = incident.case
    assert case is not None
    case.refresh_from_db()
    return record_decision(case, data, actor=manager, expected_version=case.version)


@pytest.fixture
def restriction_decision(incident: Incident, manager: Any) -> Decision:
    today = timezone.localdate()
    return decide(
        incident,
        manager,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons=REASONS,
            clauses=["threatening_communication", "safe_environment"],
            adjustments_note="No known disability; writing offered as an adjustment.",
            restriction=RestrictionInput(
                starts_on=today,
                review_on=today + timedelta(days=180),
                channels_allowed=["email", "letter"],
                no_visits=True,
            ),
        ),
    )


@pytest.fixture
def warning_decision(incident: Incident, manager: Any) -> Decision:
    return decide(
        incident,
        manager,
        DecisionInput(
            outcomes=["written_warning"],
            reasons="Shouting and a threat on the phone.",
            clauses=["threatening_communication"],
        ),
    )


@pytest.fixture
def review(restriction_decision: Decision, other_manager: Any) -> Review:
    restriction = restriction_decision.restrictions.get()
    return record_review(
        restriction,
        ReviewInput(
            outcome="confirm",
            reasons="Contact has been calmer but the threats were serious.",
            requested_by_client=True,
            next_review_on=timezone.localdate() + timedelta(days=90),
        ),
        actor=other_manager,
    )
