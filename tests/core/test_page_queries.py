"""Queries per page for the pages of the load mix (and the demand pages): a fixed, small number
that does not grow with the clients, cases, incidents and communications held."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conduct.accounts.roles import Role
from conduct.accounts.services import create_api_token
from conduct.casework.services import IncidentDetails, record_incident
from conduct.clients.services import ClientDetails, create_client
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import log_staff_time, store_items

pytestmark = pytest.mark.django_db


def _grow(staff: Any, start: int, count: int) -> list[Any]:
    """``count`` more clients, each with an incident (and so a case), mail and staff time."""
    now = timezone.now()
    made = []
    for n in range(start, start + count):
        client = create_client(
            ClientDetails(name=f"Smith {n}", emails=[f"smith{n}@example.com"]), actor=staff
        )
        record_incident(
            IncidentDetails(
                client=client,
                channel="phone",
                occurred_at=now - timedelta(hours=n),
                categories=["threatening_communication"],
                what_happened="Caller shouted and threatened to come to the office.",
                staff_actions=["end_call"],
            ),
            actor=staff,
        )
        store_items(
            [
                Item(
                    channel="email",
                    occurred_at=now - timedelta(days=k, hours=n),
                    ref=f"{n}-{k}",
                    sender_kind="email",
                    sender=f"smith{n}@example.com",
                    body=f"When will the repair be done, it is week {k} of waiting now.",
                    message_id=f"{n}-{k}@example.com",
                )
                for k in range(3)
            ],
            actor=staff,
        )
        log_staff_time(client, on=timezone.localdate(), minutes=20, actor=staff)
        made.append(client)
    return made


def _pages(staff: Any, manager: Any, first: Any) -> dict[str, Callable[[], Any]]:
    as_staff, as_manager, api = HttpClient(), HttpClient(), HttpClient()
    as_staff.force_login(staff)
    as_manager.force_login(manager)
    staff_token = create_api_token(staff, "queries", actor=None)[1]
    manager_token = create_api_token(manager, "queries", actor=None)[1]
    return {
        "search": lambda: as_staff.get("/clients/", {"q": "Smith"}),
        "client list": lambda: as_staff.get("/clients/"),
        "client page": lambda: as_staff.get(f"/clients/{first.pk}/"),
        "incident form": lambda: as_staff.get("/casework/incidents/new/"),
        "queue": lambda: as_manager.get("/casework/queue/"),
        "api clients": lambda: api.get(
            "/api/clients/", {"q": "Smith"}, headers={"Authorization": f"Bearer {staff_token}"}
        ),
        "api cases": lambda: api.get(
            "/api/casework/cases", headers={"Authorization": f"Bearer {manager_token}"}
        ),
        "demand profile": lambda: as_manager.get(f"/correspondence/clients/{first.pk}/demand/"),
        "outlier list": lambda: as_manager.get("/correspondence/demand/"),
    }


# The most queries each page may make (sessions, the user, permissions, the page's own
# queries and, for audited views, the audit event).
LIMITS = {
    "search": 12,
    "client list": 12,
    "client page": 23,  # the casework timeline (one query per record type), its rows the marker
    "incident form": 7,
    "queue": 12,
    "api clients": 10,  # on SQLite, one asks the trigram vocabulary whether the text narrows
    "api cases": 5,
    "demand profile": 19,  # includes the audit event (chain head read, insert, update)
    "outlier list": 6,
}


def _count(call: Callable[[], Any]) -> int:
    call()  # the first request of a session may set things up
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200, response.status_code
    return len(queries)


def test_queries_per_page_are_few_and_do_not_grow_with_the_data(
    staff: Any, manager: Any, django_assert_max_num_queries: Any
) -> None:
    first = _grow(staff, 0, 2)[0]
    pages = _pages(staff, manager, first)
    small = {name: _count(call) for name, call in pages.items()}
    _grow(staff, 2, 6)
    large = {name: _count(call) for name, call in pages.items()}
    assert large == small
    for name, call in pages.items():
        with django_assert_max_num_queries(LIMITS[name]):
            call()


def test_recording_an_incident_does_not_query_per_senior_manager(staff: Any, manager: Any) -> None:
    """Each senior manager is told of the referral; the insert is one for all of them."""
    from tests.conftest import make_user

    def record() -> int:
        client = create_client(ClientDetails(name="Smith Told"), actor=staff)
        with CaptureQueriesContext(connection) as queries:
            record_incident(
                IncidentDetails(
                    client=client,
                    channel="phone",
                    occurred_at=timezone.now() - timedelta(minutes=5),
                    categories=["threatening_communication"],
                    what_happened="Caller shouted and threatened to come to the office.",
                    staff_actions=["end_call"],
                ),
                actor=staff,
            )
        return len(queries)

    record()  # the first of a process may load the policy
    one = record()
    for n in range(5):
        make_user(f"manager.more{n}", Role.SENIOR_MANAGER)
    assert record() == one
    assert one <= 23


def test_the_client_page_does_not_query_per_incident(staff: Any) -> None:
    first = _grow(staff, 0, 1)[0]
    page = HttpClient()
    page.force_login(staff)
    before = _count(lambda: page.get(f"/clients/{first.pk}/"))
    for n in range(3):
        record_incident(
            IncidentDetails(
                client=first,
                channel="email",
                occurred_at=timezone.now() - timedelta(days=n + 1),
                categories=["abusive_language"],
                what_happened="Emails full of insults about the member of staff handling it.",
                staff_actions=[],
            ),
            actor=staff,
        )
    assert _count(lambda: page.get(f"/clients/{first.pk}/")) == before
