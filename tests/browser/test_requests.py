"""A subject access request recorded on 31 January is due on 28 February, and on
30 April after a recorded extension; the queue and the dashboard show it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from conduct.requests.models import ClientRequest
from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser


def switch_to(tab: Tab, user: Any) -> None:
    tab.page.get_by_role("button", name="Sign out").click()
    tab.sign_in(user)


def test_a_request_on_the_clock_from_the_front_desk_to_the_dashboard(
    tab: Tab, staff: Any, admin_user: Any, manager: Any, client_record: Any
) -> None:
    page = tab.page
    tab.sign_in(staff)
    tab.goto(f"/clients/{client_record.pk}/")
    page.get_by_role("link", name="Record a request (review, copy of data)").click()
    page.get_by_label("Copy of their data (subject access)").check()
    page.get_by_label("Letter").check()
    page.get_by_label("Received on").fill("2026-01-31")
    page.get_by_label("What they asked for").fill("A copy of everything you hold about me.")
    page.get_by_role("button", name="Record the request").click()
    request = ClientRequest.objects.get()
    expect(
        page.get_by_text(f"Request {request.reference} recorded: due by 28 February 2026")
    ).to_be_visible()

    switch_to(tab, admin_user)
    page.get_by_role("link", name="Requests").first.click()
    page.get_by_role("link", name="All").click()
    row = page.locator(f'tr[data-reference="{request.reference}"]')
    expect(row).to_contain_text("28 Feb 2026")
    row.get_by_role("link", name=request.reference).click()
    expect(page.locator("[data-due]")).to_have_text("28 February 2026")

    extend = page.locator("form[data-extend]")
    extend.get_by_label("Two further months").check()
    extend.get_by_label("Why more time is needed").fill(
        "The records span three years and several teams."
    )
    extend.get_by_label("Client told on").fill("2026-02-20")
    extend.get_by_role("button", name="Extend the deadline").click()
    expect(page.get_by_text("Extended: now due by 30 April 2026.")).to_be_visible()
    expect(page.locator("[data-due]")).to_have_text("30 April 2026")
    expect(page.get_by_role("link", name="Download the extension letter")).to_be_visible()

    page.get_by_role("link", name="Back to the requests").click()
    page.get_by_role("link", name="All").click()
    expect(page.locator(f'tr[data-reference="{request.reference}"]')).to_contain_text(
        re.compile(r"30 Apr 2026\s*\(extended\)")
    )

    switch_to(tab, manager)
    tab.goto("/reports/")
    section = page.locator(
        "section", has=page.get_by_role("heading", name="Clients' requests open now, by deadline")
    )
    row = section.locator("tr", has_text=request.reference)
    expect(row).to_contain_text("2026-04-30")
    expect(row).to_contain_text("yes")
    expect(page.get_by_role("heading", name="Clients' requests answered on time")).to_be_visible()
