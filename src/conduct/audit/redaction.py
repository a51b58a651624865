"""Redacting one audit event's payload without breaking the hash chain."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.audit.services import record_event

REDACTED = {"redacted": True}


def redact_event(event: AuditEvent, *, actor: Any) -> AuditEvent:
    """Replace the event's payload with ``{"redacted": true}`` and record that it was done.

    The event's hash covers ``payload_sha256``, not the payload, so the chain
    still verifies; ``verify_chain`` accepts the changed payload because an
    ``audit.event.redacted`` event names it. Refuses redaction events themselves.
    """
    if event.action == "audit.event.redacted":
        raise ValueError("a redaction record is never itself redacted")
    with transaction.atomic():
        locked = AuditEvent.objects.select_for_update().get(pk=event.pk)
        if locked.redacted_at is not None:
            return locked
        locked.payload = dict(REDACTED)
        locked.redacted_at = timezone.now()
        locked.save(update_fields=["payload", "redacted_at"])
        record_event(
            "audit.event.redacted",
            actor=actor,
            target=("audit.auditevent", locked.seq),
            client_id=locked.client_id,
            payload={"event_id": locked.seq, "action": locked.action},
        )
    return locked
