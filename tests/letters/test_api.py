"""The letters API, with a staff member, a senior manager, an admin and an outsider."""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.casework.models import Decision, Review
from conduct.letters import rules
from conduct.letters.models import Letter
from conduct.letters.services import generate_letter

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def letter(restriction_decision: Decision, manager: Any) -> Letter:
    return generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)


def test_staff_admins_and_outsiders_get_403(
    letter: Letter, as_staff: HttpClient, as_outsider: HttpClient, as_admin: HttpClient
) -> None:
    case_id = letter.decision.case_id  # type: ignore[union-attr]
    for http in (as_staff, as_outsider, as_admin):
        assert http.get(f"/api/letters/{letter.pk}").status_code == 403
        assert http.get(f"/api/letters/{letter.pk}/pdf").status_code == 403
        assert (
            http.post(
                f"/api/letters/decisions/{letter.decision_id}/letters",
                {"kind": "restriction"},
                content_type=JSON,
            ).status_code
            == 403
        )
        assert (
            http.put(
                f"/api/letters/{letter.pk}",
                {"subject": "x", "body": "y", "version": 1},
                content_type=JSON,
            ).status_code
            == 403
        )
        assert (
            http.post(
                f"/api/letters/{letter.pk}/send",
                {"method": "post", "sent_on": timezone.localdate().isoformat()},
                content_type=JSON,
            ).status_code
            == 403
        )
        assert http.post(f"/api/letters/cases/{case_id}/police-pack").status_code == 403
    for http in (as_staff, as_outsider):
        assert http.get("/api/letters/templates").status_code == 403
    assert HttpClient().get(f"/api/letters/{letter.pk}").status_code == 401


def test_the_manager_generates_edits_and_sends_through_the_api(
    restriction_decision: Decision, as_manager: HttpClient
) -> None:
    created = as_manager.post(
        f"/api/letters/decisions/{restriction_decision.pk}/letters",
        {"kind": "restriction"},
        content_type=JSON,
    )
    assert created.status_code == 201
    data = created.json()
    assert data["status"] == "draft" and data["template_version"] == 1
    assert "How to ask for a review" in data["body"]
    letter_id = data["id"]
    assert as_manager.get(f"/api/letters/{letter_id}").json()["id"] == letter_id
    edited = as_manager.put(
        f"/api/letters/{letter_id}",
        {"subject": "Contact with us", "body": data["body"] + "\n\nThank you.", "version": 1},
        content_type=JSON,
    )
    assert edited.status_code == 200 and edited.json()["version"] == 2
    stale = as_manager.put(
        f"/api/letters/{letter_id}",
        {"subject": "x", "body": "y", "version": 1},
        content_type=JSON,
    )
    assert stale.status_code == 409
    sent = as_manager.post(
        f"/api/letters/{letter_id}/send",
        {"method": "post", "sent_on": timezone.localdate().isoformat(), "version": 2},
        content_type=JSON,
    )
    assert sent.status_code == 200
    assert sent.json()["status"] == "sent" and sent.json()["sent_via"] == "post"
    pdf = as_manager.get(f"/api/letters/{letter_id}/pdf")
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert hashlib.sha256(pdf.content).hexdigest() == sent.json()["pdf_sha256"]
    again = as_manager.put(
        f"/api/letters/{letter_id}",
        {"subject": "x", "body": "y", "version": 3},
        content_type=JSON,
    )
    assert again.status_code == 422 and "kept exactly as it was sent" in again.json()["detail"]


def test_a_restriction_letter_without_a_review_date_is_refused_with_422(
    warning_decision: Decision, as_manager: HttpClient
) -> None:
    response = as_manager.post(
        f"/api/letters/decisions/{warning_decision.pk}/letters",
        {"kind": "restriction"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "a review date; the decision has none." in response.json()["detail"]


def test_review_letters_and_unknown_records(review: Review, as_manager: HttpClient) -> None:
    created = as_manager.post(f"/api/letters/reviews/{review.pk}/letters")
    assert created.status_code == 201 and created.json()["kind"] == "review_outcome"
    assert as_manager.get("/api/letters/999999").status_code == 404
    assert as_manager.post("/api/letters/reviews/999999/letters").status_code == 404


def test_admins_read_and_change_templates(as_admin: HttpClient) -> None:
    listed = as_admin.get("/api/letters/templates")
    assert [t["kind"] for t in listed.json()] == list(rules.KINDS)
    words = listed.json()[0]["body"]
    changed = as_admin.put(
        "/api/letters/templates/warning",
        {"subject": "Your contact with us", "body": words + "\n\nThank you.", "note": "Short"},
        content_type=JSON,
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    broken = as_admin.put(
        "/api/letters/templates/warning",
        {"subject": "s", "body": "Dear {{ client_name }}"},
        content_type=JSON,
    )
    assert broken.status_code == 422 and "leaves out" in broken.json()["detail"]
    unknown = as_admin.put(
        "/api/letters/templates/apology", {"subject": "s", "body": "b"}, content_type=JSON
    )
    assert unknown.status_code == 404


def test_the_police_pack_through_the_api(
    restriction_decision: Decision, as_manager: HttpClient
) -> None:
    response = as_manager.post(f"/api/letters/cases/{restriction_decision.case_id}/police-pack")
    assert response.status_code == 201
    assert hashlib.sha256(response.content).hexdigest() == response["X-Pack-SHA256"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert {"summary.pdf", "manifest.json", "MANIFEST.sha256"} <= set(archive.namelist())
    assert as_manager.post("/api/letters/cases/999999/police-pack").status_code == 404
