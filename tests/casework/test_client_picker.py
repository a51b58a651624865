"""The incident forms offer the chosen client and a search's matches, never every client, and
still accept any client."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client as HttpClient
from django.utils import timezone

from conduct.casework.forms.client_picker import SHOWN
from conduct.casework.models import Incident
from conduct.clients.models import Client
from conduct.clients.services import ClientDetails, create_client

from .conftest import details


def _options(page: str, name: str = "client") -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, page[:500]
    return re.findall(r'<option value="(\d*)"', select.group(1))


def _many(staff: Any, n: int, name: str = "Harper") -> list[Any]:
    return [
        create_client(ClientDetails(name=f"{name} {i:03d}", reference=f"HP-{i:04d}"), actor=staff)
        for i in range(n)
    ]


def test_the_form_lists_no_client_until_one_is_chosen_or_found(
    as_staff: HttpClient, staff: Any
) -> None:
    made = _many(staff, SHOWN + 5)
    page = as_staff.get("/casework/incidents/new/").content.decode()
    assert _options(page) == [""]  # only "unknown caller"
    assert 'name="client_q"' in page
    chosen = as_staff.get(f"/casework/incidents/new/?client={made[3].pk}").content.decode()
    assert _options(chosen) == ["", str(made[3].pk)]
    assert re.search(rf'<option value="{made[3].pk}" selected>', chosen)
    found = as_staff.get("/casework/incidents/new/?client_q=harper 00").content.decode()
    assert sorted(_options(found)[1:]) == sorted(str(c.pk) for c in made[:10])
    assert "10 clients found" in found
    broad = as_staff.get("/casework/incidents/new/?client_q=harper").content.decode()
    assert len(_options(broad)) == SHOWN + 1 and f"the first {SHOWN}" in broad
    none = as_staff.get("/casework/incidents/new/?client_q=nobody like this").content.decode()
    assert "No client matches" in none and _options(none) == [""]


def test_any_client_may_be_posted_even_one_not_listed(
    as_staff: HttpClient, staff: Any, client_record: Any
) -> None:
    _many(staff, 3)
    response = as_staff.post(
        "/casework/incidents/new/",
        {
            "client": client_record.pk,
            "channel": "phone",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "categories": ["abusive_language"],
            "what_happened": "Shouted at me.",
            "staff_actions": ["end_call"],
        },
    )
    assert response.status_code == 302
    assert Incident.objects.get().client_id == client_record.pk
    bad = as_staff.post("/casework/incidents/new/", {"client": "999999", "channel": "phone"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()


def test_the_page_does_not_grow_with_the_clients_held(
    as_staff: HttpClient, staff: Any, django_assert_max_num_queries: Any
) -> None:
    _many(staff, 2, "Few")
    small = as_staff.get("/casework/incidents/new/").content
    Client.objects.bulk_create(
        [Client(name=f"Bulk {i}", reference=f"BK-{i:05d}") for i in range(500)]
    )
    with django_assert_max_num_queries(12):
        large = as_staff.get("/casework/incidents/new/").content
    assert abs(len(large) - len(small)) < 200  # the CSRF token and nothing per client


def test_linking_an_unknown_caller_finds_the_client(
    as_staff: HttpClient, staff: Any, client_record: Any
) -> None:
    from conduct.casework.services import record_incident

    incident = record_incident(details(None, caller_number="07700 900999"), actor=staff)
    page = as_staff.get(f"/casework/incidents/{incident.pk}/").content.decode()
    assert _options(page) == [""]
    found = as_staff.get(
        f"/casework/incidents/{incident.pk}/?client_q={client_record.reference}"
    ).content.decode()
    assert str(client_record.pk) in _options(found)
    linked = as_staff.post(f"/casework/incidents/{incident.pk}/link/", {"client": client_record.pk})
    assert linked.status_code == 302
    incident.refresh_from_db()
    assert incident.client_id == client_record.pk
