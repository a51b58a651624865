"""The pages used as a person would: sign in, find a client by phone, add a
client by keyboard alone, read the policy."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from conduct.clients.models import Client
from conduct.clients.services import ClientDetails, create_client
from conduct.policy.loader import load_policy_file
from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser


def focused(page: Page) -> dict[str, str]:
    """What has keyboard focus: its tag, id, accessible-ish name."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const label = el.labels && el.labels[0] ? el.labels[0].innerText : "";
          return {tag: el.tagName.toLowerCase(), id: el.id || "", text: (el.innerText || el.value || label).trim(),
                  label: label.trim(), summary: el.hasAttribute("data-error-summary") ? "yes" : ""};
        }"""
    )


def tab_to(page: Page, wanted: str, *, limit: int = 40) -> None:
    """Press Tab until the focused element's text or label starts with ``wanted``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["text"].startswith(wanted) or now["label"].startswith(wanted):
            return
    raise AssertionError(f"Tab never reached {wanted!r}")


def test_sign_in_search_by_phone_in_another_format_and_open_the_client(
    tab: Tab, staff: Any
) -> None:
    create_client(ClientDetails(name="Priya Shah", phones=["0113 496 0000"]), actor=staff)
    create_client(ClientDetails(name="Tom Okafor", phones=["07700 900456"]), actor=staff)

    tab.sign_in(staff)
    page = tab.page
    expect(page.get_by_role("heading", name="Clients", level=1)).to_be_visible()
    page.get_by_label("Search by name, reference, email or phone number").fill("+44 (113) 496-0000")
    page.get_by_role("button", name="Search").click()

    results = page.get_by_role("table").get_by_role("link")
    expect(results).to_have_count(1)
    results.first.click()
    expect(page.get_by_role("heading", name="Priya Shah", level=1)).to_be_visible()
    expect(page.get_by_text("0113 496 0000")).to_be_visible()


def test_add_a_client_by_keyboard_alone_through_an_error_summary(tab: Tab, staff: Any) -> None:
    tab.sign_in(staff)
    page = tab.page
    tab_to(page, "Add a client")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Add a client")).to_be_visible()

    # Leave the name empty and give a phone number that cannot be one.
    tab_to(page, "Phone numbers")
    page.keyboard.type("12")
    tab_to(page, "Save")
    page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Full name or organisation name")
    expect(summary).to_contain_text("Phone numbers")
    assert page.title().startswith("Error:")

    # The summary's first link takes focus to the field it names.
    page.keyboard.press("Tab")
    assert focused(page)["text"].startswith("Full name or organisation name")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Full name or organisation name")).to_be_focused()
    page.keyboard.type("Amina Begum")

    tab_to(page, "Phone numbers")
    page.keyboard.press("Control+A")
    page.keyboard.type("+44 7700 900123")
    tab_to(page, "Notes")
    page.keyboard.type("Prefers letters.")
    tab_to(page, "Save")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Amina Begum", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("created")
    client = Client.objects.get(name="Amina Begum")
    assert [p.normalised for p in client.contact_points.all()] == ["+447700900123"]
    assert client.notes == "Prefers letters."


def test_every_field_has_a_visible_focus_indicator(tab: Tab, staff: Any) -> None:
    tab.sign_in(staff)
    page = tab.goto("/clients/new/")
    for _ in range(12):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"""
        )
        visible = (style["outline"] != "none" and style["width"] != "0px") or style[
            "shadow"
        ] != "none"
        assert visible, (focused(page), style)


def test_the_policy_page_shows_all_14_categories_in_the_policys_words(tab: Tab, staff: Any) -> None:
    policy = load_policy_file(settings.CONDUCT_POLICY_FILE)
    assert len(policy.categories) == 14

    tab.sign_in(staff)
    page = tab.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Policy").click()
    expect(page.get_by_role("heading", name=policy.title, level=1)).to_be_visible()
    for category in policy.categories:
        row = page.get_by_role("row").filter(
            has=page.locator("code", has_text=re.compile(f"^{category.id}$"))
        )
        expect(row).to_have_count(1)
        expect(row).to_contain_text(category.title)
    for principle in policy.principles:
        expect(page.get_by_text(principle.text, exact=False).first).to_be_visible()
