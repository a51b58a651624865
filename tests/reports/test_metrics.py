"""The dashboard's figures, from data built through the casework services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone
from freezegun import freeze_time

from conduct.casework.services import record_incident
from conduct.reports import metrics
from conduct.reports.tables import Period, Table
from tests.casework.conftest import details
from tests.privacy.conftest import History

pytestmark = pytest.mark.django_db


def this_year() -> Period:
    today = timezone.localdate()
    return Period(today - timedelta(days=365), today)


def as_dict(table: Table) -> dict[Any, Any]:
    return {row[0]: row[1] for row in table.rows}


def test_incidents_by_category_channel_and_month(history: History, staff: Any) -> None:
    record_incident(
        details(history.client, channel="email", categories=["abusive_language"]), actor=staff
    )
    period = this_year()
    by_category = metrics.incidents_by_category(period)
    assert sum(n for _, n in by_category.rows) == 2  # type: ignore[misc]
    assert as_dict(metrics.incidents_by_channel(period)) == {"Phone": 1, "Email": 1}
    months = as_dict(metrics.incidents_by_month(period))
    assert months[timezone.localdate().strftime("%Y-%m")] == 2
    assert len(months) in (12, 13)
    assert as_dict(metrics.repeat_clients(period)) == {"CL-000900": 2}
    outside = Period(date(2000, 1, 1), date(2000, 12, 31))
    assert metrics.incidents_by_category(outside).rows == []


def test_decisions_restrictions_and_time_to_decision(history: History) -> None:
    period = this_year()
    assert as_dict(metrics.decisions_by_outcome(period)) == {"Contact restriction": 1}
    restrictions = metrics.active_restrictions(timezone.localdate())
    assert restrictions.rows[0][0] == "CL-000900"
    assert restrictions.rows[0][3] == 200
    timing = metrics.time_to_decision(period)
    assert as_dict(timing)["Within a week"] == 1
    assert "1 decision(s)" in timing.note


def test_open_and_overdue_cases(staff: Any, client_record: Any) -> None:
    with freeze_time("2026-01-05 10:00:00"):
        record_incident(details(client_record), actor=staff)
    today = date(2026, 6, 1)
    stages = metrics.open_cases_by_stage(today)
    assert stages.rows == [("Waiting to be assigned", 0, 0, 0, 1, 1)]
    overdue = metrics.overdue(today)
    assert overdue.rows[0][0] == "Investigation (decision due)"
    assert int(overdue.rows[0][4]) > 100  # type: ignore[arg-type]
    assert overdue.bars() == [("Investigation (decision due)", 1.0)]


def test_staff_affected_and_support_outstanding(history: History) -> None:
    figures = as_dict(metrics.staff_wellbeing(this_year(), timezone.localdate()))
    assert figures["Staff members who recorded an incident"] == 1
    assert figures["Support follow-ups outstanding now"] == 1


def test_the_dashboard_lists_every_metric(history: History) -> None:
    keys = [t.key for t in metrics.dashboard(this_year())]
    assert keys[:10] == [
        "incidents_by_category",
        "incidents_by_channel",
        "incidents_by_month",
        "open_cases",
        "overdue",
        "decisions_by_outcome",
        "active_restrictions",
        "repeat_clients",
        "time_to_decision",
        "staff_wellbeing",
    ]


@pytest.mark.skipif(
    not apps.is_installed("conduct.correspondence"), reason="correspondence app not installed"
)
def test_screening_volume_and_flags(client_record: Any, staff: Any) -> None:
    from conduct.correspondence.parsing.items import Item
    from conduct.correspondence.services import store_items

    now = timezone.now()
    store_items(
        [
            Item(
                channel="email",
                occurred_at=now,
                ref="1",
                sender="a@example.com",
                sender_kind="email",
                body="Thanks for your help.",
            ),
            Item(
                channel="email",
                occurred_at=now,
                ref="2",
                sender="b@example.com",
                sender_kind="email",
                body="I will find where you live and hurt you, you worthless idiot.",
            ),
        ],
        actor=staff,
    )
    table = metrics.screening(this_year())
    assert table is not None
    figures = as_dict(table)
    assert figures["Written communications screened"] == 2
    assert figures["Flagged"] >= 1
    assert figures["Flags awaiting review"] == figures["Flagged"]
    assert "Flag rate" in table.note
