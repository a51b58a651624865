"""Every main page (pages.MAIN_PAGES): no serious or critical WCAG 2.2 AA
violation found by axe-core, and a screenshot for the docs and for CI."""

from __future__ import annotations

import os
from typing import Any

import pytest

from conduct.clients.services import ClientDetails, create_client
from tests.browser.axe import blocking, scan
from tests.browser.conftest import ARTIFACTS, ROOT, Tab
from tests.browser.pages import MAIN_PAGES, MainPage

pytestmark = pytest.mark.browser

DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
# Full page, but long pages (the policy text) are cut here to keep the PNGs small.
MAX_SCREENSHOT_HEIGHT = 1600


@pytest.fixture
def world(staff: Any) -> dict[str, int]:
    """Realistic records for the pages to show; the ids fill ``MainPage.path``.

    When a page needs a new kind of record, create one here and add its id.
    """
    client = create_client(
        ClientDetails(
            name="Priya Shah",
            reference="CL-000101",
            emails=["priya.shah@example.org"],
            phones=["0113 496 0000", "+44 7700 900456"],
            social_handles=["@priya_s"],
            postal_address="12 Park Row\nLeeds\nLS1 5HD",
            notes="Prefers email. Uses a screen reader.",
        ),
        actor=staff,
    )
    for name in ("Northgate Housing Association", "Tom Okafor", "Ewa Nowak"):
        create_client(ClientDetails(name=name), actor=staff)
    return {"client": client.pk}


def save_screenshot(tab: Tab, name: str) -> None:
    targets = [ARTIFACTS / "screenshots" / f"{name}.png"]
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        targets.append(DOCS_SCREENSHOTS / f"{name}.png")
    height = min(tab.page.evaluate("document.documentElement.scrollHeight"), MAX_SCREENSHOT_HEIGHT)
    clip = {"x": 0, "y": 0, "width": tab.page.viewport_size["width"], "height": height}  # type: ignore[index]
    image = tab.page.screenshot(full_page=True, clip=clip, type="png")
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image)


@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=lambda p: p.name)
def test_main_page_is_accessible(
    main_page: MainPage, tab: Tab, world: dict[str, int], request: pytest.FixtureRequest
) -> None:
    if main_page.user is not None:
        tab.sign_in(request.getfixturevalue(main_page.user))
    tab.goto(main_page.path.format(**world))
    if main_page.then is not None:
        main_page.then(tab.page)
    problems = blocking(scan(tab.page))
    save_screenshot(tab, main_page.name)
    assert not problems, "\n".join(problems)
    assert not tab.dialogs
