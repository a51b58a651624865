"""An admin adapts the policy in the browser and publishes it; the policy page, the
decision form and new records use version 2 while older records still show version 1."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conduct.casework.models import Decision, Incident
from conduct.casework.services import record_incident
from conduct.policy.models import PolicyVersion
from conduct.policy.services import policy_of
from tests.browser.conftest import Tab
from tests.casework.conftest import details

pytestmark = pytest.mark.browser

NEW_WORDING = "Malicious or knowingly false allegations against staff"
NEW_CATEGORY = "Spitting at or near staff"


def _category_field(page: Page, category_id: str, field: str) -> Any:
    name = page.locator(f"input[name$='-id'][value='{category_id}']").get_attribute("name")
    assert name is not None
    prefix = name.removesuffix("-id")
    return page.locator(f"[name='{prefix}-{field}']")


def test_an_admin_edits_and_adds_a_category_and_publishes_version_two(
    tab: Tab,
    browser: Any,
    live_server: Any,
    admin_user: Any,
    manager: Any,
    client_record: Any,
    staff: Any,
) -> None:
    old = record_incident(details(client_record, categories=["malicious_allegation"]), actor=staff)
    assert old.policy_version.version == "1"

    tab.sign_in(admin_user)
    page = tab.goto("/policy/")
    page.get_by_role("link", name="Edit the policy").click()
    expect(page.get_by_role("heading", name="Edit the policy", level=1)).to_be_visible()
    _category_field(page, "malicious_allegation", "title").fill(NEW_WORDING)
    categories = page.get_by_role("group", name=re.compile("^Categories of unacceptable"))
    new_row = categories.locator(".policy-row").filter(has_text="New entry").first
    new_row.get_by_label("Id", exact=False).fill("spitting")
    new_row.get_by_label("Group", exact=False).fill("aggressive_or_abusive")
    new_row.get_by_label("Wording", exact=False).fill(NEW_CATEGORY)
    page.get_by_role("button", name="Preview the changes").click()

    changes = page.get_by_role("table", name="Changes from the version in force")
    expect(changes.get_by_role("row").filter(has_text="spitting")).to_contain_text("Added")
    expect(changes.get_by_role("row").filter(has_text="malicious_allegation")).to_contain_text(
        NEW_WORDING
    )
    page.get_by_role("button", name="Publish as version 2").click()

    expect(page.get_by_text("Version 2 of the policy is now in force.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Version 2, loaded"))).to_be_visible()
    spitting = page.get_by_role("row").filter(has=page.locator("code", has_text="spitting"))
    expect(spitting).to_contain_text(NEW_CATEGORY)
    expect(spitting).to_contain_text("The screener cannot detect this category")
    expect(page.get_by_role("row").filter(has_text="malicious_allegation")).to_contain_text(
        NEW_WORDING
    )

    tab.page.get_by_role("button", name="Sign out").click()
    tab.sign_in(manager)
    page = tab.goto(f"/casework/incidents/{old.pk}/")
    expect(page.get_by_text("Malicious allegations", exact=True)).to_be_visible()
    expect(page.locator("dt", has_text="Policy version").locator("+ dd")).to_have_text("1")

    page = tab.goto(f"/casework/cases/{old.case_id}/decide/")
    expect(page.get_by_text(re.compile("policy version 2"))).to_be_visible()
    clauses = page.get_by_role("group", name="Policy clauses relied on")
    expect(clauses.get_by_label(NEW_WORDING, exact=True)).to_be_checked()
    clauses.get_by_label(NEW_CATEGORY, exact=True).check()
    page.get_by_label("Written warning", exact=True).check()
    page.get_by_label("Reasons (the client is told these)").fill(
        "Allegations against a named member of staff, repeated after we explained."
    )
    page.get_by_label("Reasonable adjustments").fill("None known.")
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_role("heading", name="Decision")).to_be_visible()
    decision = page.locator("dl").filter(has_text="Outcome")
    expect(decision).to_contain_text(NEW_CATEGORY)
    expect(decision.locator("dt", has_text="Policy version").locator("+ dd")).to_have_text("2")
    assert Decision.objects.get(case_id=old.case_id).policy_version.version == "2"
    assert Incident.objects.get(pk=old.pk).policy_version.version == "1"
    # The policy as written went through the preview's hidden fields unchanged.
    first, second = PolicyVersion.objects.order_by("pk")
    assert policy_of(second).source_text == policy_of(first).source_text
