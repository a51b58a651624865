"""The scheduled job through its command and its background task."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from conduct.audit.models import AuditEvent
from conduct.casework.models import Incident, Restriction
from conduct.casework.services import DecisionInput, RestrictionInput, record_decision
from conduct.casework.tasks import run_scheduled_casework
from conduct.notifications.models import Notification

pytestmark = pytest.mark.django_db


def restrict(incident: Incident, manager: Any) -> Restriction:
    case = incident.case
    assert case is not None
    start = case.opened_at.date()
    decision = record_decision(
        case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons="Threats.",
            clauses=["threatening_communication"],
            adjustments_note="None known.",
            restriction=RestrictionInput(
                starts_on=start, review_on=start + timedelta(days=30), no_visits=True
            ),
        ),
        actor=manager,
        expected_version=case.version,
    )
    return decision.restrictions.get()


def test_the_command_lapses_at_the_review_date_and_reminds_before(
    incident: Incident, manager: Any
) -> None:
    restriction = restrict(incident, manager)
    out = StringIO()
    call_command(
        "casework",
        "run-scheduled",
        "--date",
        (restriction.review_on - timedelta(days=3)).isoformat(),
        stdout=out,
    )
    assert "0 restriction(s) lapsed" in out.getvalue()
    assert Notification.objects.filter(user=manager, key__startswith="review-due").count() == 1
    call_command(
        "casework", "run-scheduled", "--date", restriction.review_on.isoformat(), stdout=out
    )
    restriction.refresh_from_db()
    assert restriction.status == Restriction.LAPSED
    assert AuditEvent.objects.filter(action="casework.restriction.lapsed").count() == 1
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("casework", "run-scheduled", "--date", "soon")


def test_the_task_runs_the_same_job(incident: Incident, manager: Any) -> None:
    result = run_scheduled_casework.enqueue()
    assert "restriction(s) lapsed" in str(result.return_value)


def test_the_command_can_enqueue(incident: Incident) -> None:
    out = StringIO()
    call_command("casework", "run-scheduled", "--enqueue", stdout=out)
    assert out.getvalue().startswith("queued task")
