"""axe-core (from npm, node_modules/axe-core) run inside the page.

The app's Content-Security-Policy forbids inline scripts, so axe is not added
as a <script> tag: ``page.evaluate`` runs it through the DevTools protocol,
which CSP does not govern.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.browser.conftest import require

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


@cache
def axe_source() -> str:
    require(AXE, "run `npm ci` (make install does)")
    return AXE.read_text()


def scan(page: Page) -> list[dict[str, Any]]:
    """All WCAG 2.2 A/AA violations axe finds on the page as it is now."""
    page.evaluate(axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    return list(result["violations"])


def blocking(violations: list[dict[str, Any]]) -> list[str]:
    """Serious and critical violations, one readable line each."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v.get("impact") in BLOCKING
    ]
