"""Audit events about a client. Exported with their sentences; at retention
their payloads are redacted (the rows and the hash chain stay)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from conduct.audit.models import AuditEvent
from conduct.audit.redaction import redact_event
from conduct.core.personal_data import RecordType, Redacting, Section, plain

# Audit sits below clients: a client is known here only by its ``pk``.
Client = Any

# Codes whose payloads never hold personal data; redacting them would only
# make the trail harder to follow.
NEVER_REDACTED = {"audit.event.redacted", "privacy.retention.erased", "privacy.retention.run"}


def redactable(client: Client) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(client_id=client.pk, redacted_at__isnull=True).exclude(
        action__in=NEVER_REDACTED
    )


def sections(client: Client, r: Redacting) -> list[Section]:
    events = [
        {
            "seq": e.seq,
            "at": plain(e.at),
            "by": r.person(e.actor) if e.actor_id else e.actor_label,
            "action": e.action,
            "what": r.text(e.sentence),
            "redacted": e.redacted_at is not None,
        }
        for e in AuditEvent.objects.filter(client_id=client.pk)
        .select_related("actor")
        .order_by("seq")
    ]
    return [Section("audit.events", "Audit log entries about the client", events)]


def last_activity(client: Client) -> date | None:
    # Looking at a record is not activity by the client: the audit log never
    # extends how long anything is kept.
    return None


def count(client: Client) -> dict[str, int]:
    return {"audit payloads": redactable(client).count()}


def erase(client: Client, actor: Any) -> dict[str, int]:
    events = list(redactable(client).order_by("seq"))
    for event in events:
        redact_event(event, actor=actor)
    return {"audit payloads": len(events)}


RECORD_TYPE = RecordType(
    key="audit",
    title="Audit log payloads about the client (the entries stay, redacted)",
    sections=sections,
    last_activity=last_activity,
    count=count,
    erase=erase,
    action="redacted",
)
