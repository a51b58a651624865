"""Script and HTML in every text field of casework, letters and correspondence
never runs: incidents (what happened, verbatim words, wellbeing note...), case
notes, overrides, decision reasons, restriction terms, review reasons, police
referrals, support notes, evidence file names, edited letters and letter
templates (rendered by a locked-down engine), and ingested emails with HTML and
script in the subject, sender name and body.

Typed-in text goes through the forms where a form is the way in (case note,
letter edit, template edit); the rest is set up through the services, which
store exactly what the forms would. The tab ignores the CSP, so the escaping
itself is tested.
"""

from __future__ import annotations

import io
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conduct.casework.models import Decision, SupportFollowUp
from conduct.casework.services import (
    DecisionInput,
    PoliceReferralInput,
    RestrictionInput,
    ReviewInput,
    add_evidence,
    complete_support,
    record_decision,
    record_incident,
    record_override,
    record_police_referral,
    record_review,
    start_call,
)
from conduct.clients.services import ClientDetails, create_client
from conduct.correspondence.models import Communication
from conduct.letters.models import Letter
from tests.browser.conftest import Tab
from tests.browser.test_xss import ALL, IMG, SCRIPT, assert_nothing_ran
from tests.browser.world import WHEN, ensure_letter_templates, ingest
from tests.casework.conftest import details

pytestmark = pytest.mark.browser


def html_email() -> bytes:
    msg = EmailMessage()
    msg["From"] = f'"{SCRIPT}" <priya.shah@example.org>'
    msg["To"] = "enquiries@example.org"
    msg["Subject"] = f"Idiot {SCRIPT} {IMG}"
    msg["Date"] = format_datetime(WHEN)
    msg["Message-ID"] = "<xss-1@example.com>"
    msg.set_content(f"You useless idiot, I will hurt you. {ALL}")
    msg.add_alternative(
        f"<html><body onload=window.__xss=1><p>You useless idiot.</p>{ALL}"
        f"<iframe src=javascript:window.__xss=1></iframe></body></html>",
        subtype="html",
    )
    return msg.as_bytes()


def build(staff: Any, manager: Any, other_manager: Any, tmp_path: Path) -> dict[str, int]:
    ensure_letter_templates()
    client = create_client(
        ClientDetails(name="Priya Shah", emails=["priya.shah@example.org"]), actor=staff
    )
    incident = record_incident(
        details(
            client,
            what_happened=f"What {ALL}",
            verbatim_words=f"Words {ALL}",
            client_response=ALL,
            witnesses=ALL,
            wellbeing_note=f"Wellbeing {ALL}",
            wants_support=True,
        ),
        actor=staff,
    )
    add_evidence(io.BytesIO(b"%PDF-1.4 note"), f"{IMG}.pdf", actor=staff, incident=incident)
    case = incident.case
    assert case is not None
    record_override(
        case,
        ground="violence",
        reason=f"Override {ALL}",
        differs_reason=f"Differs {ALL}",
        actor=manager,
    )
    case.refresh_from_db()
    today = timezone.localdate()
    decision = record_decision(
        case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons=f"Reasons {ALL}",
            clauses=["threatening_communication"],
            adjustments_note=f"Adjustments {ALL}",
            restriction=RestrictionInput(
                starts_on=today,
                review_on=today + timedelta(days=90),
                channels_allowed=["email", "letter"],
                set_times=f"Tuesdays {SCRIPT}"[:200],
                representative_name=f"Rep {IMG}"[:200],
            ),
        ),
        actor=manager,
        expected_version=case.version,
    )
    restriction = decision.restrictions.get()
    record_review(
        restriction,
        ReviewInput(
            outcome="confirm",
            reasons=f"Review {ALL}",
            next_review_on=today + timedelta(days=60),
        ),
        actor=other_manager,
    )
    record_police_referral(
        client,
        PoliceReferralInput(
            referred_on=today, force=f"Force {IMG}", officer=SCRIPT, outcome=f"Outcome {ALL}"
        ),
        actor=manager,
        case=case,
    )
    complete_support(SupportFollowUp.objects.get(), actor=manager, note=f"Support {ALL}")
    start_call(client=client, channel="phone", caller_number="", actor=staff)
    open_case = record_incident(details(client, what_happened=ALL), actor=staff).case_id
    ingest(tmp_path, html_email())
    return {
        "client": client.pk,
        "incident": incident.pk,
        "case": case.pk,
        "open_case": open_case or 0,
        "decision": Decision.objects.get(case=case).pk,
        "restriction": restriction.pk,
        "communication": Communication.objects.get().pk,
    }


