"""The main pages, as one table: each is scanned by axe-core and screenshotted.

A new page is one line here. ``path`` is formatted with the ids from the
``world`` fixture (tests/browser/test_pages.py); ``user`` names the fixture of
who looks at it (None: signed out); ``then`` optionally acts on the page first
(e.g. submits a form to show its error summary).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page


def submit_empty_form(page: Page) -> None:
    page.get_by_label("Full name or organisation name").fill("")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("[data-error-summary]")


@dataclass(frozen=True)
class MainPage:
    name: str
    user: str | None
    path: str
    then: Callable[[Page], None] | None = None


MAIN_PAGES = [
    MainPage("sign-in", None, "/accounts/sign-in/"),
    MainPage("client-list", "staff", "/clients/"),
    MainPage("client-search", "staff", "/clients/?q=0113+496+0000"),
    MainPage("client-detail", "staff", "/clients/{client}/"),
    MainPage("client-create", "staff", "/clients/new/"),
    MainPage("client-form-errors", "staff", "/clients/new/", then=submit_empty_form),
    MainPage("client-edit", "staff", "/clients/{client}/edit/"),
    MainPage("policy", "staff", "/policy/"),
    MainPage("audit-log", "admin_user", "/audit/"),
    MainPage("api-tokens", "admin_user", "/accounts/api-tokens/"),
]
