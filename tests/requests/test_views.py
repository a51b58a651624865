"""The request pages with the standing cast: staff record, admins answer subject
access, senior managers answer reviews, an outsider gets nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client as HttpClient

from conduct.audit.models import AuditEvent
from conduct.privacy.models import SubjectAccessExport
from conduct.requests import rules
from conduct.requests.models import ClientRequest


def test_staff_record_a_request_at_the_front_desk_and_are_given_the_reference(
    on_10_february: None, as_staff: HttpClient, client_record: Any
) -> None:
    response = as_staff.post(
        f"/requests/new/{client_record.pk}/",
        {
            "kind": "subject_access",
            "channel": "front_desk",
            "received_on": "2026-01-31",
            "summary": "A copy of my records.",
        },
        follow=True,
    )
    made = ClientRequest.objects.get()
    assert made.due_on == date(2026, 2, 28)
    assert response.redirect_chain[-1][0] == f"/clients/{client_record.pk}/"
    assert (
        f"Request {made.reference} recorded: due by 28 February 2026" in response.content.decode()
    )


def test_a_bad_form_is_shown_again_with_its_errors(
    on_10_february: None, as_staff: HttpClient, client_record: Any
) -> None:
    response = as_staff.post(
        f"/requests/new/{client_record.pk}/",
        {
            "kind": "subject_access",
            "channel": "front_desk",
            "received_on": "2026-02-11",
            "summary": "x",
        },
    )
    assert response.status_code == 400
    assert "cannot have been received in the future" in response.content.decode()
    response = as_staff.post(f"/requests/new/{client_record.pk}/", {"received_on": "not a date"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
    assert not ClientRequest.objects.exists()


def test_the_outsider_gets_nothing(as_outsider: HttpClient, sar: ClientRequest) -> None:
    assert as_outsider.get("/requests/").status_code == 403
    assert as_outsider.get(f"/requests/{sar.pk}/").status_code == 403
    assert as_outsider.get(f"/requests/new/{sar.client_id}/").status_code == 403
    assert (
        as_outsider.post(f"/requests/{sar.pk}/extend", {"months": 1, "reason": "x"}).status_code
        == 403
    )


def test_staff_record_but_do_not_see_the_queue(as_staff: HttpClient, sar: ClientRequest) -> None:
    assert as_staff.get(f"/requests/new/{sar.client_id}/").status_code == 200
    assert as_staff.get("/requests/").status_code == 403
    assert as_staff.get(f"/requests/{sar.pk}/").status_code == 403


def test_a_manager_does_not_see_subject_access_requests(
    as_manager: HttpClient, sar: ClientRequest, review_request: ClientRequest
) -> None:
    page = as_manager.get("/requests/").content.decode()
    assert review_request.reference in page
    assert sar.reference not in page
    assert as_manager.get(f"/requests/{sar.pk}/").status_code == 404


def test_the_queue_shows_due_and_overdue(as_admin: HttpClient, sar: ClientRequest) -> None:
    from freezegun import freeze_time

    with freeze_time("2026-02-22"):
        page = as_admin.get("/requests/?show=due").content.decode()
    assert sar.reference in page
    assert "Due in 6 day(s)" in page
    with freeze_time("2026-03-02"):
        page = as_admin.get("/requests/?show=overdue").content.decode()
        assert "Overdue by 2 day(s)" in page
        assert sar.reference not in as_admin.get("/requests/?show=closed").content.decode()
    assert as_admin.get("/requests/?show=nonsense").status_code == 200


def test_an_admin_extends_and_the_page_shows_30_april(
    as_admin: HttpClient, sar: ClientRequest
) -> None:
    response = as_admin.post(
        f"/requests/{sar.pk}/extend",
        {"months": "2", "reason": "Records across three teams.", "told_on": "2026-02-10"},
        follow=True,
    )
    page = response.content.decode()
    assert "now due by 30 April 2026" in page
    assert "From 28 February 2026, by 2 month(s); the client was told on 10 February 2026" in page
    assert AuditEvent.objects.filter(action="requests.request.viewed").exists()


def test_an_extension_without_a_reason_is_refused_on_the_page(
    as_admin: HttpClient, sar: ClientRequest
) -> None:
    response = as_admin.post(f"/requests/{sar.pk}/extend", {"months": "3", "reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    sar.refresh_from_db()
    assert sar.extended_due_on is None


def test_closing_and_the_answer_letter_quotes_the_reference(
    as_admin: HttpClient, sar: ClientRequest
) -> None:
    response = as_admin.post(
        f"/requests/{sar.pk}/close",
        {"outcome": "answered", "closed_on": "2026-02-10", "note": "Your records are enclosed."},
        follow=True,
    )
    assert "Answered on time" in response.content.decode()
    letter = as_admin.get(f"/requests/{sar.pk}/letters/answer")
    assert letter.status_code == 200
    text = letter.content.decode()
    assert f"Please quote the reference {sar.reference}" in text
    assert "Your records are enclosed." in text
    assert AuditEvent.objects.filter(action="requests.letter.downloaded").count() == 1


def test_letters_a_request_does_not_have_yet_are_not_found(
    as_admin: HttpClient, sar: ClientRequest
) -> None:
    assert as_admin.get(f"/requests/{sar.pk}/letters/extension").status_code == 404
    assert as_admin.get(f"/requests/{sar.pk}/letters/answer").status_code == 404
    assert as_admin.get(f"/requests/{sar.pk}/letters/bogus").status_code == 404
    text = as_admin.get(f"/requests/{sar.pk}/letters/acknowledgement").content.decode()
    assert "We will answer by 28 February 2026" in text
    assert sar.reference in text


def test_the_extension_letter_tells_the_client_why_and_the_new_date(
    as_admin: HttpClient, sar: ClientRequest
) -> None:
    as_admin.post(
        f"/requests/{sar.pk}/extend",
        {"months": "2", "reason": "Three years of records.", "told_on": "2026-02-10"},
    )
    text = as_admin.get(f"/requests/{sar.pk}/letters/extension").content.decode()
    assert "will answer by 30 April 2026" in text
    assert "Why: Three years of records." in text
    assert "Article 12(3)" in text


def test_the_export_is_asked_for_from_the_request_and_the_page_follows_it(
    as_admin: HttpClient, sar: ClientRequest, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = as_admin.post(
            f"/requests/{sar.pk}/subject-access", {"redact_third_parties": "on"}
        )
    export = SubjectAccessExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/privacy/exports/{export.pk}/"
    assert export.request_reference == sar.reference and export.redact_third_parties
    sar.refresh_from_db()
    assert sar.export == export
    progress = as_admin.get(response["Location"]).content.decode()
    assert "being made in the background" in progress and sar.reference in progress
    page = as_admin.get(f"/requests/{sar.pk}/").content.decode()
    assert f'href="/privacy/exports/{export.pk}/"' in page
    assert "Waiting to start" in page and "(answers the request)" in page

    queued[0]()  # the background worker's part

    export.refresh_from_db()
    assert export.state == SubjectAccessExport.State.READY, export.error
    page = as_admin.get(f"/requests/{sar.pk}/").content.decode()
    assert "Ready to download" in page
    assert export.sha256[:16] in page


def test_a_closed_request_is_not_exported_from_the_page(
    as_admin: HttpClient, sar: ClientRequest
) -> None:
    as_admin.post(
        f"/requests/{sar.pk}/close",
        {"outcome": "withdrawn", "closed_on": "2026-02-10", "note": ""},
    )
    response = as_admin.post(f"/requests/{sar.pk}/subject-access", follow=True)
    assert response.redirect_chain[-1][0] == f"/requests/{sar.pk}/"
    assert b"This request is closed." in response.content
    assert not SubjectAccessExport.objects.exists()


def test_a_manager_answers_a_review_but_not_subject_access(
    as_manager: HttpClient, sar: ClientRequest, review_request: ClientRequest
) -> None:
    assert as_manager.post(f"/requests/{sar.pk}/subject-access").status_code == 404
    response = as_manager.post(
        f"/requests/{review_request.pk}/close",
        {"outcome": "answered", "closed_on": "2026-02-10", "note": "The decision stands."},
    )
    assert response.status_code == 302
    review_request.refresh_from_db()
    assert review_request.status == rules.ANSWERED


def test_the_client_page_offers_to_record_a_request(
    as_staff: HttpClient, client_record: Any
) -> None:
    page = as_staff.get(f"/clients/{client_record.pk}/").content.decode()
    assert f"/requests/new/{client_record.pk}/" in page


def test_the_reference_the_client_quotes_finds_the_request(
    as_admin: HttpClient, as_manager: HttpClient, sar: ClientRequest
) -> None:
    response = as_admin.get("/requests/", {"reference": sar.reference.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/requests/{sar.pk}/"
    page = as_manager.get("/requests/", {"reference": sar.reference}).content.decode()
    assert f"No request {sar.reference} among those you answer." in page
