"""What each part of the product holds about a client, and how long it keeps it.

Each app contributes one ``RecordType``: its subject access sections, the date
of the client's latest activity in it, what retention would remove, and how
to remove it. Providers live in the modules listed in ``PROVIDER_MODULES``; an
app that is not installed is skipped. To add an app, write its provider
module (calling ``register``) and add one line to ``PROVIDER_MODULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings

from conduct.clients.models import Client
from conduct.privacy.redaction import Redactor

# (installed app, provider module). Order is erasure order: records that point
# at others go first (communications point at incidents, incidents at clients).
PROVIDER_MODULES: list[tuple[str, str]] = [
    ("conduct.correspondence", "conduct.privacy.providers.correspondence"),
    ("conduct.letters", "conduct.privacy.providers.letters"),
    ("conduct.requests", "conduct.privacy.providers.requests"),
    ("conduct.casework", "conduct.privacy.providers.casework"),
    ("conduct.clients", "conduct.privacy.providers.clients"),
    ("conduct.audit", "conduct.privacy.providers.audit"),
]


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
    """One app's part in subject access and retention."""

    key: str
    title: str
    sections: Callable[[Client, Redactor], list[Section]]
    last_activity: Callable[[Client], date | None]
    count: Callable[[Client], dict[str, int]]
    erase: Callable[[Client, Any], dict[str, int]]
    action: str = "deleted"

    @property
    def years(self) -> int:
        configured: dict[str, int] = settings.PRIVACY_RETENTION_YEARS
        return int(configured.get(self.key, settings.PRIVACY_RETENTION_DEFAULT_YEARS))


_REGISTRY: dict[str, RecordType] = {}
_loaded = False


def register(record_type: RecordType) -> RecordType:
    _REGISTRY[record_type.key] = record_type
    return record_type


def record_types() -> list[RecordType]:
    """Every installed app's record type, in erasure order."""
    global _loaded
    if not _loaded:
        for app, module in PROVIDER_MODULES:
            if apps.is_installed(app):
                importlib.import_module(module)
        _loaded = True
    # Erasure order is PROVIDER_MODULES' order, whichever module was imported first.
    position = {module: index for index, (_, module) in enumerate(PROVIDER_MODULES)}
    return sorted(
        _REGISTRY.values(), key=lambda rt: position.get(rt.erase.__module__, len(position))
    )


def plain(value: Any) -> Any:
    """A value ready for JSON: dates as ISO text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def as_day(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value
