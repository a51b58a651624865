"""The requests API with the standing cast."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient

from conduct.audit.models import AuditEvent
from conduct.requests.models import ClientRequest


def post(http: HttpClient, url: str, data: dict[str, Any]) -> Any:
    return http.post(url, data, content_type="application/json")


def test_record_extend_and_list_the_31_january_example(
    on_10_february: None, as_staff: HttpClient, as_admin: HttpClient, client_record: Any
) -> None:
    made = post(
        as_staff,
        "/api/requests/",
        {
            "client_id": client_record.pk,
            "kind": "subject_access",
            "channel": "email",
            "received_on": "2026-01-31",
            "summary": "Copy of my data.",
        },
    )
    assert made.status_code == 201
    body = made.json()
    assert body["due_on"] == "2026-02-28"
    assert body["reference"].startswith("REQ-")
    extended = post(
        as_admin, f"/api/requests/{body['id']}/extend", {"months": 2, "reason": "Complex."}
    )
    assert extended.status_code == 200
    assert extended.json()["deadline"] == "2026-04-30"
    again = post(as_admin, f"/api/requests/{body['id']}/extend", {"months": 1, "reason": "More."})
    assert again.status_code == 409
    assert "already been extended" in again.json()["detail"]
    listed = as_admin.get("/api/requests/?show=open").json()
    assert [(r["reference"], r["deadline"]) for r in listed] == [(body["reference"], "2026-04-30")]


def test_bad_input_is_a_clear_4xx(
    on_10_february: None, as_staff: HttpClient, as_admin: HttpClient, client_record: Any
) -> None:
    bad = post(as_staff, "/api/requests/", {"client_id": client_record.pk, "kind": "complaint"})
    assert bad.status_code == 422
    future = post(
        as_staff,
        "/api/requests/",
        {
            "client_id": client_record.pk,
            "kind": "review",
            "channel": "phone",
            "received_on": "2026-03-01",
            "summary": "Review.",
        },
    )
    assert future.status_code == 422
    assert "future" in future.json()["detail"]
    missing = post(
        as_staff,
        "/api/requests/",
        {
            "client_id": 999999,
            "kind": "review",
            "channel": "phone",
            "received_on": "2026-02-01",
            "summary": "Review.",
        },
    )
    assert missing.status_code == 404
    assert not ClientRequest.objects.exists()
    assert as_admin.get("/api/requests/?show=sideways").status_code == 422


def test_who_may_do_what(
    sar: ClientRequest,
    review_request: ClientRequest,
    as_staff: HttpClient,
    as_manager: HttpClient,
    as_admin: HttpClient,
    as_outsider: HttpClient,
) -> None:
    for http in (as_staff, as_outsider):
        assert http.get("/api/requests/").status_code == 403
        assert http.get(f"/api/requests/{sar.pk}").status_code == 403
    assert HttpClient().get("/api/requests/").status_code == 401
    assert [r["id"] for r in as_manager.get("/api/requests/").json()] == [review_request.pk]
    assert as_manager.get(f"/api/requests/{sar.pk}").status_code == 404
    assert [r["id"] for r in as_admin.get("/api/requests/").json()] == [sar.pk]
    assert as_admin.get(f"/api/requests/{sar.pk}").json()["reference"] == sar.reference
    assert AuditEvent.objects.filter(action="requests.request.viewed").count() == 1


def test_close_and_export(sar: ClientRequest, as_admin: HttpClient) -> None:
    export = as_admin.post(f"/api/requests/{sar.pk}/subject-access")
    assert export.status_code == 202
    body = export.json()
    assert body["state"] == "queued" and body["request_reference"] == sar.reference
    assert body["client_id"] == sar.client_id and body["redact_third_parties"] is True
    assert body["status_url"] == f"/api/privacy/subject-access/{body['id']}"
    assert body["download_url"] is None
    assert as_admin.get(body["status_url"]).json()["state"] == "queued"
    shown = as_admin.get(f"/api/requests/{sar.pk}").json()
    assert shown["export_id"] == body["id"] and shown["exported_at"] is not None
    closed = post(
        as_admin,
        f"/api/requests/{sar.pk}/close",
        {"outcome": "answered", "closed_on": "2026-02-10", "note": "Sent."},
    )
    assert closed.json()["standing"] == "on_time"
    assert as_admin.post(f"/api/requests/{sar.pk}/subject-access").status_code == 409
    late = post(
        as_admin,
        f"/api/requests/{sar.pk}/close",
        {"outcome": "answered", "closed_on": "2026-02-10"},
    )
    assert late.status_code == 409
