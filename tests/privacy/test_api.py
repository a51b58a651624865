"""The data protection and reports API: admins and senior managers only."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

from tests.privacy.conftest import History

pytestmark = pytest.mark.django_db


def test_legal_hold_and_retention_plan_for_admins_only(
    old_history: History,
    as_staff: HttpClient,
    as_manager: HttpClient,
    as_admin: HttpClient,
    as_outsider: HttpClient,
) -> None:
    client_id = old_history.client.pk
    hold_url = f"/api/privacy/clients/{client_id}/legal-hold"
    for http in (as_staff, as_manager, as_outsider):
        assert http.get("/api/privacy/retention").status_code == 403
        response = http.post(hold_url, {"reason": "x"}, content_type="application/json")
        assert response.status_code == 403
        response = http.post(f"/api/privacy/clients/{client_id}/subject-access")
        assert response.status_code == 403
    assert HttpClient().get("/api/privacy/retention").status_code == 401
    plan = as_admin.get("/api/privacy/retention").json()
    assert {d["record_type"] for d in plan["due"]} >= {"casework", "clients", "audit"}
    created = as_admin.post(hold_url, {"reason": "Claim."}, content_type="application/json")
    assert created.status_code == 201
    again = as_admin.post(hold_url, {"reason": "Claim."}, content_type="application/json")
    assert again.status_code == 409
    plan = as_admin.get("/api/privacy/retention").json()
    assert plan["due"] == [] and plan["held"][0]["client_id"] == client_id
    lift = f"/api/privacy/legal-holds/{created.json()['id']}/lift"
    assert (
        as_admin.post(lift, {"reason": "Done."}, content_type="application/json").status_code == 200
    )
    assert (
        as_admin.post(lift, {"reason": "Done."}, content_type="application/json").status_code == 409
    )
    assert (
        as_admin.post(
            "/api/privacy/legal-holds/99999/lift", {"reason": "x"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_dashboard_over_the_api(
    history: History,
    as_staff: HttpClient,
    as_manager: HttpClient,
    as_admin: HttpClient,
    as_outsider: HttpClient,
) -> None:
    for http in (as_staff, as_admin, as_outsider):
        assert http.get("/api/reports/dashboard").status_code == 403
    body = as_manager.get("/api/reports/dashboard").json()
    tables = {t["key"]: t for t in body["tables"]}
    assert tables["incidents_by_channel"]["rows"] == [["Phone", 1]]
    bad = as_manager.get("/api/reports/dashboard?start=2026-02-01&end=2026-01-01")
    assert bad.status_code == 422
