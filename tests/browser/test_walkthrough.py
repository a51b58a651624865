"""What a new user met in chromium, walked again: long words, forms and their errors,
an unfinished call, the timeline's links, the queue's history, the audit filter."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conduct.casework.models import Incident
from conduct.casework.services import record_call_step, record_incident, start_call
from conduct.clients.models import Client
from conduct.clients.services import ClientDetails, create_client
from tests.browser.conftest import VIEWPORT, Tab
from tests.browser.person import MODES, Person
from tests.browser.world import decide_restriction
from tests.casework.conftest import details

pytestmark = pytest.mark.browser

mode = pytest.mark.parametrize("how", MODES)
UNBROKEN = "A" * 3000


def main(page: Page) -> Any:
    return page.locator("main")


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.fixture
def priya(staff: Any) -> Client:
    return create_client(
        ClientDetails(
            name="Priya Shah",
            reference="CL-000101",
            emails=["priya.shah@example.org"],
            notes=UNBROKEN,
        ),
        actor=staff,
    )


def test_a_long_unbroken_word_wraps_on_every_page_it_reaches(
    tab: Tab, staff: Any, manager: Any, priya: Client
) -> None:
    incident = record_incident(
        details(priya, what_happened=UNBROKEN, verbatim_words=UNBROKEN, witnesses=UNBROKEN),
        actor=staff,
    )
    pages = {
        staff: [
            f"/casework/incidents/{incident.pk}/",
            "/casework/incidents/",
            f"/clients/{priya.pk}/",
            f"/clients/{priya.pk}/edit/",
        ],
        manager: [
            f"/casework/cases/{incident.case_id}/",
            f"/casework/cases/{incident.case_id}/decide/",
            "/casework/queue/",
        ],
    }
    for user, paths in pages.items():
        tab.context.clear_cookies()
        tab.sign_in(user)
        for path in paths:
            page = tab.goto(path)
            assert page_width(page) <= VIEWPORT["width"], (path, page_width(page))


@mode
def test_the_decision_page_moves_focus_to_its_error_summary(
    how: str, tab: Tab, staff: Any, manager: Any, priya: Client
) -> None:
    case_id = record_incident(details(priya), actor=staff).case_id
    tab.sign_in(manager)
    page = tab.goto(f"/casework/cases/{case_id}/decide/")
    me = Person(page, how)
    me.press(page.get_by_role("button", name="Record the decision"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose at least one outcome.")
    assert page.title().startswith("Error:")


@mode
def test_the_note_and_override_forms_use_the_error_summary_not_the_browsers_popups(
    how: str, tab: Tab, staff: Any, manager: Any, priya: Client
) -> None:
    case_id = record_incident(details(priya), actor=staff).case_id
    tab.sign_in(manager)
    page = tab.goto(f"/casework/cases/{case_id}/")
    me = Person(page, how)
    me.press(page.get_by_role("button", name="Add note"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()  # the server answered: no pop-up stopped the form
    expect(
        summary.get_by_role("link", name="Investigation note: This field is required.")
    ).to_be_visible()
    me.press(summary.get_by_role("link", name="Investigation note", exact=False))
    expect(page.get_by_label("Investigation note")).to_be_focused()

    me.press(page.get_by_text("Record a zero-tolerance override", exact=False))
    me.press(page.get_by_role("button", name="Record override"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Reason for the override: This field is required.")
    expect(page.get_by_role("button", name="Record override")).to_be_visible()  # still open
    assert not tab.dialogs


@mode
def test_an_unfinished_call_waits_on_the_home_page(
    how: str, tab: Tab, staff: Any, priya: Client
) -> None:
    live = start_call(client=priya, channel="phone", actor=staff)
    for step in ("warn_and_explain", "staff_withdraws", "inform_call_termination"):
        live = record_call_step(live, step, actor=staff)
    tab.sign_in(staff)
    page = tab.page
    banner = page.get_by_role("region", name="Unfinished live-call record")
    expect(banner).to_contain_text("If it is not finished, it is referred to Senior Management")
    me = Person(page, how)
    me.press(banner.get_by_role("link", name="Finish the record of the call with Priya Shah"))
    expect(page.get_by_role("heading", name="The call has ended", exact=False)).to_be_visible()
    tab.goto("/casework/incidents/")
    expect(main(page).get_by_role("table", name="Unfinished live calls")).to_contain_text(
        "Unfinished"
    )
    assert Incident.objects.get().status == Incident.LIVE


def test_every_timeline_link_a_member_of_staff_sees_opens(
    tab: Tab, staff: Any, other_staff: Any, manager: Any, priya: Client
) -> None:
    decide_restriction(priya, staff, manager)
    own = record_incident(details(priya, warning_given=False), actor=other_staff)
    tab.sign_in(other_staff)
    page = tab.goto(f"/clients/{priya.pk}/")
    links = page.locator("ol.timeline a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [f"/casework/incidents/{own.pk}/"]
    for href in hrefs:
        tab.goto(str(href))
        expect(page.get_by_text("You do not have access")).to_have_count(0)
        expect(page.get_by_role("heading", name="Priya Shah", level=1)).to_be_visible()


def test_the_queue_shows_the_clients_history(
    tab: Tab, staff: Any, manager: Any, priya: Client
) -> None:
    decide_restriction(priya, staff, manager)
    record_incident(details(priya, warning_given=False), actor=staff)
    tab.sign_in(manager)
    page = tab.goto("/casework/queue/")
    row = main(page).get_by_role("row").filter(has_text="Priya Shah")
    expect(row).to_contain_text("1 earlier incident")
    expect(row).to_contain_text("1 earlier decision (latest: Contact restriction)")
    expect(row).to_contain_text("No contact in the last 90 days")


@mode
def test_the_audit_log_is_filtered_by_client_reference(
    how: str, tab: Tab, staff: Any, admin_user: Any, priya: Client
) -> None:
    tab.sign_in(admin_user)
    page = tab.goto("/audit/")
    me = Person(page, how)
    expect(page.get_by_label("Client id")).to_have_count(0)
    me.fill(page.get_by_label("Client reference"), "CL-000101")
    me.press(page.get_by_role("button", name="Filter"))
    expect(main(page).get_by_role("table")).to_contain_text("client CL-000101")
    action = page.get_by_label("Action")
    expect(action).not_to_contain_text("{")
    me.fill(page.get_by_label("Client reference"), "CL-999999")
    me.press(page.get_by_role("button", name="Filter"))
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "There is no client with the reference CL-999999."
    )


def test_a_back_dated_restriction_is_refused_on_the_page(
    tab: Tab, staff: Any, manager: Any, priya: Client
) -> None:
    case_id = record_incident(details(priya), actor=staff).case_id
    tab.sign_in(manager)
    page = tab.goto(f"/casework/cases/{case_id}/decide/")
    page.get_by_label("Contact restriction", exact=True).check()
    page.get_by_label("Reasons (the client is told these)").fill("Threats after a warning.")
    page.get_by_label("Reasonable adjustments", exact=False).fill("None known.")
    page.get_by_label("Restriction starts", exact=False).fill(
        (timezone.localdate() - timedelta(days=200)).isoformat()
    )
    page.get_by_label("Review date", exact=False).fill(
        (timezone.localdate() - timedelta(days=20)).isoformat()
    )
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("A restriction cannot start in the past")
