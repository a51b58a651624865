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


def submit_decision_empty(page: Page) -> None:
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_selector("[data-error-summary]")


def submit_note_empty(page: Page) -> None:
    page.get_by_role("button", name="Add note").click()
    page.wait_for_selector("[data-error-summary]")


def preview_policy_with_empty_wording(page: Page) -> None:
    page.locator("#id_categories-0-title").fill("")
    page.get_by_role("button", name="Preview the changes").click()
    page.wait_for_selector("[data-error-summary]")


def filter_unknown_client(page: Page) -> None:
    page.get_by_label("Client reference").fill("CL-999999")
    page.get_by_role("button", name="Filter").click()
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
    MainPage("policy-editor", "admin_user", "/policy/edit/"),
    MainPage(
        "policy-editor-errors",
        "admin_user",
        "/policy/edit/",
        then=preview_policy_with_empty_wording,
    ),
    MainPage("audit-log", "admin_user", "/audit/"),
    MainPage("audit-log-errors", "admin_user", "/audit/", then=filter_unknown_client),
    MainPage("api-tokens", "admin_user", "/accounts/api-tokens/"),
    MainPage("users", "admin_user", "/accounts/users/"),
    MainPage("user-roles", "admin_user", "/accounts/users/{staff_user}/roles/"),
    # Casework
    MainPage("client-with-marker", "staff", "/clients/{client}/"),
    MainPage("incident-list", "staff", "/casework/incidents/"),
    MainPage("incident-detail", "staff", "/casework/incidents/{incident}/"),
    MainPage("incident-new", "staff", "/casework/incidents/new/?client={client}"),
    MainPage("incident-edit", "staff", "/casework/incidents/{incident}/edit/"),
    MainPage("call-start", "staff", "/casework/calls/new/"),
    MainPage("call-guide", "staff", "/casework/calls/{live_incident}/"),
    MainPage("case-queue", "manager", "/casework/queue/"),
    MainPage("case-detail", "manager", "/casework/cases/{case}/"),
    MainPage("case-form-errors", "manager", "/casework/cases/{open_case}/", then=submit_note_empty),
    MainPage("decision-form", "manager", "/casework/cases/{open_case}/decide/"),
    MainPage(
        "decision-form-errors",
        "manager",
        "/casework/cases/{open_case}/decide/",
        then=submit_decision_empty,
    ),
    MainPage("restriction", "manager", "/casework/restrictions/{restriction}/"),
    MainPage("restriction-review", "manager", "/casework/restrictions/{restriction}/review/"),
    MainPage("reviews-due", "manager", "/casework/reviews/"),
    MainPage("support", "manager", "/casework/support/"),
    MainPage("notifications", "manager", "/casework/notifications/"),
    # Letters
    MainPage("case-letters", "manager", "/letters/cases/{case}/"),
    MainPage("letter", "manager", "/letters/{letter}/"),
    MainPage("police-pack", "manager", "/letters/cases/{case}/police-pack/"),
    MainPage("letter-templates", "admin_user", "/letters/templates/"),
    MainPage("letter-template-edit", "admin_user", "/letters/templates/{letter_kind}/"),
    # Reports and data protection
    MainPage("reports", "manager", "/reports/"),
    MainPage("privacy-client", "admin_user", "/privacy/clients/{client}/"),
    MainPage("retention", "admin_user", "/privacy/retention/"),
    # Correspondence
    MainPage("review-queue", "staff", "/correspondence/review/"),
    MainPage("message", "staff", "/correspondence/{communication}/"),
    MainPage("client-messages", "staff", "/correspondence/clients/{client}/"),
    MainPage("unmatched", "staff", "/correspondence/unmatched/"),
    MainPage("demand-profile", "manager", "/correspondence/clients/{client}/demand/"),
    MainPage("outliers", "manager", "/correspondence/demand/"),
    MainPage("imports-upload", "admin_user", "/correspondence/imports/"),
    MainPage("import-detail", "admin_user", "/correspondence/imports/{import_run}/"),
]
