"""Writing to and checking the audit log. Nothing else writes AuditEvent rows."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from conduct.audit import anchor
from conduct.audit.actions import ACTIONS
from conduct.audit.chain import GENESIS, Link, payload_digest
from conduct.audit.models import AuditEvent, ChainHead

logger = logging.getLogger(__name__)


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
        if anchor_path() is not None:
            # After commit: an event that rolls back is never anchored.
            transaction.on_commit(partial(_write_anchor, "anchor", event.seq, event.hash))
    return event


def anchor_path() -> Path | None:
    configured = str(getattr(settings, "AUDIT_ANCHOR_FILE", "") or "")
    return Path(configured) if configured else None


def anchor_key() -> bytes:
    configured = str(getattr(settings, "AUDIT_ANCHOR_KEY", "") or "")
    if configured:
        return configured.encode()
    # Not in the database either: the secret key comes from the environment or the data
    # folder. A key of its own (CONDUCT_AUDIT_ANCHOR_KEY) can live elsewhere still.
    return hashlib.sha256(b"conduct.audit.anchor|" + settings.SECRET_KEY.encode()).digest()


def _write_anchor(kind: str, seq: int, chain_hash: str) -> None:
    path = anchor_path()
    if path is None:
        return
    try:
        anchor.append(path, anchor.format_line(anchor_key(), kind, seq, chain_hash))
    except OSError as exc:
        # The event is committed; the next one anchors the chain again.
        logger.error("audit anchor not written to %s: %s", path, exc.strerror or exc)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    seq: int | None = None
    note: str = ""

    def __str__(self) -> str:
        if self.ok:
            note = f"; {self.note}" if self.note else ""
            return f"audit chain intact: {self.checked} events checked{note}"
        if self.seq is None:
            return f"audit chain not trusted: {self.problem}"
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


def check_audit(*, actor: Any) -> VerifyResult:
    """Verify the audit log for a person who asked (the API), recording the check and its
    result. ``conduct audit verify`` only reads: a scheduled check that wrote would change
    the chain and anchor it checks."""
    result = verify_audit()
    record_event(
        "audit.chain.verified",
        actor=actor,
        payload={"result": str(result), "ok": result.ok, "checked": result.checked},
    )
    return result


def verify_audit() -> VerifyResult:
    """The whole check: the chain in the database, then its newest anchor outside it."""
    chain = verify_chain()
    if not chain.ok:
        return chain
    anchored = verify_anchor()
    return VerifyResult(anchored.ok, chain.checked, anchored.problem, anchored.seq, anchored.note)


ANCHOR_BATCH = 1000


def verify_anchor() -> VerifyResult:
    """Check every anchor outside the database against the chain in it.

    Every line's seal is checked; then each anchor of the current epoch (the last reset
    and the lines after it) must name an event the database holds, with the anchored
    hash. Fails when one is gone (the newest events were deleted and the head rewound) or
    is another event (the chain was rewritten, or events were deleted and others written
    in their place), reporting the highest such anchor. One pass over the file after the
    seal check, the events looked up a batch of anchors at a time.
    """
    path = anchor_path()
    checked = AuditEvent.objects.count()
    if path is None:
        return VerifyResult(True, checked, note="no anchor is kept (CONDUCT_AUDIT_ANCHOR_FILE=off)")
    highest: anchor.Anchor | None = None
    worst: tuple[anchor.Anchor, str | None] | None = None  # (anchor, hash held or None)
    wrong = 0

    def compare(batch: list[anchor.Anchor]) -> None:
        nonlocal worst, wrong
        held = dict(
            AuditEvent.objects.filter(seq__in={a.seq for a in batch}).values_list("seq", "hash")
        )
        for line in batch:
            found = held.get(line.seq)
            if found != line.hash:
                wrong += 1
                if worst is None or line.seq > worst[0].seq:
                    worst = (line, found)

    try:
        batch: list[anchor.Anchor] = []
        for line in anchor.current(path, anchor_key()):
            if highest is None or line.seq > highest.seq:
                highest = line
            if line.seq == 0:  # a reset of an empty chain: no event to compare
                continue
            batch.append(line)
            if len(batch) >= ANCHOR_BATCH:
                compare(batch)
                batch = []
        if batch:
            compare(batch)
    except (anchor.AnchorError, OSError) as exc:
        return VerifyResult(False, checked, f"the anchor file {path}: {exc}")
    if highest is None:
        note = f"no anchor in {path} yet; `conduct audit anchor` writes one"
        return VerifyResult(True, checked, note=note)
    if worst is not None:
        line, found = worst
        more = f" ({wrong} anchors do not match)" if wrong > 1 else ""
        if found is None:
            last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
            problem = (
                f"event #{line.seq} was anchored at {line.at} but the log ends at #{last}: "
                "the newest events were deleted"
            )
        else:
            problem = (
                f"it is not the event anchored at {line.at}: the chain was rewritten, or "
                "events were deleted and others written in their place"
            )
        return VerifyResult(False, checked, problem + more, line.seq)
    return VerifyResult(True, checked, note=f"anchored up to #{highest.seq} at {highest.at}")


def accept_rewind(*, actor: Any) -> int:
    """Start the anchors again from the chain as it is now (after restoring a backup).

    Writes a sealed reset line for the current head, then records
    ``audit.anchor.reset``. Refuses when no anchor file is kept. Returns the head's seq.
    """
    path = anchor_path()
    if path is None:
        raise ValueError("no anchor file is kept (CONDUCT_AUDIT_ANCHOR_FILE=off)")
    try:
        before = anchor.latest(path, anchor_key())
    except anchor.AnchorError:
        before = None
    head = ChainHead.objects.filter(pk=1).first()
    seq, chain_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS)
    anchor.append(path, anchor.format_line(anchor_key(), "reset", seq, chain_hash))
    record_event(
        "audit.anchor.reset",
        actor=actor,
        payload={"anchored_seq": before.seq if before else 0, "head_seq": seq},
    )
    return seq


def write_anchor(*, actor: Any) -> int:
    """Anchor the current head now (the first time, or after turning anchoring on)."""
    if anchor_path() is None:
        raise ValueError("no anchor file is kept (CONDUCT_AUDIT_ANCHOR_FILE=off)")
    event = record_event("audit.anchor.written", actor=actor)
    return event.seq
