"""The main workflows end to end, each run twice: with the mouse and by keyboard
alone (tests/browser/person.py). Services only set up what must already be
true; every step under test goes through the browser."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conduct.casework.models import Case, Incident, Restriction, Review
from conduct.clients.models import Client
from conduct.clients.services import ClientDetails, create_client
from conduct.correspondence.models import Communication
from conduct.letters.models import Letter
from conduct.notifications.models import Notification
from tests.browser.conftest import Tab
from tests.browser.person import MODES, Person
from tests.browser.world import ABUSE, decide_restriction, email, ensure_letter_templates, ingest
from tests.casework.conftest import details

pytestmark = pytest.mark.browser

mode = pytest.mark.parametrize("how", MODES)


def main(page: Page) -> Any:
    return page.locator("main")


def nav(page: Page, label: str) -> Any:
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True)


@pytest.fixture
def priya(staff: Any) -> Client:
    return create_client(
        ClientDetails(name="Priya Shah", reference="CL-000101", emails=["priya.shah@example.org"]),
        actor=staff,
    )


@mode
def test_live_call_guide_from_warning_to_call_ended(
    how: str, tab: Tab, staff: Any, manager: Any, priya: Client
) -> None:
    tab.sign_in(staff)
    page = tab.goto(f"/clients/{priya.pk}/")
    me = Person(page, how)
    me.press(page.get_by_role("button", name="A call is turning abusive"))
    expect(page.get_by_role("heading", name="Priya Shah", level=1)).to_be_visible()
    for step in (
        "Warning given",
        "Behaviour continued — I am withdrawing",
        "Call ended, caller told",
    ):
        button = page.get_by_role("button", name=step)
        expect(button).to_be_focused()  # the next step always has the focus
        me.press(button)
        expect(page.get_by_role("button", name=step)).to_have_count(0)
    expect(page.get_by_role("heading", name="The call has ended", exact=False)).to_be_visible()

    me.check(page.get_by_label("Insults, name-calling or swearing", exact=False))
    me.fill(page.get_by_label("What happened"), "Shouted and swore after the warning.")
    me.check(page.get_by_label("I would like support"))
    me.press(page.get_by_role("button", name="Save and inform Senior Management"))

    expect(page.get_by_role("status")).to_contain_text("Senior Management has been informed")
    incident = Incident.objects.get()
    assert incident.status == Incident.RECORDED
    assert [s["step"] for s in incident.call_steps] == [
        "warn_and_explain",
        "staff_withdraws",
        "inform_call_termination",
    ]
    assert incident.support_items.filter(staff_member=staff).exists()
    assert incident.case is not None
    assert Notification.objects.filter(user=manager).exists()


@mode
def test_senior_managers_investigation_decision_letter_and_restriction(
    how: str, tab: Tab, staff: Any, other_staff: Any, manager: Any, priya: Client
) -> None:
    ensure_letter_templates()
    from conduct.casework.services import record_incident

    case_id = record_incident(details(priya), actor=staff).case_id
    tab.sign_in(manager)
    page = tab.page
    me = Person(page, how)
    me.press(nav(page, "Case queue"))
    me.press(main(page).get_by_role("link", name=f"Case {case_id}", exact=True))
    expect(page.get_by_role("heading", name="Priya Shah", level=1)).to_be_visible()

    me.select(page.get_by_label("Assign to", exact=False), "manager1")
    me.press(page.get_by_role("button", name="Assign"))
    expect(page.get_by_role("status")).to_be_visible()
    me.fill(page.get_by_label("Note", exact=False), "Listened to the call recording.")
    me.press(page.get_by_role("button", name="Add note"))
    expect(main(page)).to_contain_text("Listened to the call recording.")

    me.press(page.get_by_role("link", name="Record a decision"))
    me.check(page.get_by_label("Contact restriction", exact=True))
    me.fill(
        page.get_by_label("Reasons (the client is told these)"),
        "Threats on the phone continued after a warning.",
    )
    # The clauses stand under the policy's headings, in its words; the incident's
    # category is ticked already.
    clauses = page.get_by_role("group", name="Policy clauses relied on")
    expect(clauses.get_by_role("group", name="Aggressive or abusive behaviour")).to_be_visible()
    threats = clauses.get_by_label("Threatening emails and telephone calls", exact=True)
    expect(threats).to_be_checked()
    me.check(clauses.get_by_label("Any form of physical violence or threats of physical violence"))
    me.fill(page.get_by_label("Reasonable adjustments"), "None known; writing suits the client.")
    review_on = timezone.localdate() + timedelta(days=120)
    me.fill_date(page.get_by_label("Review date"), review_on)
    me.select(page.get_by_label("Single point of contact"), "staff2")
    me.check(page.get_by_label("Email", exact=True))
    me.check(page.get_by_label("Letter", exact=True))
    me.press(page.get_by_role("button", name="Record the decision"))

    expect(page.get_by_role("heading", name="Decision")).to_be_visible()
    case = Case.objects.get(pk=case_id)
    restriction = Restriction.objects.get(decision__case=case)
    assert case.assigned_to == manager
    assert restriction.single_contact == other_staff
    assert sorted(restriction.channels_allowed) == ["email", "letter"]
    assert restriction.review_on == review_on

    me.press(main(page).get_by_role("link", name="Letters", exact=True))
    me.press(page.get_by_role("button", name="Write the restriction letter", exact=False))
    expect(page).to_have_url(re.compile(r"/letters/\d+/$"))
    letter = Letter.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(letter.pk))
    expect(main(page)).to_contain_text("staff2", ignore_case=True)

    me.press(page.get_by_role("link", name=f"Letters for case {case_id}"))
    me.press(page.get_by_role("link", name=f"Case {case_id}"))
    me.press(page.get_by_role("link", name=f"Restriction {restriction.pk}"))
    terms = page.locator(".inset").first
    expect(terms).to_contain_text("Contact in writing only, through the named contact (staff2)")
    expect(main(page)).to_contain_text(review_on.strftime("%-d %B %Y"))


@mode
def test_the_marker_is_seen_by_another_staff_member(
    how: str, tab: Tab, staff: Any, other_staff: Any, manager: Any, priya: Client
) -> None:
    decide_restriction(priya, staff, manager, single_contact=manager)
    tab.sign_in(other_staff)
    page = tab.page
    me = Person(page, how)
    me.fill(page.get_by_label("Search by name, reference, email or phone number"), "CL-000101")
    me.press(page.get_by_role("button", name="Search"))
    me.press(page.get_by_role("table").get_by_role("link", name="Priya Shah"))
    marker = page.get_by_role("region", name="Marker")
    expect(marker).to_be_visible()
    expect(marker).to_contain_text("Contact restriction in force")
    expect(marker).to_contain_text("manager1")


@mode
def test_a_review_by_a_different_manager(
    how: str, tab: Tab, staff: Any, manager: Any, other_manager: Any, priya: Client
) -> None:
    decision = decide_restriction(priya, staff, manager)
    restriction = decision.restrictions.get()
    tab.sign_in(manager)
    page = tab.goto(f"/casework/restrictions/{restriction.pk}/")
    expect(page.get_by_text("another senior manager must review it")).to_be_visible()
    expect(page.get_by_role("link", name="Review this restriction")).to_have_count(0)
    # Even at the form's address, the decider's review is refused.
    me = Person(tab.goto(f"/casework/restrictions/{restriction.pk}/review/"), how)
    # The form offers the review date as it stands; nothing moves it silently.
    expect(page.get_by_label("Next review date")).to_have_value(restriction.review_on.isoformat())
    me.choose(page.get_by_role("radio", name="Confirm", exact=False))
    me.fill(page.get_by_label("Reasons"), "I still agree with myself.")
    me.press(page.get_by_role("button", name="Record the review"))
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert not Review.objects.exists()

    tab.context.clear_cookies()
    tab.sign_in(other_manager)
    me.press(nav(page, "Reviews due"))
    me.press(main(page).get_by_role("link", name=f"Restriction {restriction.pk}"))
    me.press(page.get_by_role("link", name="Review this restriction"))
    me.choose(page.get_by_label("End", exact=True))
    me.fill(page.get_by_label("Reasons"), "Six weeks of calm, courteous contact.")
    me.press(page.get_by_role("button", name="Record the review"))

    expect(page.get_by_role("status")).to_be_visible()
    restriction.refresh_from_db()
    review = Review.objects.get()
    assert review.reviewer == other_manager and review.outcome == "end"
    assert restriction.status != Restriction.ACTIVE
    expect(main(page)).to_contain_text("manager2")


@mode
def test_a_subject_access_export_by_an_admin(
    how: str, tab: Tab, staff: Any, admin_user: Any, priya: Client
) -> None:
    tab.sign_in(admin_user)
    page = tab.goto(f"/clients/{priya.pk}/")
    me = Person(page, how)
    me.press(page.get_by_role("link", name="Subject access export and legal hold"))
    me.press(page.get_by_role("button", name="Make a subject access export"))
    # Made in the background (at once with the test task backend): the page shows the link.
    with page.expect_download() as download_info:
        me.press(page.get_by_role("link", name="Download the subject access export"))
    data = Path(download_info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        documents = [n for n in archive.namelist() if n.endswith(".json")]
        assert documents, archive.namelist()
        record = json.loads(archive.read(documents[0]))
    assert "Priya Shah" in json.dumps(record)


@mode
def test_an_abusive_email_from_arrival_to_referral(
    how: str, tab: Tab, staff: Any, manager: Any, priya: Client, tmp_path: Path
) -> None:
    ingest(tmp_path, email(1, sender="priya.shah@example.org", body=ABUSE, subject="Warning"))
    message = Communication.objects.get()
    assert message.review_state == Communication.PENDING

    tab.sign_in(staff)
    page = tab.page
    me = Person(page, how)
    me.press(nav(page, "Flagged messages"))
    item = main(page).locator("section").filter(has_text="Priya Shah")
    expect(item).to_contain_text("Do not reply")
    preview = item.get_by_label("Redacted preview")
    expect(preview).to_be_visible()
    expect(preview).not_to_contain_text("idiot")
    expect(preview.locator("mark.evidence").first).to_be_visible()

    # Each masked span says, on the page, what it may be and why.
    expect(preview).to_contain_text("Any form of physical violence or threats of physical violence")
    expect(preview).not_to_contain_text("[violence]")

    me.press(item.get_by_role("button", name="Refer"))
    expect(page.get_by_role("status")).to_contain_text("Referred to Senior Management")
    message.refresh_from_db()
    assert message.review_state == Communication.REFERRED and message.do_not_reply
    incident = Incident.objects.get(pk=message.incident_id)
    assert incident.client == priya and incident.channel == "email"
    assert incident.case is not None
    # The confirmation leads to the incident, which holds the message as evidence.
    me.press(page.get_by_role("status").get_by_role("link", name=f"incident {incident.pk}"))
    expect(page.get_by_role("heading", name="Priya Shah", level=1)).to_be_visible()
    evidence = incident.evidence.get()
    expect(main(page)).to_contain_text(evidence.sha256)
    expect(main(page).get_by_role("link", name=evidence.original_name)).to_be_visible()
    assert evidence.original_name.endswith(".eml")
    expect(main(page)).to_contain_text("An email from priya.shah@example.org")
    expect(main(page)).to_contain_text(
        "Did not reply. Referred the email to the Senior Management team."
    )
    expect(main(page)).not_to_contain_text("Refer the call")
