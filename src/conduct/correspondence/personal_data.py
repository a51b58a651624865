"""Correspondence about a client: communications with their screening results,
feedback and attachments; staff time; linked senders. Deleted at retention.

Imported only when the correspondence app is installed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Max

from conduct.clients.models import Client
from conduct.core.personal_data import RecordType, Redacting, Section, as_day, plain
from conduct.correspondence import aggregates
from conduct.correspondence.attachments import name_for
from conduct.correspondence.models import Attachment, Communication, SenderLink, TimeEntry


def _communication(c: Communication, r: Redacting) -> dict[str, Any]:
    screening = getattr(c, "screening", None)
    return {
        "id": c.pk,
        "channel": c.channel,
        "direction": c.direction,
        "occurred_at": plain(c.occurred_at),
        "staff": r.person(c.staff) if c.staff_id else "",
        "sender": c.sender_display,
        "subject": r.text(c.subject),
        "body": r.text(c.body),
        "duration_seconds": c.duration_seconds,
        "do_not_reply": c.do_not_reply,
        "review_state": c.review_state,
        "incident_id": c.incident_id,
        "screening": None
        if screening is None
        else {
            "flagged": screening.flagged,
            "score": screening.score,
            "categories": screening.categories,
            "evidence": screening.evidence,
            "model": f"{screening.model_name} {screening.model_version}",
            "screened_at": plain(screening.screened_at),
        },
        "feedback": [
            {"label": f.label, "by": r.person(f.given_by), "at": plain(f.given_at)}
            for f in c.feedback.select_related("given_by")
        ],
        "attachments": [
            {"filename": a.filename, "sha256": a.sha256, "size": a.size, "file": _file(a)}
            for a in c.attachments.all()
        ],
        "original": None
        if not c.original_sha256
        else {"sha256": c.original_sha256, "size": c.original_size, "file": _original(c)},
    }


def _file(a: Attachment) -> str:
    return f"attachments/{a.sha256[:12]}-{a.pk}"


def _original(c: Communication) -> str:
    return f"originals/{c.original_sha256[:12]}-{c.pk}"


def _attachment_files(client: Client) -> list[tuple[str, bytes]]:
    storage = storages["default"]
    wanted = [
        (_file(a), a.sha256) for a in Attachment.objects.filter(communication__client=client)
    ] + [
        (_original(c), c.original_sha256)
        for c in Communication.objects.filter(client=client).exclude(original_sha256="")
    ]
    files = []
    for path, sha256 in wanted:
        if storage.exists(name_for(sha256)):
            with storage.open(name_for(sha256), "rb") as handle:
                files.append((path, bytes(handle.read())))
    return files


def sections(client: Client, r: Redacting) -> list[Section]:
    communications = (
        Communication.objects.filter(client=client)
        .select_related("staff", "screening")
        .order_by("occurred_at", "pk")
    )
    time = [
        {"on": plain(t.on), "minutes": t.minutes, "by": r.person(t.staff), "note": r.text(t.note)}
        for t in TimeEntry.objects.filter(client=client).select_related("staff")
    ]
    senders = [
        {"kind": s.kind, "key": s.key, "linked_at": plain(s.linked_at)}
        for s in SenderLink.objects.filter(client=client)
    ]
    return [
        Section(
            "correspondence.communications",
            "Communications and screening results",
            [_communication(c, r) for c in communications],
            _attachment_files(client),
        ),
        Section("correspondence.time", "Staff time recorded", time),
        Section("correspondence.senders", "Senders linked to the client", senders),
    ]


def last_activity(client: Client) -> date | None:
    found = Communication.objects.filter(client=client).aggregate(a=Max("occurred_at"))["a"]
    return as_day(found)


def count(client: Client) -> dict[str, int]:
    return {
        "communications": Communication.objects.filter(client=client).count(),
        "time entries": TimeEntry.objects.filter(client=client).count(),
        "linked senders": SenderLink.objects.filter(client=client).count(),
    }


def erase(client: Client, actor: Any) -> dict[str, int]:
    counts = count(client)
    hashes = set(
        Attachment.objects.filter(communication__client=client).values_list("sha256", flat=True)
    ) | set(
        Communication.objects.filter(client=client)
        .exclude(original_sha256="")
        .values_list("original_sha256", flat=True)
    )
    Communication.objects.filter(client=client).delete()
    transaction.on_commit(lambda: _remove_unreferenced(hashes))
    TimeEntry.objects.filter(client=client).delete()
    SenderLink.objects.filter(client=client).delete()
    aggregates.client_erased(client.pk)
    return counts


def _remove_unreferenced(hashes: set[str]) -> None:
    """Files are stored by content: a file goes only when no other message has it."""
    used = set(Attachment.objects.filter(sha256__in=hashes).values_list("sha256", flat=True))
    used |= set(
        Communication.objects.filter(original_sha256__in=hashes).values_list(
            "original_sha256", flat=True
        )
    )
    storage = storages["default"]
    for sha in hashes - used:
        storage.delete(name_for(sha))


RECORD_TYPE = RecordType(
    key="correspondence",
    title="Correspondence: communications, screening results, staff time",
    sections=sections,
    last_activity=last_activity,
    count=count,
    erase=erase,
)
