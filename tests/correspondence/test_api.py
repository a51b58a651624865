"""The correspondence API: staff, senior manager, admin and outsider on every endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.audit.models import AuditEvent
from conduct.casework.models import Incident
from conduct.correspondence.models import Communication
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import store_items

from .conftest import ABUSE, mail, write_mbox

pytestmark = pytest.mark.django_db
API = "/api/correspondence"


@pytest.fixture
def flagged(client_record: Any, staff: Any) -> Communication:
    item = parse_email(mail(2, body=ABUSE), "b")
    assert isinstance(item, Item)
    store_items([item], actor=staff)
    return Communication.objects.get()


def test_review_queue_and_detail_are_redacted(as_staff: HttpClient, flagged: Communication) -> None:
    queue = as_staff.get(f"{API}/review")
    assert queue.status_code == 200
    (entry,) = queue.json()
    assert entry["do_not_reply"] and entry["flagged"] and "violence" in entry["categories"]
    assert "idiot" not in queue.content.decode()
    assert "i••••" in entry["evidence"][0]["masked"]
    detail = as_staff.get(f"{API}/{flagged.pk}")
    assert detail.status_code == 200 and "idiot" not in detail.content.decode()
    full = as_staff.post(f"{API}/{flagged.pk}/full-text")
    assert full.status_code == 200 and "idiot" in full.json()["body"]
    assert AuditEvent.objects.filter(
        action="correspondence.communication.full_text_opened"
    ).exists()


def test_refer_and_dismiss(as_staff: HttpClient, flagged: Communication) -> None:
    referred = as_staff.post(f"{API}/{flagged.pk}/refer")
    assert referred.status_code == 200
    assert referred.json()["incident_id"] == Incident.objects.get().pk
    assert as_staff.post(f"{API}/{flagged.pk}/refer").status_code == 409
    assert as_staff.post(f"{API}/{flagged.pk}/dismiss").status_code == 409


def test_link(as_staff: HttpClient, client_record: Any, staff: Any) -> None:
    item = parse_email(mail(4, sender="new@else.org"), "x")
    assert isinstance(item, Item)
    store_items([item], actor=staff)
    comm = Communication.objects.get()
    url = f"{API}/{comm.pk}/link"
    assert (
        as_staff.post(url, {"reference": "CL-0"}, content_type="application/json").status_code
        == 404
    )
    ok = as_staff.post(url, {"reference": "CL-000900"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json() == {"linked": 1, "client_id": client_record.pk}
    again = as_staff.post(url, {"reference": "CL-000900"}, content_type="application/json")
    assert again.status_code == 409


def test_admin_imports_a_file(as_admin: HttpClient, tmp_path: Path) -> None:
    box = write_mbox(tmp_path / "a.mbox", [mail(1), mail(2)])
    with box.open("rb") as handle:
        created = as_admin.post(f"{API}/imports", {"file": handle})
    assert created.status_code == 201, created.content
    assert created.json()["added"] == 2
    with box.open("rb") as handle:
        again = as_admin.post(f"{API}/imports", {"file": handle})
    assert again.json()["added"] == 0 and again.json()["duplicates"] == 2


def test_demand_endpoints(as_manager: HttpClient, flagged: Communication) -> None:
    client_id = flagged.client_id
    figures = as_manager.get(f"{API}/clients/{client_id}/demand?days=365")
    assert figures.status_code == 200
    assert figures.json()["incoming"] == 1 and "Persistence" in figures.json()["reminder"]
    outliers = as_manager.get(f"{API}/demand/outliers")
    assert outliers.status_code == 200 and outliers.json()["clients"] == []
    case = as_manager.post(
        f"{API}/clients/{client_id}/demand/case", {}, content_type="application/json"
    )
    assert case.status_code == 201 and case.json()["case_id"]


def test_log_time(as_staff: HttpClient, client_record: Any) -> None:
    url = f"{API}/clients/{client_record.pk}/time"
    ok = as_staff.post(url, {"on": "2026-03-02", "minutes": 45}, content_type="application/json")
    assert ok.status_code == 201
    bad = as_staff.post(url, {"on": "2026-03-02", "minutes": 0}, content_type="application/json")
    assert bad.status_code == 422


def test_roles(
    flagged: Communication,
    as_staff: HttpClient,
    as_manager: HttpClient,
    as_admin: HttpClient,
    as_outsider: HttpClient,
) -> None:
    client_id = flagged.client_id
    gets = {
        f"{API}/review": (200, 200, 403),
        f"{API}/{flagged.pk}": (200, 200, 403),
        f"{API}/clients/{client_id}/demand": (403, 200, 403),
        f"{API}/demand/outliers": (403, 200, 403),
    }
    for url, expected in gets.items():
        assert (
            tuple(c.get(url).status_code for c in (as_staff, as_manager, as_admin)) == expected
        ), url
        assert as_outsider.get(url).status_code == 403
    for url in (
        f"{API}/{flagged.pk}/refer",
        f"{API}/{flagged.pk}/dismiss",
        f"{API}/{flagged.pk}/full-text",
        f"{API}/imports",
        f"{API}/clients/{client_id}/demand/case",
    ):
        assert as_outsider.post(url, {}, content_type="application/json").status_code in (403, 422)
    assert as_staff.post(f"{API}/imports").status_code in (403, 422)
    assert as_admin.post(f"{API}/{flagged.pk}/refer").status_code == 403
    assert HttpClient().get(f"{API}/review").status_code == 401
    assert as_staff.get(f"{API}/999999").status_code == 404


def test_oversized_uploads_are_refused(as_admin: HttpClient, settings: Any, tmp_path: Path) -> None:
    settings.CORRESPONDENCE_MAX_MESSAGE_BYTES = 1024
    big = tmp_path / "big.mbox"
    big.write_bytes(b"From x\n" + b"y" * 5000)
    with big.open("rb") as handle:
        response = as_admin.post(f"{API}/imports", {"file": handle})
    assert response.status_code == 413
    with big.open("rb") as handle:
        page = as_admin.post("/correspondence/imports/", {"upload": handle})
    assert page.status_code == 200 and "conduct ingest" in page.content.decode()
