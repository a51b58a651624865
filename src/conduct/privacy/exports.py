"""Subject access exports made in the background, with progress, a time budget,
an audited download and files kept only for ``CONDUCT_SUBJECT_ACCESS_KEEP_DAYS``.

``request_subject_access_export`` is the one entry point: a page, the API or a
subject access request record calls it with the client and the person asking;
the task ``make_subject_access_export_task`` does the work.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from conduct.audit.reads import Door, record_view
from conduct.audit.services import record_event
from conduct.clients.models import Client
from conduct.core.refusals import CONFLICT, Refused
from conduct.privacy.models import SubjectAccessExport
from conduct.privacy.subject_access import build_export

logger = logging.getLogger(__name__)
State = SubjectAccessExport.State


class TooSlow(Exception):
    """The export ran past its time budget."""


class NotAvailable(Refused):
    """The export cannot be downloaded (not ready, failed, or removed); says why."""

    rule = "export_ready"
    status = CONFLICT


def folder() -> Path:
    path = Path(settings.PRIVACY_SUBJECT_ACCESS_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def request_subject_access_export(
    client: Client, *, actor: Any, reference: str = "", redact_third_parties: bool = True
) -> SubjectAccessExport:
    """Record that ``actor`` asked for everything held about ``client`` and queue the work.

    ``reference`` names the subject access request it answers, if any. The
    export is made by the background worker after this transaction commits;
    its record shows the progress, and the download link once it is ready.
    """
    from conduct.privacy.tasks import make_subject_access_export_task

    with transaction.atomic():
        export = SubjectAccessExport.objects.create(
            client=client,
            requested_by=actor,
            request_reference=reference.strip()[:100],
            redact_third_parties=redact_third_parties,
            requested_at=timezone.now(),
            step="Waiting for the background worker",
        )
        record_event(
            "privacy.subject_access.requested",
            actor=actor,
            target=client,
            client_id=client.pk,
            payload={
                "client_id": client.pk,
                "export_id": export.pk,
                "redacted": redact_third_parties,
                "reference": export.request_reference,
            },
        )
        transaction.on_commit(lambda: make_subject_access_export_task.enqueue(export.pk))
    return export


def _save(export_id: int, **fields: Any) -> None:
    SubjectAccessExport.objects.filter(pk=export_id).update(**fields)


def make_export(export_id: int) -> str:
    """Make export ``export_id`` (the task's work); returns its final state.

    Progress is written as it goes. Past ``CONDUCT_SUBJECT_ACCESS_TIME_LIMIT``
    seconds it stops and is marked failed with the reason; any other error
    also fails it (the reason names the kind of error, never content).
    Running it again for an export that already started does nothing.
    """
    remove_expired_exports()
    claimed = SubjectAccessExport.objects.filter(pk=export_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=timezone.now(), step="Starting", progress=0
    )
    if not claimed:
        current = SubjectAccessExport.objects.filter(pk=export_id).first()
        return current.state if current else "missing"
    export = SubjectAccessExport.objects.select_related("client").get(pk=export_id)
    limit = int(settings.PRIVACY_SUBJECT_ACCESS_TIME_LIMIT)
    deadline = time.monotonic() + limit

    def progress(step: str, percent: int) -> None:
        if time.monotonic() > deadline:
            raise TooSlow(step)
        _save(export_id, step=step[:200], progress=max(0, min(percent, 100)))

    try:
        made = build_export(
            export.client,
            redact_third_parties=export.redact_third_parties,
            progress=progress,
            request_reference=export.request_reference,
        )
        if time.monotonic() > deadline:
            raise TooSlow("Packing the archive")
        name = f"{export.pk}-{made.sha256[:16]}.zip"
        _write(folder() / name, made.content)
    except TooSlow as exc:
        return _fail(export, f"Stopped after {limit} seconds, while: {exc}. Nothing was kept.")
    except Exception as exc:  # the export fails clearly, whatever went wrong
        logger.exception("subject access export %s failed", export.pk)
        return _fail(export, f"The export could not be made ({type(exc).__name__}).")
    now = timezone.now()
    keep = timedelta(days=int(settings.PRIVACY_SUBJECT_ACCESS_KEEP_DAYS))
    with transaction.atomic():
        _save(
            export.pk,
            state=State.READY,
            progress=100,
            step="Ready",
            finished_at=now,
            file_name=name,
            sha256=made.sha256,
            size=len(made.content),
            records=made.records,
            expires_at=now + keep,
        )
        record_event(
            "privacy.subject_access.exported",
            actor=export.requested_by,
            target=export.client,
            client_id=export.client_id,
            payload={
                "client_id": export.client_id,
                "export_id": export.pk,
                "records": made.records,
                "redacted": export.redact_third_parties,
                "sha256": made.sha256,
            },
        )
    return State.READY


def _write(path: Path, content: bytes) -> None:
    """Written whole or not at all, readable by this account only."""
    partial = path.with_suffix(".part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


def _fail(export: SubjectAccessExport, reason: str) -> str:
    with transaction.atomic():
        _save(
            export.pk,
            state=State.FAILED,
            step="Failed",
            error=reason[:500],
            finished_at=timezone.now(),
        )
        record_event(
            "privacy.subject_access.failed",
            actor=export.requested_by,
            target=export.client,
            client_id=export.client_id,
            payload={"client_id": export.client_id, "export_id": export.pk, "reason": reason},
        )
    return State.FAILED


def open_export(export: SubjectAccessExport, *, actor: Any, door: Door) -> tuple[Path, str]:
    """The ready export's file and download name, recording that ``actor`` downloaded it.

    Refuses (``NotAvailable``, with the reason) an export that is not ready,
    failed, or is past its keeping period (whose file is then removed).
    """
    if export.state == State.READY and export.expires_at and export.expires_at <= timezone.now():
        remove_expired_exports()
        export.refresh_from_db()
    if export.state != State.READY:
        reasons = {
            State.QUEUED: "The export has not started yet.",
            State.RUNNING: "The export is still being made.",
            State.FAILED: "The export failed; ask for a new one.",
            State.REMOVED: "The export was removed after its keeping period; ask for a new one.",
        }
        raise NotAvailable(reasons.get(State(export.state), "The export is not available."))
    path = folder() / export.file_name
    if not path.is_file():
        raise NotAvailable("The export's file is missing; ask for a new one.")
    with transaction.atomic():
        record_view(
            "privacy.subject_access.downloaded",
            actor=actor,
            door=door,
            target=export.client,
            client_id=export.client_id,
            payload={
                "client_id": export.client_id,
                "export_id": export.pk,
                "sha256": export.sha256,
            },
        )
    stamp = timezone.localtime(export.finished_at).strftime("%Y%m%d-%H%M%S")
    return path, f"subject-access-client-{export.client_id}-{stamp}.zip"


def fail_abandoned_exports(*, now: datetime | None = None) -> int:
    """Fail exports still "running" long after their time budget (their worker died)."""
    now = now or timezone.now()
    budget = int(settings.PRIVACY_SUBJECT_ACCESS_TIME_LIMIT)
    cutoff = now - timedelta(seconds=2 * budget + 60)
    stale = list(
        SubjectAccessExport.objects.filter(
            state=State.RUNNING, started_at__lt=cutoff
        ).select_related("client", "requested_by")
    )
    for export in stale:
        _fail(export, "The background worker stopped while making it. Nothing was kept.")
    return len(stale)


def remove_expired_exports(*, now: datetime | None = None) -> int:
    """Remove the files of exports past their keeping period; returns how many.

    Also fails exports whose worker died (``fail_abandoned_exports``)."""
    now = now or timezone.now()
    fail_abandoned_exports(now=now)
    removed = 0
    for export in SubjectAccessExport.objects.filter(state=State.READY, expires_at__lte=now):
        with transaction.atomic():
            updated = SubjectAccessExport.objects.filter(pk=export.pk, state=State.READY).update(
                state=State.REMOVED, removed_at=now, step="Removed"
            )
            if not updated:
                continue
            record_event(
                "privacy.subject_access.removed",
                actor=None,
                target=export.client,
                client_id=export.client_id,
                payload={"client_id": export.client_id, "export_id": export.pk},
            )
        if export.file_name:
            (folder() / export.file_name).unlink(missing_ok=True)
        removed += 1
    return removed
