"""The live-call guide in a real browser, by keyboard alone (marker: browser).

Uses Debian's /usr/bin/chromium through Playwright; skips when it is missing
(and fails in CI, where it must run). Nothing is downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conduct.casework.models import Incident
from tests.conftest import PASSWORD

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser]
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def page(live_server: Any, transactional_db: Any) -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing; CI requires the browser tests.")
        pytest.skip("/usr/bin/chromium is missing")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs on this thread
    try:
        with playwright_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context(
                viewport={"width": 1280, "height": 800}, base_url=live_server.url
            )
            context.set_default_timeout(10_000)
            tab = context.new_page()
            problems: list[str] = []
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.problems = problems
            yield tab
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def press_enter(page: Any) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_live_call_guide_works_by_keyboard_alone(
    page: Any, staff: Any, client_record: Any
) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(staff.get_username())
    page.get_by_label("Password").fill(PASSWORD)
    press_enter(page)
    page.goto(f"/clients/{client_record.pk}/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement.textContent.trim()")
            == "A call is turning abusive"
        ):
            break
    else:
        pytest.fail("the call button cannot be reached with Tab")
    press_enter(page)
    pressed = []
    for _ in range(3):  # each next step has the focus, so Enter presses it
        pressed.append(page.evaluate("document.activeElement.textContent.trim()"))
        press_enter(page)
    assert pressed == [
        "Warning given",
        "Behaviour continued — I am withdrawing",
        "Call ended, caller told",
    ]
    page.get_by_label("Insults, name-calling or swearing", exact=False).check()
    page.get_by_label("What happened").fill("Shouting and swearing.")
    page.get_by_label("I would like support").check()
    page.get_by_label("What happened").focus()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and inform Senior Management").press("Enter")
    incident = Incident.objects.get()
    assert incident.status == Incident.RECORDED and len(incident.call_steps) == 3
    assert incident.support_items.exists()
    assert page.problems == []
