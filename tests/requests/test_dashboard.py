"""The dashboard reports requests answered on time and lists the open ones."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client as HttpClient
from freezegun import freeze_time

from conduct.reports import metrics
from conduct.reports.tables import Period
from conduct.requests import rules
from conduct.requests.models import ClientRequest
from conduct.requests.services import close_request, extend_request, record_request

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))


def test_answered_on_time_late_and_open_are_counted(
    sar: ClientRequest, client_record: Any, staff: Any, admin_user: Any, manager: Any
) -> None:
    answered = record_request(
        client_record,
        kind=rules.SUBJECT_ACCESS,
        channel="email",
        received_on=date(2026, 1, 2),
        summary="Copy.",
        actor=staff,
    )
    close_request(
        answered, outcome="answered", closed_on=date(2026, 2, 10), note="", actor=admin_user
    )
    table = metrics.client_requests(PERIOD, date(2026, 3, 5))
    assert table is not None
    by_kind = {row[0]: row[1:] for row in table.rows}
    # received, on time, late, open, overdue now, on-time share
    assert by_kind[rules.KINDS[rules.SUBJECT_ACCESS]] == (2, 0, 1, 1, 1, "0%")
    assert by_kind[rules.KINDS[rules.REVIEW]] == (0, 0, 0, 0, 0, "n/a")
    assert table.note.startswith("0% of the 1 request(s) answered")


def test_the_dashboard_page_shows_the_extended_request_due_on_30_april(
    sar: ClientRequest, admin_user: Any, manager: Any
) -> None:
    extend_request(sar, months=2, reason="Complex.", actor=admin_user)
    with freeze_time("2026-03-05"):
        http = HttpClient()
        http.force_login(manager)
        response = http.get("/reports/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Clients&#x27; requests open now, by deadline" in page
    assert sar.reference in page
    assert "2026-04-30" in page
    assert "Clients&#x27; requests answered on time" in page
