"""Export records as people read them: labels, UK dates, lists, shortened long text.

Plain Python. The JSON part of a subject access export keeps every value as it
is; the readable copy (HTML, PDF) shows dates as "3 December 2026, 14:05",
codes as words, nested records as their own small lists, and, where a limit is
given, shortens a record's text to that many characters with a note that the
full text is in the JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from html import escape
from typing import Any

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_CODE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")
_LABELS = {"id": "Number", "sha256": "SHA-256", "at": "When", "by": "By"}
MISSING = "\u2013"  # an en dash: nothing recorded


def uk_date(value: str, tz: tzinfo) -> str | None:
    """An ISO date or timestamp as a UK reader writes it, in ``tz``; None if it is not one."""
    if not _ISO.match(value):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) == 10:
        return day(parsed.date())
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(tz)
    return uk_time(parsed)


def day(value: date) -> str:
    """3 December 2026"""
    return f"{value.day} {value:%B %Y}"


def uk_time(value: datetime) -> str:
    """3 December 2026, 14:05"""
    return f"{day(value.date())}, {value:%H:%M}"


def label(key: str) -> str:
    if key in _LABELS:
        return _LABELS[key]
    if key.endswith("_id"):
        key = key[: -len("_id")] + "_number"
    return key.replace("_", " ").capitalize()


class Budget:
    """How many characters of text one record may still show."""

    def __init__(self, limit: int | None) -> None:
        self.left = limit
        self.shortened = False

    def take(self, text: str) -> str:
        if self.left is None:
            return text
        if len(text) <= self.left:
            self.left -= len(text)
            return text
        kept = text[: self.left].rstrip()
        self.left = 0
        self.shortened = True
        return f"{kept} […]" if kept else "[…]"


@dataclass(frozen=True)
class Entry:
    """One labelled value: text, or nested records (each a list of entries)."""

    label: str
    text: str = ""
    children: list[list[Entry]] = field(default_factory=list)


@dataclass(frozen=True)
class Record:
    heading: str
    entries: list[Entry]
    shortened: bool

    def html(self) -> str:
        """The entries as escaped HTML paragraphs, nested records indented."""
        parts: list[str] = []
        _html(self.entries, parts)
        return "".join(parts)


# Values up to this long share a line with their neighbours ("Label: value · …"),
# which keeps the document short: the PDF's cost is in its lines and pages.
SHORT = 60


def _html(shown: list[Entry], parts: list[str]) -> None:
    run: list[str] = []

    def flush() -> None:
        if run:
            parts.append(f'<p class="field">{" · ".join(run)}</p>')
            run.clear()

    for entry in shown:
        name = f"<b>{escape(entry.label)}:</b> " if entry.label else ""
        if entry.children:
            flush()
            parts.append(f'<p class="field"><b>{escape(entry.label)}</b></p>')
            for child in entry.children:
                parts.append('<div class="nested">')
                _html(child, parts)
                parts.append("</div>")
        elif len(entry.text) <= SHORT and "\n" not in entry.text:
            run.append(f"{name}{escape(entry.text)}")
        else:
            flush()
            kind = "text" if "\n" in entry.text else "field"
            parts.append(f'<p class="{kind}">{name}{escape(entry.text)}</p>')
    flush()


def _scalar(value: Any, tz: tzinfo, budget: Budget) -> str:
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = str(value)
    when = uk_date(text, tz)
    if when is not None:
        return when
    if _CODE.match(text):
        return text.replace("_", " ")
    return budget.take(text)


def entries(record: dict[str, Any], tz: tzinfo, budget: Budget) -> list[Entry]:
    out: list[Entry] = []
    for key, value in record.items():
        if isinstance(value, dict):
            out.append(Entry(label(key), children=[entries(value, tz, budget)] if value else []))
            if not value:
                out[-1] = Entry(label(key), MISSING)
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            children = [
                entries(v, tz, budget)
                if isinstance(v, dict)
                else [Entry("", _scalar(v, tz, budget))]
                for v in value
            ]
            out.append(Entry(label(key), children=children))
        elif isinstance(value, list):
            text = ", ".join(_scalar(v, tz, budget) for v in value) if value else MISSING
            out.append(Entry(label(key), text))
        else:
            out.append(Entry(label(key), _scalar(value, tz, budget)))
    return out


def readable(record: dict[str, Any], number: int, *, tz: tzinfo, limit: int | None) -> Record:
    """``record`` for people; ``limit`` caps its text (None: everything is shown)."""
    budget = Budget(limit)
    shown = entries(record, tz, budget)
    heading = f"{number}."
    for entry, value in zip(shown, record.values(), strict=False):
        if isinstance(value, str) and uk_date(value, tz) is not None:
            heading = f"{number}. {entry.text}"
            break
    return Record(heading, shown, budget.shortened)
