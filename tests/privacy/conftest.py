"""A client with every kind of record, built through the apps' own services."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from conduct.casework.models import Case, Incident, Restriction
from conduct.casework.services import (
    DecisionInput,
    PoliceReferralInput,
    RestrictionInput,
    ReviewInput,
    add_case_note,
    add_evidence,
    edit_incident,
    record_decision,
    record_incident,
    record_police_referral,
    record_review,
)
from conduct.clients.models import Client
from conduct.clients.services import ClientDetails, create_client
from tests.casework.conftest import details

EVIDENCE = b"%PDF-1.4 call note from the phone call"


@dataclass
class History:
    client: Client
    incident: Incident
    case: Case
    restriction: Restriction


def build_history(client: Client, staff: Any, manager: Any, other_manager: Any) -> History:
    incident = record_incident(
        details(
            client,
            witnesses="Bob Witness at the front desk",
            what_happened="Caller shouted at staff1 and threatened to come to the office.",
            wellbeing_note="I was shaken.",
            wants_support=True,
        ),
        actor=staff,
    )
    incident = edit_incident(
        incident,
        details(client, what_happened="Caller shouted and threatened staff1; corrected."),
        actor=staff,
        expected_version=1,
    )
    add_evidence(io.BytesIO(EVIDENCE), "call note.pdf", actor=staff, incident=incident)
    assert incident.case_id is not None
    case = Case.objects.get(pk=incident.case_id)
    add_case_note(case, "Spoke to staff1 about the call.", actor=manager)
    case.refresh_from_db()
    today = timezone.localdate()
    decision = record_decision(
        case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons="Threats continued after the warning on the call.",
            clauses=["threatening_communication", "safe_environment"],
            adjustments_note="No known disability; writing offered as an adjustment.",
            restriction=RestrictionInput(
                starts_on=today,
                review_on=today + timedelta(days=180),
                channels_allowed=["email", "letter"],
                representative_name="Rita Representative",
            ),
        ),
        actor=manager,
        expected_version=case.version,
    )
    restriction = Restriction.objects.get(decision=decision)
    record_review(
        restriction,
        ReviewInput(
            outcome="confirm",
            reasons="Letters still threatening.",
            next_review_on=today + timedelta(days=200),
        ),
        actor=other_manager,
    )
    record_police_referral(
        client,
        PoliceReferralInput(
            referred_on=today,
            force="West Yorkshire Police",
            officer="PC Olivia Officer",
            crime_reference="13/2026/1",
        ),
        actor=manager,
        case=case,
    )
    return History(client, incident, case, restriction)


@pytest.fixture
def evidence_store(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def history(
    client_record: Any, staff: Any, manager: Any, other_manager: Any, evidence_store: Any
) -> History:
    return build_history(client_record, staff, manager, other_manager)


OLD = "2018-03-01 10:00:00"


@pytest.fixture
def old_history(staff: Any, manager: Any, other_manager: Any, evidence_store: Any) -> History:
    """A client whose last activity was in 2018: everything about them is due."""
    with freeze_time(OLD):
        client = create_client(
            ClientDetails(
                name="Olaf Oldcase",
                reference="CL-000100",
                emails=["olaf@example.com"],
                phones=["07700 900456"],
                postal_address="2 Low Street\nYork",
            ),
            actor=staff,
        )
        return build_history(client, staff, manager, other_manager)
