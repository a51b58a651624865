"""Writing to and checking the audit log. Nothing else writes AuditEvent rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from conduct.audit.actions import ACTIONS
from conduct.audit.chain import GENESIS, Link, payload_digest
from conduct.audit.models import AuditEvent, ChainHead


class UnknownAction(ValueError):
    pass


def _target(target: models.Model | tuple[str, object] | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, tuple):
        return target[0], str(target[1])
    return target._meta.label_lower, str(target.pk)


def _link_for(event: AuditEvent) -> Link:
    return Link(
        seq=event.seq,
        at=event.at.isoformat(),
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        target_type=event.target_type,
        target_id=event.target_id,
        client_id=event.client_id,
        payload_sha256=event.payload_sha256,
        prev_hash=event.prev_hash,
    )


def record_event(
    action: str,
    *,
    actor: Any,
    target: models.Model | tuple[str, object] | None = None,
    client_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction.

    ``actor`` is a user or ``None`` for the system. Refuses codes that are not
    registered in ``conduct.audit.actions``.
    """
    if action not in ACTIONS:
        raise UnknownAction(f"audit action {action!r} is not registered")
    data = dict(payload or {})
    target_type, target_id = _target(target)
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor=user,
            actor_label=user.get_username() if user is not None else "system",
            action=action,
            target_type=target_type,
            target_id=target_id,
            client_id=client_id,
            payload=data,
            payload_sha256=payload_digest(data),
            prev_hash=head.last_hash,
        )
        # Round-trip through JSON so the digest covers what the database stores.
        event.hash = _link_for(event).digest()
        event.save()
        head.last_seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    seq: int | None = None

    def __str__(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.checked} events checked"
        return f"audit chain broken at event #{self.seq}: {self.problem}"


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def verify_chain() -> VerifyResult:
    """Walk the whole chain; report the first event whose hash or link is wrong."""
    redactions = {
        str(p.get("event_id"))
        for p in AuditEvent.objects.filter(action="audit.event.redacted").values_list(
            "payload", flat=True
        )
        if isinstance(p, dict)
    }
    previous = GENESIS
    expected_seq = 1
    checked = 0
    for event in _events():
        if event.seq != expected_seq:
            return VerifyResult(
                False, checked, f"expected event #{expected_seq}, found #{event.seq}", event.seq
            )
        if event.prev_hash != previous:
            return VerifyResult(False, checked, "does not link to the event before it", event.seq)
        if _link_for(event).digest() != event.hash:
            return VerifyResult(False, checked, "its contents do not match its hash", event.seq)
        if payload_digest(event.payload) != event.payload_sha256 and (
            event.redacted_at is None or str(event.seq) not in redactions
        ):
            return VerifyResult(False, checked, "its payload was changed", event.seq)
        previous = event.hash
        expected_seq += 1
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_seq != checked:
        return VerifyResult(
            False,
            checked,
            f"the log ends at #{checked} but #{head.last_seq} was written",
            checked + 1,
        )
    return VerifyResult(True, checked)
