"""Playwright (sync API) driving Debian's chromium against pytest-django's live server.

Nothing here downloads a browser: the tests use /usr/bin/chromium (installed
by `.ci/run` with apt). Without it they skip locally and fail in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
# Playwright gives every launch a fresh temporary user-data-dir of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def require(path: Path, install: str) -> None:
    """Skip when a tool the browser tests need is missing; in CI, fail instead."""
    if path.exists():
        return
    message = f"{path} is missing: {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true requires the browser tests to run.")
    pytest.skip(message)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    require(CHROMIUM, "`apt-get install chromium` (the browser tests never download a browser)")
    # Playwright's sync API keeps an asyncio loop running on this thread, which
    # Django reads as "async context" and refuses ORM calls from test code. The
    # test code is plain synchronous code, so this is safe; it is undone when
    # the package's browser closes (after the last test in tests/browser), so
    # other tests keep Django's guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _live_database(transactional_db: Any) -> None:
    """The live server runs in another thread, so data must really be committed."""


class Tab:
    """One browser tab on the live server, recording any dialog (alert/confirm) it shows."""

    def __init__(self, context: BrowserContext, base_url: str) -> None:
        self.context = context
        self.base_url = base_url
        self.page: Page = context.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str) -> Page:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 500, (
            f"{path}: {response and response.status}"
        )
        return self.page

    def sign_in(self, user: Any) -> None:
        """Through the real sign-in form, as a person would."""
        page = self.goto("/accounts/sign-in/")
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _new_tab(browser: Browser, live_server: Any, **options: Any) -> Iterator[Tab]:
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    tab = Tab(context, live_server.url)
    yield tab
    context.close()


@pytest.fixture
def tab(browser: Browser, live_server: Any) -> Iterator[Tab]:
    yield from _new_tab(browser, live_server)


@pytest.fixture
def tab_without_csp(browser: Browser, live_server: Any) -> Iterator[Tab]:
    """A tab that ignores the Content-Security-Policy, so an XSS test checks the
    escaping itself rather than being rescued by CSP."""
    yield from _new_tab(browser, live_server, bypass_csp=True)
