"""Every main page (pages.MAIN_PAGES): no serious or critical WCAG 2.2 AA
violation found by axe-core, and a screenshot for the docs and for CI."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.browser.axe import blocking, scan
from tests.browser.conftest import ARTIFACTS, ROOT, Tab
from tests.browser.pages import MAIN_PAGES
from tests.browser.world import build_world

pytestmark = pytest.mark.browser

DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
# Full page, but long pages (the policy text) are cut here to keep the PNGs small.
MAX_SCREENSHOT_HEIGHT = 1600


@pytest.fixture
def world(
    staff: Any, other_staff: Any, manager: Any, other_manager: Any, admin_user: Any, tmp_path: Path
) -> dict[str, int | str]:
    """Realistic records for the pages to show; the ids fill ``MainPage.path``.

    When a page needs a new kind of record, create one in tests/browser/world.py.
    """
    return build_world(
        staff=staff, manager=manager, other_manager=other_manager, admin=admin_user, folder=tmp_path
    ).ids


def small_png(image: bytes) -> bytes:
    """The docs' copy: a 128-colour palette PNG, a third of the size or less."""
    with Image.open(io.BytesIO(image)) as picture:
        small = picture.convert("RGB").quantize(colors=128)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
        return out.getvalue()


def save_screenshot(tab: Tab, name: str) -> None:
    height = min(tab.page.evaluate("document.documentElement.scrollHeight"), MAX_SCREENSHOT_HEIGHT)
    clip = {"x": 0, "y": 0, "width": tab.page.viewport_size["width"], "height": height}  # type: ignore[index]
    image = tab.page.screenshot(full_page=True, clip=clip, type="png")
    targets = {ARTIFACTS / "screenshots" / f"{name}.png": image}
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        targets[DOCS_SCREENSHOTS / f"{name}.png"] = small_png(image)
    for target, data in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


# Pages are grouped by who looks at them: one sign-in and one set of records
# per group keeps the scan of ~45 pages well inside the suite's time budget.
VIEWERS = sorted({str(p.user) for p in MAIN_PAGES})


@pytest.mark.parametrize("viewer", VIEWERS)
def test_main_pages_are_accessible(
    viewer: str, tab: Tab, world: dict[str, int | str], request: pytest.FixtureRequest
) -> None:
    if viewer != "None":
        tab.sign_in(request.getfixturevalue(viewer))
    problems = []
    for main_page in (p for p in MAIN_PAGES if str(p.user) == viewer):
        path = main_page.path.format(**world)
        response = tab.page.goto(tab.base_url + path)
        if response is None or response.status != 200:
            problems.append(f"{main_page.name}: {path} answered {response and response.status}")
            continue
        if main_page.then is not None:
            main_page.then(tab.page)
        problems += [f"{main_page.name}: {line}" for line in blocking(scan(tab.page))]
        save_screenshot(tab, main_page.name)
    assert not problems, "\n".join(problems)
    assert not tab.dialogs
