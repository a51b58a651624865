"""A person at the browser, using either the mouse or the keyboard alone.

Workflow tests are written once against ``Person`` and run twice: with the
mouse (``click``, ``fill``) and by keyboard alone, where every control is
reached with Tab (or Shift+Tab) and used with Enter, Space, the arrow keys and
typing; nothing is clicked and no element is focused by script.
"""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Locator, Page

MODES = ["mouse", "keyboard"]
# Enough for the longest page (the case page with its timeline) and back again.
TAB_LIMIT = 300
IS_FOCUSED = "el => el === document.activeElement"


class Person:
    def __init__(self, page: Page, mode: str) -> None:
        assert mode in MODES
        self.page = page
        self.keyboard = mode == "keyboard"

    def reach(self, target: Locator) -> None:
        """Keyboard: Tab until ``target`` has focus (Shift+Tab if it is behind)."""
        target.wait_for(state="visible")
        if target.evaluate(IS_FOCUSED):
            return
        behind = target.evaluate(
            "el => !!(document.activeElement && document.activeElement !== document.body"
            " && (el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING))"
        )
        key = "Shift+Tab" if behind else "Tab"
        for _ in range(TAB_LIMIT):
            self.page.keyboard.press(key)
            if target.evaluate(IS_FOCUSED):
                return
        raise AssertionError(f"{key} never reached {target}")

    def press(self, target: Locator) -> None:
        """Follow a link or press a button."""
        if self.keyboard:
            self.reach(target)
            self.page.keyboard.press("Enter")
        else:
            target.click()

    def fill(self, target: Locator, text: str) -> None:
        if self.keyboard:
            self.reach(target)
            self.page.keyboard.press("Control+A")
            self.page.keyboard.press("Delete")
            self.page.keyboard.type(text)
        else:
            target.fill(text)

    def check(self, target: Locator) -> None:
        if self.keyboard:
            self.reach(target)
            if not target.is_checked():
                self.page.keyboard.press("Space")
            assert target.is_checked(), target
        else:
            target.check()

    def choose(self, target: Locator) -> None:
        """A radio button: Tab into its group, then the arrow keys."""
        if not self.keyboard:
            target.check()
            return
        name = target.get_attribute("name")
        group = self.page.locator(f"input[type=radio][name='{name}']")
        self.reach(group.first)
        for _ in range(group.count() + 1):
            if target.is_checked():
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"the arrow keys never chose {target}")

    def select(self, target: Locator, label: str) -> None:
        """An option of a <select>: the arrow keys move through it without opening it."""
        if not self.keyboard:
            target.select_option(label=label)
            return
        self.reach(target)
        self.page.keyboard.press("Home")
        for _ in range(100):
            if target.evaluate("el => el.options[el.selectedIndex].text.trim()") == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no option {label!r} in {target}")

    def fill_date(self, target: Locator, day: date) -> None:
        """A date input: typed segment by segment, in the browser's (en-US) order."""
        if not self.keyboard:
            target.fill(day.isoformat())
            return
        self.reach(target)
        self.page.keyboard.type(f"{day.month:02d}{day.day:02d}{day.year:04d}")
        assert target.input_value() == day.isoformat(), target.input_value()
