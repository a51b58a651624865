"""The policy as an immutable value, with lookups. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar


@dataclass(frozen=True)
class Principle:
    id: str
    text: str


@dataclass(frozen=True)
class Category:
    id: str
    group: str
    title: str
    # The screener's categories that map onto this one; None: its own id, if the screener has it.
    screener: tuple[str, ...] | None = None


@dataclass(frozen=True)
class StaffRight:
    id: str
    text: str


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str


GROUP_TITLES = {
    "aggressive_or_abusive": "Aggressive or abusive behaviour",
    "unreasonable_demands": "Unreasonable demands",
    "vexatious_complaints": "Vexatious complaints",
}

OUTCOME_TITLES = {
    "no_further_action": "No further action",
    "written_warning": "Written warning",
    "contact_restriction": "Contact restriction",
    "terminate_engagement": "Termination of engagement",
    "police_referral": "Police referral",
}

CHANNEL_TITLES = {
    "phone": "Phone",
    "video": "Video call",
    "in_person": "In person",
    "email": "Email",
    "letter": "Letter",
    "social_media": "Social media",
    "web_form": "Web form",
    "other": "Other",
}


# The template policy's text sets no period for answering a client's request for
# a review; an organisation sets its own under ``requests: review_working_days``.
DEFAULT_REVIEW_WORKING_DAYS = 20


_Item = TypeVar("_Item")


def humanise(identifier: str) -> str:
    return identifier.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Policy:
    id: str
    version: str
    title: str
    principles: tuple[Principle, ...]
    channels: tuple[str, ...]
    categories: tuple[Category, ...]
    staff_rights: tuple[StaffRight, ...]
    procedure: tuple[Step, ...]
    outcomes: tuple[Outcome, ...]
    source_text: str = ""
    review_working_days: int = DEFAULT_REVIEW_WORKING_DAYS
    # Whom letters made under this version name as the ombudsman ("" means the configured one).
    ombudsman_name: str = ""
    ombudsman_url: str = ""
    _index: dict[str, dict[str, object]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for name in ("principles", "categories", "staff_rights", "procedure", "outcomes"):
            self._index[name] = {item.id: item for item in getattr(self, name)}

    def _item(self, section: str, item_id: str, kind: type[_Item]) -> _Item:
        item = self._index[section][item_id]
        if not isinstance(item, kind):
            raise TypeError(f"{section} holds {item!r}, not a {kind.__name__}")
        return item

    def category(self, category_id: str) -> Category:
        return self._item("categories", category_id, Category)

    def has_category(self, category_id: str) -> bool:
        return category_id in self._index["categories"]

    def outcome(self, outcome_id: str) -> Outcome:
        return self._item("outcomes", outcome_id, Outcome)

    def has_outcome(self, outcome_id: str) -> bool:
        return outcome_id in self._index["outcomes"]

    def step(self, step_id: str) -> Step:
        return self._item("procedure", step_id, Step)

    def staff_right(self, right_id: str) -> StaffRight:
        return self._item("staff_rights", right_id, StaffRight)

    def clause_ids(self) -> set[str]:
        """Every id a decision may cite: principles, categories, rights, steps."""
        ids: set[str] = set()
        for name in ("principles", "categories", "staff_rights", "procedure"):
            ids.update(self._index[name])
        return ids

    def clause_text(self, clause_id: str) -> str:
        for name in ("categories", "principles", "staff_rights", "procedure"):
            item = self._index[name].get(clause_id)
            if item is not None:
                return str(getattr(item, "title", None) or getattr(item, "text", ""))
        raise KeyError(clause_id)

    def categories_by_group(self) -> list[tuple[str, str, list[Category]]]:
        groups: dict[str, list[Category]] = {}
        for category in self.categories:
            groups.setdefault(category.group, []).append(category)
        return [(g, GROUP_TITLES.get(g, humanise(g)), items) for g, items in groups.items()]

    def screener_map(self, detectable: frozenset[str]) -> dict[str, str]:
        """Which policy category each screener category maps onto. A category names its
        sources in ``screener``; one without that list takes its own id, unless another
        category names that id."""
        mapping: dict[str, str] = {}
        for category in self.categories:
            for name in category.screener or ():
                if name in detectable:
                    mapping.setdefault(name, category.id)
        for category in self.categories:
            if category.screener is None and category.id in detectable:
                mapping.setdefault(category.id, category.id)
        return mapping

    def from_screener(self, names: list[str], detectable: frozenset[str]) -> list[str]:
        """The policy categories for what the screener found, in order, without repeats."""
        mapping = self.screener_map(detectable)
        found = [mapping[n] for n in names if n in mapping]
        return list(dict.fromkeys(found))

    def screener_sources(self, detectable: frozenset[str]) -> dict[str, list[str]]:
        """For each policy category, the screener categories that map onto it ([]: undetected)."""
        sources: dict[str, list[str]] = {c.id: [] for c in self.categories}
        for name, category_id in sorted(self.screener_map(detectable).items()):
            sources[category_id].append(name)
        return sources

    def channel_title(self, channel_id: str) -> str:
        return CHANNEL_TITLES.get(channel_id, humanise(channel_id))

    def steps_for_channel(self, channel_id: str) -> list[Step]:
        return [s for s in self.procedure if not s.channels or channel_id in s.channels]
