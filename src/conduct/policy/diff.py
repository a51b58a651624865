"""What changed between two versions of the policy, item by item. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass

from conduct.policy.document import Policy
from conduct.screening.categories import DETECTABLE

SECTION_TITLES = {
    "policy": "Title",
    "principles": "Principles",
    "channels": "Channels",
    "categories": "Categories",
    "staff_rights": "Staff rights",
    "procedure": "Procedure",
    "outcomes": "Outcomes",
    "letters": "Letters",
    "source_text": "The policy as written",
}
# Per section, the fields of an item that are compared. A category's screener mapping is
# compared as what it does (which screener categories map onto it), not as written.
_FIELDS = {
    "principles": ("text",),
    "categories": ("group", "title"),
    "staff_rights": ("text",),
    "procedure": ("text", "channels"),
    "outcomes": ("title",),
}


@dataclass(frozen=True)
class Change:
    section: str
    item: str  # the item's id, or the field's name for the title, letters and text
    kind: str  # "added", "removed" or "changed"
    before: str = ""
    after: str = ""

    @property
    def section_title(self) -> str:
        return SECTION_TITLES[self.section]


def _show(value: object) -> str:
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def _describe(section: str, item: object) -> str:
    return "; ".join(f"{name}: {_show(getattr(item, name))}" for name in _FIELDS[section])


def diff_policies(before: Policy, after: Policy) -> list[Change]:
    """Every change from ``before`` to ``after``, section by section, in the file's order.
    The version number is not a change; reordering alone is not either."""
    changes: list[Change] = []
    if before.title != after.title:
        changes.append(Change("policy", "title", "changed", before.title, after.title))
    for section, fields in _FIELDS.items():
        old = {i.id: i for i in getattr(before, section)}
        new = {i.id: i for i in getattr(after, section)}
        for item_id, item in old.items():
            if item_id not in new:
                changes.append(Change(section, item_id, "removed", _describe(section, item)))
        for item_id, item in new.items():
            if item_id not in old:
                changes.append(Change(section, item_id, "added", after=_describe(section, item)))
                continue
            for name in fields:
                was, now = getattr(old[item_id], name), getattr(item, name)
                if was != now:
                    changes.append(
                        Change(section, f"{item_id} ({name})", "changed", _show(was), _show(now))
                    )
    was_found, now_found = before.screener_sources(DETECTABLE), after.screener_sources(DETECTABLE)
    for category in after.categories:
        was = was_found.get(category.id, [])
        now = now_found[category.id]
        if was != now and (category.id in was_found or now):
            changes.append(
                Change(
                    "categories",
                    f"{category.id} (screener)",
                    "changed",
                    _show(was) if category.id in was_found else "",
                    _show(now),
                )
            )
    for channel in before.channels:
        if channel not in after.channels:
            changes.append(Change("channels", channel, "removed"))
    for channel in after.channels:
        if channel not in before.channels:
            changes.append(Change("channels", channel, "added"))
    for name in ("ombudsman_name", "ombudsman_url"):
        was, now = getattr(before, name), getattr(after, name)
        if was != now:
            changes.append(
                Change("letters", name, "changed", was or "(configured)", now or "(configured)")
            )
    if before.source_text != after.source_text:
        changes.append(Change("source_text", "text", "changed"))
    return changes
