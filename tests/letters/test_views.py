"""Every letters page, with a staff member, a senior manager, an admin and an outsider."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework.models import Decision, Review
from conduct.letters import rules
from conduct.letters.models import Letter, LetterTemplate
from conduct.letters.services import generate_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(restriction_decision: Decision, manager: Any) -> Letter:
    return generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)


def pages(letter: Letter) -> list[str]:
    case_id = letter.decision.case_id  # type: ignore[union-attr]
    return [
        f"/letters/cases/{case_id}/",
        f"/letters/cases/{case_id}/police-pack/",
        f"/letters/{letter.pk}/",
        f"/letters/{letter.pk}/letter.html",
        f"/letters/{letter.pk}/letter.pdf",
    ]


def test_staff_and_outsiders_are_refused_every_letters_page(
    letter: Letter, as_staff: HttpClient, as_outsider: HttpClient, as_admin: HttpClient
) -> None:
    posts = [
        f"/letters/decisions/{letter.decision_id}/generate/",
        f"/letters/{letter.pk}/edit/",
        f"/letters/{letter.pk}/send/",
        f"/letters/cases/{letter.decision.case_id}/police-pack/",  # type: ignore[union-attr]
    ]
    for http in (as_staff, as_outsider, as_admin):
        for url in pages(letter):
            assert http.get(url).status_code == 403, url
        for url in posts:
            assert http.post(url, {"kind": "restriction"}).status_code == 403, url
    for http in (as_staff, as_outsider):
        assert http.get("/letters/templates/").status_code == 403
        assert http.get("/letters/templates/warning/").status_code == 403
    assert Letter.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(letter: Letter, client: HttpClient) -> None:
    for url in pages(letter):
        response = client.get(url)
        assert response.status_code == 302 and "?next=/letters/" in response["Location"]


def test_the_manager_writes_a_letter_from_the_case(
    restriction_decision: Decision, as_manager: HttpClient
) -> None:
    page = as_manager.get(f"/letters/cases/{restriction_decision.case_id}/")
    assert page.status_code == 200
    assert b"Write the restriction letter" in page.content
    response = as_manager.post(
        f"/letters/decisions/{restriction_decision.pk}/generate/", {"kind": "restriction"}
    )
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/letters/{letter.pk}/"
    detail = as_manager.get(f"/letters/{letter.pk}/")
    assert detail.status_code == 200
    assert b"How to ask for a review" in detail.content
    assert b"Record as sent" in detail.content


def test_a_refused_letter_comes_back_with_the_reason(
    warning_decision: Decision, as_manager: HttpClient
) -> None:
    response = as_manager.post(
        f"/letters/decisions/{warning_decision.pk}/generate/", {"kind": "restriction"}, follow=True
    )
    assert b"a review date; the decision has none." in response.content
    assert not Letter.objects.exists()


def test_the_manager_edits_then_records_the_letter_as_sent_by_post(
    letter: Letter, as_manager: HttpClient
) -> None:
    bad = as_manager.post(
        f"/letters/{letter.pk}/edit/", {"subject": "", "body": "x", "version": letter.version}
    )
    assert bad.status_code == 400 and b"There is a problem" in bad.content
    edited = as_manager.post(
        f"/letters/{letter.pk}/edit/",
        {"subject": "Contact with us", "body": letter.body + "\n\nThank you.", "version": 1},
    )
    assert edited.status_code == 302
    letter.refresh_from_db()
    assert letter.subject == "Contact with us" and letter.body.endswith("Thank you.")
    today = timezone.localdate().isoformat()
    sent = as_manager.post(
        f"/letters/{letter.pk}/send/", {"method": "post", "sent_on": today, "version": 2}
    )
    assert sent.status_code == 302
    letter.refresh_from_db()
    assert letter.is_sent and letter.sent_via == "post"
    page = as_manager.get(f"/letters/{letter.pk}/")
    assert b"Record as sent" not in page.content and b"Sent" in page.content


def test_sending_refusals_are_shown_on_the_form(letter: Letter, as_manager: HttpClient) -> None:
    future = (timezone.localdate() + timezone.timedelta(days=2)).isoformat()
    response = as_manager.post(
        f"/letters/{letter.pk}/send/", {"method": "post", "sent_on": future, "version": 1}
    )
    assert response.status_code == 400
    assert b"cannot be in the future" in response.content


def test_downloads_are_attachments(letter: Letter, as_manager: HttpClient) -> None:
    pdf = as_manager.get(f"/letters/{letter.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert (
        pdf["Content-Disposition"] == f'attachment; filename="letter-{letter.pk}-restriction.pdf"'
    )
    assert pdf.content.startswith(b"%PDF-")
    html = as_manager.get(f"/letters/{letter.pk}/letter.html")
    assert html["Content-Disposition"].startswith("attachment;")
    assert html.content.decode() == letter.html


def test_the_review_letter_is_written_from_the_case_page(
    review: Review, as_manager: HttpClient
) -> None:
    case_id = review.restriction.decision.case_id
    assert (
        b"Write the review outcome letter" in as_manager.get(f"/letters/cases/{case_id}/").content
    )
    response = as_manager.post(f"/letters/reviews/{review.pk}/generate/")
    assert response.status_code == 302
    assert Letter.objects.get().kind == rules.REVIEW_OUTCOME


def test_the_police_pack_page_and_download(
    restriction_decision: Decision, as_manager: HttpClient
) -> None:
    url = f"/letters/cases/{restriction_decision.case_id}/police-pack/"
    assert b"Produce the pack" in as_manager.get(url).content
    response = as_manager.post(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="police-pack-case-')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "MANIFEST.sha256" in archive.namelist()
    assert AuditEvent.objects.filter(action="letters.police_pack.generated").count() == 1


def test_admins_edit_templates_and_each_save_is_a_version(
    as_admin: HttpClient, as_manager: HttpClient
) -> None:
    listing = as_admin.get("/letters/templates/")
    assert listing.status_code == 200
    assert b"Restriction letter" in listing.content and b"Phone scripts" in listing.content
    form = as_admin.get("/letters/templates/restriction/")
    assert form.status_code == 200 and b"{{ review_on }}" in form.content
    assert as_admin.get("/letters/templates/apology/").status_code == 404
    words = LetterTemplate.objects.get(kind="restriction").body
    broken = as_admin.post(
        "/letters/templates/restriction/", {"subject": "s", "body": words + "{% if %}", "note": ""}
    )
    assert broken.status_code == 400 and b"has a mistake" in broken.content
    dropped = as_admin.post(
        "/letters/templates/restriction/",
        {"subject": "s", "body": words.replace("{{ review_on }}", "later"), "note": ""},
    )
    assert dropped.status_code == 400 and b"leaves out a review date" in dropped.content
    saved = as_admin.post(
        "/letters/templates/restriction/",
        {"subject": "New subject", "body": words.replace("Dear", "Hello"), "note": "Shorter"},
    )
    assert saved.status_code == 302
    newest = LetterTemplate.objects.filter(kind="restriction").first()
    assert newest is not None and (newest.version, newest.note) == (2, "Shorter")
    assert as_manager.get("/letters/templates/").status_code == 403


def test_the_case_page_links_to_letters_and_the_police_pack(
    restriction_decision: Decision, as_manager: HttpClient, as_staff: HttpClient
) -> None:
    page = as_manager.get(f"/casework/cases/{restriction_decision.case_id}/")
    assert page.status_code == 200
    assert f'href="/letters/cases/{restriction_decision.case_id}/"'.encode() in page.content
    assert b"Police pack" in page.content
