"""Every casework endpoint with a staff member, a senior manager and an outsider."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework.models import Incident, Restriction

pytestmark = pytest.mark.django_db
API = "/api/casework"


def post(http: HttpClient, url: str, data: dict[str, Any]) -> Any:
    return http.post(API + url, json.dumps(data, default=str), content_type="application/json")


def put(http: HttpClient, url: str, data: dict[str, Any]) -> Any:
    return http.put(API + url, json.dumps(data, default=str), content_type="application/json")


def incident_payload(client_id: int | None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "client_id": client_id,
        "channel": "phone",
        "occurred_at": timezone.now().isoformat(),
        "categories": ["threatening_communication"],
        "what_happened": "Threatened to come round.",
        "warning_given": True,
        "staff_actions": ["end_call"],
    }
    data.update(changes)
    return data


def decision_payload(version: int, **changes: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "outcomes": ["contact_restriction"],
        "reasons": "Threats after a warning.",
        "clauses": ["threatening_communication"],
        "adjustments_note": "None known; writing offered.",
        "restriction": {
            "starts_on": today.isoformat(),
            "review_on": (today + timedelta(days=180)).isoformat(),
            "channels_allowed": ["email", "letter"],
        },
        "version": version,
    }
    data.update(changes)
    return data


def test_the_seed_procedure_end_to_end_through_the_api(
    client_record: Any, staff: Any, other_staff: Any, manager: Any, other_manager: Any
) -> None:
    as_staff, as_manager, as_other_manager, as_other_staff = (HttpClient() for _ in range(4))
    as_staff.force_login(staff)
    as_manager.force_login(manager)
    as_other_manager.force_login(other_manager)
    as_other_staff.force_login(other_staff)

    # warn -> withdraw -> call ended -> Senior Management informed
    response = post(as_staff, "/calls", {"client_id": client_record.pk, "channel": "phone"})
    assert response.status_code == 201, response.content
    incident_id = response.json()["id"]
    response = post(as_staff, f"/calls/{incident_id}/steps", {"step": "staff_withdraws"})
    assert response.status_code == 422 and "call_guide_order" in response.json()["detail"]
    for step in ["warn_and_explain", "staff_withdraws", "inform_call_termination"]:
        assert post(as_staff, f"/calls/{incident_id}/steps", {"step": step}).status_code == 200
    response = post(
        as_staff,
        f"/calls/{incident_id}/finish",
        {
            "categories": ["threatening_communication"],
            "what_happened": "Threats.",
            "wants_support": True,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "recorded" and body["police_referral_suggested"] is True
    case_id = body["case_id"]

    # investigation
    queue = as_manager.get(API + "/cases").json()
    assert [c["id"] for c in queue["items"]] == [case_id] and queue["count"] == 1
    assert (
        post(as_manager, f"/cases/{case_id}/assign", {"assignee_id": manager.pk}).status_code == 200
    )
    assert (
        post(as_manager, f"/cases/{case_id}/notes", {"text": "Checked the recording."}).status_code
        == 201
    )

    # decision refusals, then the restriction
    version = as_manager.get(API + f"/cases/{case_id}").json()["version"]
    response = post(as_staff, f"/cases/{case_id}/decision", decision_payload(version))
    assert response.status_code == 403
    response = post(as_manager, f"/cases/{case_id}/decision", decision_payload(version, reasons=""))
    assert response.status_code == 422 and "decision_has_reasons" in response.json()["detail"]
    response = post(as_manager, f"/cases/{case_id}/decision", decision_payload(version, clauses=[]))
    assert "decision_cites_clause" in response.json()["detail"]
    bad = decision_payload(version)
    bad["restriction"]["review_on"] = None
    assert (
        "restriction_has_review_date"
        in post(as_manager, f"/cases/{case_id}/decision", bad).json()["detail"]
    )
    bad["restriction"]["review_on"] = (timezone.localdate() + timedelta(days=400)).isoformat()
    assert (
        "restriction_review_within_maximum"
        in post(as_manager, f"/cases/{case_id}/decision", bad).json()["detail"]
    )
    response = post(as_manager, f"/cases/{case_id}/decision", decision_payload(version))
    assert response.status_code == 201, response.content
    restriction_id = response.json()["restrictions"][0]["id"]
    response = post(as_other_manager, f"/cases/{case_id}/decision", decision_payload(version))
    assert response.status_code == 409 and "Another senior manager" in response.json()["detail"]

    # marker visible to another staff member, in the client representation
    client_json = as_other_staff.get(f"/api/clients/{client_record.pk}").json()
    assert client_json["marker"].startswith("Contact restriction in force: Contact in writing only")
    assert (
        as_other_staff.get(API + f"/clients/{client_record.pk}/marker").json()["headline"]
        == "Contact restriction in force"
    )

    # review by a different manager
    review = {
        "outcome": "confirm",
        "reasons": "Still needed.",
        "next_review_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
    }
    response = post(as_manager, f"/restrictions/{restriction_id}/reviews", review)
    assert response.status_code == 422 and "reviewer_not_decider" in response.json()["detail"]
    assert (
        post(as_other_manager, f"/restrictions/{restriction_id}/reviews", review).status_code == 201
    )
    assert (
        as_manager.get(API + f"/restrictions/{restriction_id}").json()["review_on"]
        == review["next_review_on"]
    )

    # police referral
    response = post(
        as_manager,
        f"/cases/{case_id}/police-referrals",
        {
            "referred_on": timezone.localdate().isoformat(),
            "force": "West Yorkshire Police",
            "officer": "PC 1",
            "crime_reference": "13/1",
            "outcome": "Under investigation",
        },
    )
    assert response.status_code == 201
    referral_id = response.json()["id"]
    update = {"officer": "PC 1", "crime_reference": "13/1", "outcome": "Charged"}
    assert put(as_staff, f"/police-referrals/{referral_id}", update).status_code == 403
    assert (
        put(as_manager, f"/police-referrals/{referral_id}", update).json()["outcome"] == "Charged"
    )

    # timeline and audit: each step once, with its actor
    kinds = [e["kind"] for e in as_staff.get(API + f"/clients/{client_record.pk}/timeline").json()]
    for kind in [
        "incident",
        "warning",
        "case",
        "decision",
        "restriction",
        "review",
        "police_referral",
    ]:
        assert kind in kinds
    for action, actor in [
        ("casework.call.started", staff),
        ("casework.incident.recorded", staff),
        ("casework.case.assigned", manager),
        ("casework.case.noted", manager),
        ("casework.decision.recorded", manager),
        ("casework.review.recorded", other_manager),
        ("casework.police_referral.recorded", manager),
        ("casework.police_referral.updated", manager),
    ]:
        events = AuditEvent.objects.filter(action=action)
        assert events.count() == 1, action
        assert events.get().actor == actor, action
    assert AuditEvent.objects.filter(action="casework.call.step_recorded").count() == 3

    # support follow-up
    items = as_manager.get(API + "/support").json()
    assert len(items) == 1
    assert (
        post(as_manager, f"/support/{items[0]['id']}/done", {"note": "Talked."}).status_code == 200
    )
    assert as_manager.get(API + "/notifications").json()


def test_incident_crud_link_and_evidence(
    as_staff: Any, client_record: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    response = post(as_staff, "/incidents", incident_payload(None, caller_number="0113 496 0000"))
    assert response.status_code == 201
    body = response.json()
    assert body["client_id"] is None
    assert post(as_staff, "/incidents", incident_payload(None)).status_code == 422
    update = incident_payload(
        None, caller_number="0113 496 0000", what_happened="Corrected.", version=1, reason="typo"
    )
    assert put(as_staff, f"/incidents/{body['id']}", update).status_code == 200
    assert put(as_staff, f"/incidents/{body['id']}", update).status_code == 422  # stale version
    assert (
        post(as_staff, f"/incidents/{body['id']}/link", {"client_id": client_record.pk}).json()[
            "client_id"
        ]
        == client_record.pk
    )
    upload = SimpleUploadedFile("shot.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    response = as_staff.post(API + f"/incidents/{body['id']}/evidence", {"file": upload})
    assert response.status_code == 201 and response.json()["content_type"] == "image/png"
    upload = SimpleUploadedFile(
        "page.html", b"<html><body>hi</body></html>", content_type="text/html"
    )
    assert (
        as_staff.post(API + f"/incidents/{body['id']}/evidence", {"file": upload}).status_code
        == 422
    )
    evidence_id = as_staff.get(API + f"/incidents/{body['id']}").json()["evidence"][0]["id"]
    download = as_staff.get(API + f"/evidence/{evidence_id}")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/octet-stream"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert [i["id"] for i in as_staff.get(API + "/incidents").json()] == [body["id"]]


def test_outsider_is_refused_everywhere(as_outsider: Any, client_record: Any, staff: Any) -> None:
    incident = Incident.objects.none()
    assert not incident
    gets = [
        "/incidents",
        "/incidents/1",
        "/cases",
        "/cases/1",
        "/restrictions/1",
        f"/clients/{client_record.pk}/marker",
        f"/clients/{client_record.pk}/timeline",
        "/support",
        "/evidence/1",
    ]
    for url in gets:
        assert as_outsider.get(API + url).status_code == 403, url
    version = {"version": 1}
    posts: dict[str, dict[str, Any]] = {
        "/incidents": incident_payload(client_record.pk),
        "/calls": {"client_id": client_record.pk},
        "/calls/1/steps": {"step": "warn_and_explain"},
        "/calls/1/finish": {"categories": ["violence"], "what_happened": "x"},
        "/incidents/1/link": {"client_id": client_record.pk},
        "/cases/1/assign": {"assignee_id": staff.pk},
        "/cases/1/notes": {"text": "x"},
        "/cases/1/link": {"other_case_id": 2},
        "/cases/1/override": {"ground": "violence", "reason": "x"},
        "/cases/1/decision": {"outcomes": ["no_further_action"], **version},
        "/cases/1/police-referrals": {"force": "x"},
        "/restrictions/1/reviews": {"outcome": "end"},
        "/support/1/done": {},
    }
    for url, body in posts.items():
        assert post(as_outsider, url, body).status_code == 403, url
    for url in ["/incidents/1/evidence", "/cases/1/evidence"]:
        upload = SimpleUploadedFile("a.txt", b"hello", content_type="text/plain")
        assert as_outsider.post(API + url, {"file": upload}).status_code == 403, url
    assert as_outsider.get(API + "/notifications").status_code == 403


def test_staff_cannot_use_manager_endpoints_or_see_others_incidents(
    as_staff: Any, other_staff: Any, client_record: Any
) -> None:
    for url in ["/cases", "/cases/1", "/restrictions/1", "/support"]:
        assert as_staff.get(API + url).status_code == 403, url
    http = HttpClient()
    http.force_login(other_staff)
    incident_id = post(http, "/incidents", incident_payload(client_record.pk)).json()["id"]
    assert as_staff.get(API + f"/incidents/{incident_id}").status_code == 404
    assert (
        post(
            as_staff, f"/cases/{incident_id}/override", {"ground": "violence", "reason": "x"}
        ).status_code
        == 403
    )


def test_manager_override_and_link(as_manager: Any, client_record: Any, staff: Any) -> None:
    http = HttpClient()
    http.force_login(staff)
    first = post(
        http,
        "/incidents",
        incident_payload(client_record.pk, warning_given=False, categories=["violence"]),
    ).json()
    second = post(http, "/incidents", incident_payload(client_record.pk)).json()
    assert (
        post(
            as_manager, f"/cases/{first['case_id']}/override", {"ground": "rudeness", "reason": "x"}
        ).status_code
        == 422
    )
    assert (
        post(
            as_manager,
            f"/cases/{first['case_id']}/override",
            {"ground": "violence", "reason": "Hit a colleague."},
        ).json()["override_ground"]
        == "violence"
    )
    linked = post(
        as_manager, f"/cases/{first['case_id']}/link", {"other_case_id": second["case_id"]}
    ).json()
    assert sorted(linked["incident_ids"]) == sorted([first["id"], second["id"]])
    assert Restriction.objects.count() == 0
    upload = SimpleUploadedFile(
        "note.txt", b"Statement from the receptionist.", content_type="text/plain"
    )
    response = as_manager.post(API + f"/cases/{first['case_id']}/evidence", {"file": upload})
    assert response.status_code == 201 and response.json()["content_type"] == "text/plain"


def test_openapi_documents_casework(as_staff: Any) -> None:
    schema = HttpClient().get("/api/openapi.json").json()
    assert "/api/casework/cases/{case_id}/decision" in schema["paths"]
    assert "/api/casework/restrictions/{restriction_id}/reviews" in schema["paths"]


def test_a_restriction_dated_in_the_past_or_far_ahead_is_refused_with_its_reason(
    as_manager: Any, client_record: Any, staff: Any
) -> None:
    http = HttpClient()
    http.force_login(staff)
    case_id = post(http, "/incidents", incident_payload(client_record.pk)).json()["case_id"]
    version = as_manager.get(f"{API}/cases/{case_id}").json()["version"]
    today = timezone.localdate()

    def dated(starts: int, review: int) -> Any:
        payload = decision_payload(version)
        payload["restriction"]["starts_on"] = (today + timedelta(days=starts)).isoformat()
        payload["restriction"]["review_on"] = (today + timedelta(days=review)).isoformat()
        return post(as_manager, f"/cases/{case_id}/decision", payload)

    for starts, review in [(-200, -20), (-200, 100), (-1, 150), (3 * 365, 3 * 365 + 100)]:
        response = dated(starts, review)
        assert response.status_code == 422, (starts, review)
        detail = response.json()["detail"]
        assert "restriction_starts_from_today" in detail
        assert "A restriction" in detail and "start" in detail
    assert Restriction.objects.count() == 0
    assert dated(0, 180).status_code == 201


def test_an_override_on_a_ground_the_incidents_do_not_record_must_say_why(
    as_manager: Any, client_record: Any, staff: Any
) -> None:
    http = HttpClient()
    http.force_login(staff)
    payload = incident_payload(client_record.pk, categories=["excessive_correspondence"])
    case_id = post(http, "/incidents", payload).json()["case_id"]
    override = {"ground": "violence", "reason": "Pushed a colleague at reception."}
    refused = post(as_manager, f"/cases/{case_id}/override", override)
    assert refused.status_code == 422
    assert "override_matches_categories" in refused.json()["detail"]
    explained = {**override, "differs_reason": "The push was not recorded as an incident yet."}
    accepted = post(as_manager, f"/cases/{case_id}/override", explained)
    assert accepted.status_code == 200 and accepted.json()["override_ground"] == "violence"
    event = AuditEvent.objects.filter(action="casework.override.recorded").get()
    assert event.payload["matches_categories"] is False


def test_reading_a_case_through_the_api_is_audited_like_the_page(
    as_manager: Any, client_record: Any, staff: Any
) -> None:
    staff_http = HttpClient()
    staff_http.force_login(staff)
    case_id = post(staff_http, "/incidents", incident_payload(client_record.pk)).json()["case_id"]
    assert as_manager.get(f"{API}/cases/{case_id}").status_code == 200
    assert as_manager.get(f"/casework/cases/{case_id}/").status_code == 200
    api_view, page_view = AuditEvent.objects.filter(action="casework.case.viewed").order_by("seq")
    for event, door in ((api_view, "api"), (page_view, "page")):
        assert event.target_id == str(case_id) and event.client_id == client_record.pk
        assert event.payload == {"case_id": case_id, "door": door}
        assert event.actor_label == "manager1"
