"""Demand analytics: a high-volume client is listed with figures and the reminder; nothing
is restricted; a case opened from it cites the figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from conduct.casework.models import Incident, Restriction
from conduct.clients.services import ClientDetails, create_client
from conduct.correspondence import demand
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import log_staff_time, store_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(client_record: Any, staff: Any) -> Any:
    now = timezone.now()
    others = [
        create_client(
            ClientDetails(name=f"Quiet {n}", emails=[f"quiet{n}@example.com"]), actor=staff
        )
        for n in range(10)
    ]
    items = []
    for n in range(len(others)):
        for k in range(3):
            items.append(
                Item(
                    channel="email",
                    occurred_at=now - timedelta(days=5 * k + n),
                    ref=f"q{n}{k}",
                    sender_kind="email",
                    sender=f"quiet{n}@example.com",
                    body=f"Hello {n} {k}",
                    message_id=f"q{n}-{k}@x",
                )
            )
    for k in range(120):
        items.append(
            Item(
                channel="email",
                occurred_at=now - timedelta(hours=12 * k),
                ref=f"h{k}",
                sender_kind="email",
                sender="jane@example.com",
                body="Please send me copies of all the documents you hold on me, I am still waiting.",
                message_id=f"heavy-{k}@x",
            )
        )
    for k in range(10):
        items.append(
            Item(
                channel="email",
                occurred_at=now - timedelta(days=1, minutes=k),
                ref=f"b{k}",
                sender_kind="email",
                sender="jane@example.com",
                body=f"Another one {k}",
                message_id=f"burst-{k}@x",
            )
        )
    store_items(items, actor=staff)
    log_staff_time(client_record, on=timezone.localdate(), minutes=700, actor=staff)
    return client_record


def test_high_volume_client_is_listed_with_figures_and_reminder(
    organisation: Any, as_manager: HttpClient
) -> None:
    page = as_manager.get(reverse("correspondence:outliers"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Jane Example" in html and "Quiet 1" not in html
    assert "Persistence is not necessarily" in html
    assert "contacts a week" in html and "requests for information" in html
    assert "the same message sent 120 times" in html
    assert Restriction.objects.count() == 0


def test_demand_profile_has_chart_table_and_figures(
    organisation: Any, as_manager: HttpClient
) -> None:
    page = as_manager.get(reverse("correspondence:demand", args=[organisation.pk]) + "?days=90")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<rect" in html and "Contacts from the client, by week" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Persistence is not necessarily" in html
    assert "700 minutes" in html or "700 logged" in html


def test_figures_from_the_queries(organisation: Any) -> None:
    t = demand.thresholds()
    start, end = demand.window(90)
    f = demand.client_figures(organisation.pk, start, end, t)
    assert f.incoming == 130 and f.information_requests == 120
    assert f.largest_repeat == 120 and f.burst_days >= 1 and f.logged_minutes == 700
    org = demand.organisation(start, end)
    assert org.clients == 11 and org.median < f.per_week
    weeks = demand.weekly_counts(f, start, end)
    assert sum(n for _, n in weeks) == 130


def test_open_a_case_citing_the_figures(organisation: Any, as_manager: HttpClient) -> None:
    url = reverse("correspondence:demand_case", args=[organisation.pk])
    response = as_manager.post(url, {"note": "Consider a single point of contact."})
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.client == organisation and incident.case_id
    assert "excessive_correspondence" in incident.categories
    assert "excessive_information" in incident.categories
    assert "130 from the client" in incident.what_happened
    assert "organisation median" in incident.what_happened
    assert "Persistence is not necessarily" in incident.what_happened
    assert Restriction.objects.count() == 0


def test_staff_and_outsiders_cannot_open_a_demand_case(
    organisation: Any, as_staff: HttpClient, as_outsider: HttpClient
) -> None:
    url = reverse("correspondence:demand_case", args=[organisation.pk])
    assert as_staff.post(url).status_code == 403
    assert as_outsider.post(url).status_code == 403
    assert Incident.objects.count() == 0
