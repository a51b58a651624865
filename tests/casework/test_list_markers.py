"""Markers on the client list: a few words per row, fetched once per page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conduct.casework import wording
from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
    record_decision,
    record_incident,
)
from conduct.clients.services import ClientDetails, create_client
from tests.casework.conftest import details
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def restrict(client: Any, staff: Any, manager: Any) -> None:
    incident = record_incident(details(client), actor=staff)
    assert incident.case is not None
    today = timezone.localdate()
    record_decision(
        incident.case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons="Threats after a warning.",
            clauses=["threatening_communication"],
            adjustments_note="None known.",
            restriction=RestrictionInput(
                starts_on=today,
                review_on=today + timedelta(days=100),
                channels_allowed=["email"],
            ),
        ),
        actor=manager,
        expected_version=incident.case.version,
    )


def make_clients(count: int, start: int = 0) -> list[Any]:
    return [
        create_client(ClientDetails(name=f"Client {n:02d}"), actor=None)
        for n in range(start, start + count)
    ]


def list_queries(http: Any) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        page = http.get("/clients/")
    assert page.status_code == 200
    return page.content.decode(), len(captured)


def test_rows_say_what_is_in_force_in_words(staff: Any, manager: Any) -> None:
    restricted, warned, _plain = make_clients(3)
    restrict(restricted, staff, manager)
    record_incident(details(warned), actor=staff)  # a verbal warning on the call
    html, _ = list_queries(signed_in(staff))
    until = wording.long_date(timezone.localdate() + timedelta(days=100))
    assert f"Restriction until {until}" in html
    assert "Warning in force" in html
    assert html.count('class="tag tag--red"') == 2


def test_the_number_of_queries_does_not_grow_with_the_rows(
    staff: Any, manager: Any, django_assert_max_num_queries: Any
) -> None:
    http = signed_in(staff)
    first = make_clients(2)
    restrict(first[0], staff, manager)
    _, few = list_queries(http)
    more = make_clients(20, start=2)
    for client in more[:6]:
        restrict(client, staff, manager)
    with django_assert_max_num_queries(few):
        html, _ = list_queries(http)
    assert html.count("Restriction until") == 7
