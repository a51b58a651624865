"""Retention: find what is due, and remove it (exporting it first when configured).

A client's records of each type are due ``years`` after the client's latest
activity in any part of the product. A client on legal hold is left alone.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from conduct.audit.reads import Door, record_view
from conduct.audit.services import record_event
from conduct.clients.models import Client
from conduct.privacy.archive import build_zip
from conduct.privacy.exports import remove_expired_exports
from conduct.privacy.holds import active_hold, held_client_ids
from conduct.privacy.registry import RecordType, record_types
from conduct.privacy.rules import due_on, is_due, latest
from conduct.privacy.subject_access import gather


class RetentionRefused(RuntimeError):
    """Retention cannot run safely (for example the export folder is unusable)."""


@dataclass(frozen=True)
class Due:
    client_id: int
    reference: str
    record_type: str
    title: str
    action: str
    counts: dict[str, int]
    last_activity: date
    due_on: date

    def __str__(self) -> str:
        what = ", ".join(f"{n} {k}" for k, n in self.counts.items() if n)
        return (
            f"client {self.client_id} ({self.reference}): {self.action} {self.record_type}: {what}"
            f" (last activity {self.last_activity}, due {self.due_on})"
        )


@dataclass(frozen=True)
class Held:
    client_id: int
    reference: str
    record_types: tuple[str, ...]

    def __str__(self) -> str:
        return (
            f"client {self.client_id} ({self.reference}): on legal hold, "
            f"kept: {', '.join(self.record_types)}"
        )


@dataclass
class Plan:
    today: date
    due: list[Due] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)


@dataclass
class RunResult:
    dry_run: bool
    plan: Plan
    done: list[Due] = field(default_factory=list)
    failed: list[tuple[Due, str]] = field(default_factory=list)
    exported: list[Path] = field(default_factory=list)

    def __str__(self) -> str:
        if self.dry_run:
            return (
                f"dry run: {len(self.plan.due)} item(s) would go, "
                f"{len(self.plan.held)} client(s) on legal hold"
            )
        return (
            f"{len(self.done)} item(s) removed, {len(self.failed)} held back, "
            f"{len(self.plan.held)} client(s) on legal hold, {len(self.exported)} export(s) written"
        )


def _due_for(client: Client, types: list[RecordType], today: date) -> list[Due]:
    last = latest(*(t.last_activity(client) for t in types)) or client.created_at.date()
    found = []
    for t in types:
        if not is_due(last, t.years, today):
            continue
        counts = t.count(client)
        if any(counts.values()):
            found.append(
                Due(
                    client.pk,
                    client.reference,
                    t.key,
                    t.title,
                    t.action,
                    counts,
                    last,
                    due_on(last, t.years),
                )
            )
    return found


def preview_retention(*, actor: Any, door: Door) -> Plan:
    """What retention would remove now, recording that ``actor`` looked (a dry run)."""
    plan = plan_retention()
    record_view(
        "privacy.retention.previewed",
        actor=actor,
        door=door,
        payload={"due": len(plan.due), "held": len(plan.held)},
    )
    return plan


def plan_retention(today: date | None = None) -> Plan:
    """What retention would remove today, and which clients a legal hold keeps. Reads only."""
    day = today or timezone.localdate()
    types = record_types()
    held = held_client_ids()
    plan = Plan(day)
    for client in Client.objects.order_by("pk"):
        items = _due_for(client, types, day)
        if not items:
            continue
        if client.pk in held:
            plan.held.append(Held(client.pk, client.reference, tuple(i.record_type for i in items)))
        else:
            plan.due.extend(items)
    return plan


def export_folder() -> Path | None:
    configured: str = settings.PRIVACY_RETENTION_EXPORT_DIR
    if not configured:
        return None
    folder = Path(configured)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)
    except OSError as exc:
        raise RetentionRefused(f"cannot use the retention export folder: {exc}") from None
    if not os.access(folder, os.W_OK):
        raise RetentionRefused(f"the retention export folder {folder} is not writable")
    return folder


def _write_export(folder: Path, client: Client, record_type: str) -> Path:
    now = timezone.now()
    sections = gather(client, redact=False, only={record_type})
    content = build_zip(client, sections, generated_at=now, redacted=False, pdf=False)
    final = folder / f"retention-{now:%Y%m%dT%H%M%S}-client-{client.pk}-{record_type}.zip"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".export-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.chmod(tmp, 0o600)
    os.replace(tmp, final)
    return final


def erase_records(
    client: Client, record_type: RecordType, *, actor: Any, folder: Path | None = None
) -> tuple[dict[str, int], Path | None]:
    """Remove one record type's data about ``client``, exporting it to ``folder`` first.

    Refuses (``RetentionRefused``) a client on legal hold. Raises
    ``ProtectedError`` when records of another type still point at these.
    """
    exported = None
    try:
        with transaction.atomic():
            locked = Client.objects.select_for_update().get(pk=client.pk)
            if active_hold(locked.pk) is not None:
                raise RetentionRefused(f"client {locked.pk} is on legal hold")
            if folder is not None:
                exported = _write_export(folder, locked, record_type.key)
            counts = record_type.erase(locked, actor)
            record_event(
                "privacy.retention.erased",
                actor=actor,
                target=("clients.client", locked.pk),
                client_id=locked.pk,
                payload={
                    "client_id": locked.pk,
                    "record_type": record_type.key,
                    "action": record_type.action,
                    "counts": counts,
                    "exported": exported.name if exported else "",
                },
            )
    except BaseException:
        if exported is not None:
            exported.unlink(missing_ok=True)
        raise
    return counts, exported


def run_retention(*, actor: Any, dry_run: bool, today: date | None = None) -> RunResult:
    """Remove everything due (or, with ``dry_run``, only list it), then audit the run.

    Each client's record type is removed in its own transaction, exported first
    when ``CONDUCT_RETENTION_EXPORT_DIR`` is set. Refuses to start when the
    export folder is set but unusable.
    """
    plan = plan_retention(today)
    result = RunResult(dry_run, plan)
    if not dry_run:
        remove_expired_exports()
        folder = export_folder()
        types = {t.key: t for t in record_types()}
        for item in plan.due:
            client = Client.objects.get(pk=item.client_id)
            try:
                _, exported = erase_records(
                    client, types[item.record_type], actor=actor, folder=folder
                )
            except (ProtectedError, RestrictedError):
                result.failed.append((item, "records of another kind still refer to these"))
            except RetentionRefused as exc:
                result.failed.append((item, str(exc)))
            else:
                result.done.append(item)
                if exported is not None:
                    result.exported.append(exported)
    with transaction.atomic():
        record_event(
            "privacy.retention.run",
            actor=actor,
            payload={
                "dry_run": dry_run,
                "due": len(plan.due),
                "done": len(result.done),
                "failed": len(result.failed),
                "held": len(plan.held),
                "summary": str(result),
            },
        )
    return result