def test_payloads_in_casework_letters_and_correspondence_never_run(
    tab_without_csp: Tab,
    staff: Any,
    manager: Any,
    other_manager: Any,
    admin_user: Any,
    tmp_path: Path,
) -> None:
    ids = build(staff, manager, other_manager, tmp_path)
    tab = tab_without_csp

    # A senior manager types payloads into a case note and an edited letter.
    tab.sign_in(manager)
    page = tab.goto(f"/casework/cases/{ids['open_case']}/")
    page.get_by_label("Note", exact=False).fill(f"Note {ALL}")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("status")).to_be_visible()
    page = tab.goto(f"/letters/cases/{ids['case']}/")
    page.get_by_role("button", name="Write the restriction letter", exact=False).click()
    expect(page.get_by_label("Subject", exact=False)).to_be_visible()
    page.get_by_label("Subject", exact=False).fill(f"Subject {IMG}")
    body = page.locator("textarea").first
    body.fill(f"{body.input_value()}\n\n{ALL}\n{{{{ client.name }}}} {{% load x %}}")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status")).to_be_visible()
    letter = Letter.objects.get()
    assert ALL in letter.body

    for path in (
        f"/clients/{ids['client']}/",
        "/casework/incidents/",
        f"/casework/incidents/{ids['incident']}/",
        f"/casework/incidents/{ids['incident']}/edit/",
        "/casework/queue/",
        f"/casework/cases/{ids['case']}/",
        f"/casework/cases/{ids['open_case']}/",
        f"/casework/cases/{ids['open_case']}/decide/",
        f"/casework/restrictions/{ids['restriction']}/",
        f"/casework/restrictions/{ids['restriction']}/review/",
        "/casework/reviews/",
        "/casework/support/",
        "/casework/notifications/",
        f"/letters/cases/{ids['case']}/",
        f"/letters/{letter.pk}/",
        f"/letters/cases/{ids['case']}/police-pack/",
        "/correspondence/review/",
        f"/correspondence/{ids['communication']}/",
        f"/correspondence/clients/{ids['client']}/",
        f"/correspondence/clients/{ids['client']}/demand/",
        "/reports/",
    ):
        assert_nothing_ran(tab, path)
    # The downloadable letter (HTML) carries the payload as text only.
    document = tab.context.request.get(f"/letters/{letter.pk}/letter.html").text()
    assert "Subject" in document
    for raw in ("<script>", "<img src=x", '<a href="javascript:'):
        assert raw not in document, raw
    # The full text, opened on purpose, is still text.
    tab.goto(f"/correspondence/{ids['communication']}/")
    tab.page.get_by_role("button", name="Open the full text").click()
    expect(tab.page.get_by_text("useless idiot", exact=False).first).to_be_visible()
    assert tab.page.evaluate("typeof window.__xss") == "undefined"
    assert tab.page.locator("script:not([src]), iframe, [onload], [onerror]").count() == 0

    # Staff see the incident they recorded, with its wellbeing note.
    tab.context.clear_cookies()
    tab.sign_in(staff)
    for path in (f"/casework/incidents/{ids['incident']}/", "/correspondence/review/"):
        assert_nothing_ran(tab, path)

    # An admin edits a letter template (the locked-down engine) and reads the audit log.
    tab.context.clear_cookies()
    tab.sign_in(admin_user)
    page = tab.goto("/letters/templates/restriction/")
    body = page.locator("textarea").first
    body.fill(f"{body.input_value()}\n{ALL}")
    page.get_by_role("button", name="Save", exact=False).first.click()
    page.wait_for_load_state("load")
    for path in (
        "/letters/templates/",
        "/letters/templates/restriction/",
        "/audit/",
        f"/privacy/clients/{ids['client']}/",
    ):
        assert_nothing_ran(tab, path)
