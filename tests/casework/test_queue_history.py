"""The queue and the case page show the client's history and correspondence volume."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.casework.models import Case
from conduct.casework.services import DecisionInput, record_decision, record_incident
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import store_items
from tests.casework.conftest import details
from tests.correspondence.conftest import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def returning_client(client_record: Any, staff: Any, manager: Any) -> Case:
    """A client warned in writing once before, writing every day, referred again."""
    first = record_incident(
        details(client_record, occurred_at=timezone.now() - timedelta(days=40)), actor=staff
    )
    assert first.case is not None
    record_decision(
        first.case,
        DecisionInput(
            outcomes=["written_warning"],
            reasons="Threats on the phone.",
            clauses=["threatening_communication"],
        ),
        actor=manager,
        expected_version=first.case.version,
    )
    now = timezone.now()
    items = [
        parse_email(mail(n, when=now - timedelta(days=n), body=f"Update {n}?"), f"m{n}")
        for n in range(1, 31)
    ]
    store_items([i for i in items if isinstance(i, Item)], actor=staff)
    again = record_incident(details(client_record, warning_given=False), actor=staff)
    assert again.case is not None
    return again.case


def test_the_queue_shows_each_clients_history_at_a_glance(
    as_manager: HttpClient, returning_client: Case
) -> None:
    page = as_manager.get("/casework/queue/").content.decode()
    row = page.split(f"Case {returning_client.pk}</a>", 1)[1].split("</tr>", 1)[0]
    assert "1 earlier incident" in row
    assert "2 warnings in force" in row  # the verbal one on the call and the written one
    assert "1 earlier decision (latest: Written warning)" in row
    assert "2.3 a week over 90 days (30 contacts)" in row
    assert "Client's history" in page and "Correspondence" in page


def test_a_first_referral_says_so(as_manager: HttpClient, client_record: Any, staff: Any) -> None:
    record_incident(details(client_record, warning_given=False), actor=staff)
    page = as_manager.get("/casework/queue/").content.decode()
    assert "No earlier incidents, warnings or decisions" in page
    assert "No contact in the last 90 days" in page


def test_the_case_page_shows_the_volume_against_the_norm(
    as_manager: HttpClient, returning_client: Case
) -> None:
    page = as_manager.get(f"/casework/cases/{returning_client.pk}/").content.decode()
    assert "<dt>Correspondence</dt>" in page
    assert "2.3 a week over 90 days (30 contacts); usual 2.3" in page
    assert "demand profile" in page
    assert "1 earlier decision (latest: Written warning)" in page


def test_the_queue_costs_the_same_queries_however_many_cases(
    as_manager: HttpClient, returning_client: Case, staff: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conduct.clients.services import ClientDetails, create_client

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_manager.get("/casework/queue/").status_code == 200
        return len(captured)

    queries()  # warms the organisation's (cached) figures
    before = queries()
    for n in range(5):
        other = create_client(
            ClientDetails(name=f"Client {n}", reference=f"CL-00080{n}"), actor=staff
        )
        record_incident(details(other), actor=staff)
    assert queries() == before


def test_the_queue_cells_are_what_the_case_page_templates_write(
    as_manager: HttpClient, returning_client: Case, staff: Any
) -> None:
    """The queue writes the history and volume cells out in its loop; they must stay what
    ``casework/history.html`` and ``casework/volume.html`` (the case page's) write."""
    from django.template.loader import render_to_string

    from conduct.casework.queries import histories
    from conduct.correspondence.volume import volumes

    unknown = record_incident(
        details(None, caller_number="07700 900123", warning_given=False), actor=staff
    )
    first_timer = record_incident(
        details(create_client_named("Jo <b>Bloggs</b>", staff), warning_given=False), actor=staff
    )
    page = as_manager.get("/casework/queue/").content.decode()
    cases = [returning_client, unknown.case, first_timer.case]
    history = histories([c for c in cases if c is not None])
    volume = volumes([c.client_id for c in cases if c is not None and c.client_id])
    for case in cases:
        assert case is not None
        row = page.split(f"Case {case.pk}</a>", 1)[1].split("</tr>", 1)[0]
        written = render_to_string("casework/history.html", {"history": history.get(case.pk)})
        assert f"<td>{written}</td>" in row
        if case.client_id:
            cell = render_to_string("casework/volume.html", {"volume": volume[case.client_id]})
            assert f"<td>{cell}</td>" in row
        else:
            assert "<td>Not known</td>" in row and "Unknown caller" in row
    assert "<bdi>Jo &lt;b&gt;Bloggs&lt;/b&gt;</bdi>" in page


def create_client_named(name: str, staff: Any) -> Any:
    from conduct.clients.services import ClientDetails, create_client

    return create_client(ClientDetails(name=name), actor=staff)
