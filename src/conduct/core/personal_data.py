"""What each app holds about a client, and how it is exported and erased.

Each app that keeps personal data about a client registers one ``RecordType``
from its ``AppConfig.ready``: its subject access sections, the date of the
client's latest activity in it, what retention would remove, and how to remove
it. The app says where its erasure goes relative to the others (``before`` /
``after``, by key): records that point at others go first, so correspondence
goes before the casework it points at, and casework before the client record.
Privacy reads ``record_types()`` and knows no app by name.

This module sits in ``core`` so that every app, however low, can register
without importing privacy. It knows a client and a redactor only by shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings

#: ``after=EVERY_OTHER``: erased once every other record type has been.
EVERY_OTHER = "*"


class Redacting(Protocol):
    """How a provider names people in an export (privacy's ``Redactor``)."""

    def person(self, user: Any) -> str: ...

    def third_party(self, value: str) -> str: ...

    def text(self, value: str) -> str: ...


@dataclass(frozen=True)
class Section:
    """One part of a subject access export: JSON-ready records, and files to include
    (a path on disk, or the bytes themselves), each under its name in the archive."""

    key: str
    title: str
    records: list[dict[str, Any]]
    files: Sequence[tuple[str, Path | bytes]] = field(default_factory=list)


@dataclass(frozen=True)
class RecordType:
    """One app's part in subject access and retention. The client is a
    ``conduct.clients.models.Client``; the redactor, privacy's ``Redactor``."""

    key: str
    title: str
    sections: Callable[[Any, Redacting], list[Section]]
    last_activity: Callable[[Any], date | None]
    count: Callable[[Any], dict[str, int]]
    erase: Callable[[Any, Any], dict[str, int]]
    action: str = "deleted"

    @property
    def years(self) -> int:
        configured: dict[str, int] = settings.PRIVACY_RETENTION_YEARS
        return int(configured.get(self.key, settings.PRIVACY_RETENTION_DEFAULT_YEARS))


@dataclass(frozen=True)
class _Entry:
    record_type: RecordType
    before: tuple[str, ...]
    after: tuple[str, ...]


_REGISTRY: dict[str, _Entry] = {}


def register_provider(
    record_type: RecordType, *, before: Iterable[str] = (), after: Iterable[str] = ()
) -> RecordType:
    """Add (or replace) an app's record type. ``before``/``after`` name other
    record types' keys; names of types that are not registered are ignored.
    ``after=EVERY_OTHER`` puts it after all the rest."""
    _REGISTRY[record_type.key] = _Entry(record_type, tuple(before), tuple(after))
    return record_type


def unregister_provider(key: str) -> None:
    _REGISTRY.pop(key, None)


def record_types() -> list[RecordType]:
    """Every registered record type, in erasure order (which is also export order).

    The declared orderings are honoured; where they leave a choice, keys are
    taken alphabetically, so the order never depends on which app started first.
    """
    keys = set(_REGISTRY)
    # edges[a] holds the keys that must come after a.
    edges: dict[str, set[str]] = {key: set() for key in keys}
    last = {key for key, entry in _REGISTRY.items() if EVERY_OTHER in entry.after}
    for key, entry in _REGISTRY.items():
        for other in entry.before:
            if other in keys and other != key:
                edges[key].add(other)
        for other in entry.after:
            if other in keys and other != key:
                edges[other].add(key)
    # Those after EVERY_OTHER follow the rest, except what is declared to follow them.
    behind = set(last)
    frontier = list(last)
    while frontier:
        for other in edges[frontier.pop()]:
            if other not in behind:
                behind.add(other)
                frontier.append(other)
    for key in keys - behind:
        edges[key].update(last)
    waiting = dict.fromkeys(keys, 0)
    for following in edges.values():
        for key in following:
            waiting[key] += 1
    ordered: list[str] = []
    ready = sorted(key for key, n in waiting.items() if n == 0)
    while ready:
        key = ready.pop(0)
        ordered.append(key)
        for other in edges[key]:
            waiting[other] -= 1
            if waiting[other] == 0:
                ready.append(other)
        ready.sort()
    if len(ordered) != len(keys):
        stuck = sorted(keys - set(ordered))
        raise RuntimeError(f"personal data providers order each other in a circle: {stuck}")
    return [_REGISTRY[key].record_type for key in ordered]


def plain(value: Any) -> Any:
    """A value ready for JSON: dates as ISO text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def as_day(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def latest(*days: date | None) -> date | None:
    """The latest of the given days, ignoring missing ones."""
    present = [d for d in days if d is not None]
    return max(present) if present else None
