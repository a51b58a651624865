"""Script and HTML typed into any client field (through the form and the API)
is shown as text and never runs: on the list, search, detail, edit and audit pages.

The tab ignores the Content-Security-Policy, so what is tested is the escaping
itself; CSP is a second line of defence, checked separately below.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conduct.accounts.services import create_api_token
from conduct.clients.models import Client
from tests.browser.conftest import Tab

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__xss=1</script>"
IMG = '"><img src=x onerror=window.__xss=1>'
JS_URL = "javascript:window.__xss=1"
ALL = f'{SCRIPT} {IMG} <a href="{JS_URL}">link</a> {JS_URL}'

# Contact points must be well-formed, so these are the nastiest ones the
# validation accepts; the rest are refused (checked in the API test below).
FORM_FIELDS = {
    "Full name or organisation name": f"Form {SCRIPT}{IMG}",
    "Client reference": IMG,
    "Email addresses": "javascript:alert(1)@example.com",
    "Social media handles": "<img/src=x/onerror=window.__xss=1>",
    "Postal address": ALL,
    "Notes": ALL,
}
API_BODY = {
    "name": f"Api {IMG}{SCRIPT}",
    "reference": "<svg/onload=window.__xss=1>",
    "postal_address": ALL,
    "notes": ALL,
    "emails": ["'onmouseover='window.__xss=1'@example.com"],
    "social_handles": ["<script>window.__xss=1</script>"],
    "phones": [],
}


def assert_nothing_ran(tab: Tab, path: str) -> None:
    page = tab.goto(path)
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined", f"script ran on {path}"
    assert page.locator("script:not([src])").count() == 0, f"inline script element on {path}"
    assert (
        page.locator("[onerror], [onload], [onmouseover], a[href^='javascript:' i]").count() == 0
    ), path
    assert not tab.dialogs, f"dialog on {path}: {tab.dialogs}"


def test_payloads_stored_through_the_form_and_the_api_never_run(
    tab_without_csp: Tab, staff: Any, admin_user: Any
) -> None:
    tab = tab_without_csp
    tab.sign_in(staff)
    page = tab.goto("/clients/new/")
    for label, value in FORM_FIELDS.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        FORM_FIELDS["Full name or organisation name"]
    )

    _, token = create_api_token(staff, "xss", actor=None)
    response = tab.context.request.post(
        "/api/clients/", data=API_BODY, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status == 201, response.text()

    clients = list(Client.objects.all())
    assert len(clients) == 2
    for client in clients:
        for path in (
            "/clients/",
            f"/clients/?q={client.name}",
            f"/clients/{client.pk}/",
            f"/clients/{client.pk}/edit/",
        ):
            assert_nothing_ran(tab, path)
    # The edit form shows the payload back as text, untouched.
    expect(tab.page.get_by_label("Notes")).to_have_value(ALL)

    # A search that is itself a payload is echoed safely.
    assert_nothing_ran(tab, "/clients/?q=" + IMG.replace(" ", "+"))

    tab.context.clear_cookies()
    tab.sign_in(admin_user)
    assert_nothing_ran(tab, "/audit/")
    assert_nothing_ran(tab, f"/audit/?actor={SCRIPT}")


@pytest.mark.parametrize(
    "field, value",
    [("phones", [SCRIPT]), ("emails", [IMG]), ("social_handles", ["a b <i>"])],
)
def test_contact_points_that_are_payloads_are_refused(
    tab: Tab, staff: Any, field: str, value: list[str]
) -> None:
    _, token = create_api_token(staff, "xss", actor=None)
    response = tab.context.request.post(
        "/api/clients/",
        data={"name": "X", field: value},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status == 422


def test_pages_are_sent_with_a_csp_that_forbids_inline_script(tab: Tab, staff: Any) -> None:
    tab.sign_in(staff)
    response = tab.page.goto(tab.base_url + "/clients/")
    assert response is not None
    csp = response.headers["content-security-policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src
