"""The shielded mailbox: a flagged message is taken out of the watched folder
(``CONDUCT_IMAP_FLAGGED_ACTION=move``, into ``CONDUCT_IMAP_FLAGGED_FOLDER``,
created if missing) or only marked with a keyword (``keyword``), so staff who
read the shared inbox do not meet it there. Optionally a short placeholder is
left in its place.

Each action is planned in the transaction that stores the message and done
after it; it is idempotent (MOVE and STORE of a UID already gone do nothing; a
placeholder is looked for before it is written again), so a dropped connection
only leaves work for the next poll. Each action done writes one audit event.
"""

from __future__ import annotations

import imaplib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.correspondence import mailbox_rules as rules
from conduct.correspondence.models import Communication, MailboxAction, MailboxState


class ShieldError(Exception):
    """The server cannot do what is configured (no MOVE, keywords refused…)."""


@dataclass(frozen=True)
class Shield:
    action: str = "none"  # move, keyword or none
    folder: str = "Client Conduct/Flagged"
    keyword: str = "ClientConductFlagged"
    placeholder: bool = False

    @property
    def active(self) -> bool:
        return self.action in {MailboxAction.MOVE, MailboxAction.KEYWORD}


def _ok(result: tuple[str, Any], what: str) -> Any:
    typ, data = result
    if typ != "OK":
        detail = data[-1].decode(errors="replace")[:120] if data and data[-1] else ""
        raise ShieldError(f"{what} failed: {detail}".strip())
    return data


def prepare(conn: imaplib.IMAP4, shield: Shield) -> str:
    """Check the server can do the action; for a move, the destination folder
    (created and subscribed if missing) in the server's own spelling."""
    if shield.action == MailboxAction.KEYWORD:
        _, flags = conn.response("PERMANENTFLAGS")
        allowed = b" ".join(f for f in flags if f)
        if b"\\*" not in allowed and shield.keyword.encode() not in allowed:
            raise ShieldError("the server does not allow keywords on messages in this folder")
        return shield.keyword
    # Asked again: the list sent before sign-in is usually shorter.
    capabilities = b" ".join(_ok(conn.capability(), "CAPABILITY")).upper().split()
    if b"MOVE" not in capabilities:
        raise ShieldError(
            "the IMAP server cannot MOVE messages (RFC 6851); set "
            "CONDUCT_IMAP_FLAGGED_ACTION=keyword instead"
        )
    lines = _ok(conn.list('""', '""'), "LIST")
    delimiter = rules.list_delimiter(lines[0]) if lines and isinstance(lines[0], bytes) else None
    try:
        folder = rules.server_path(shield.folder, delimiter)
    except ValueError as exc:
        raise ShieldError(f"CONDUCT_IMAP_FLAGGED_FOLDER: {exc}") from None
    existing = _ok(conn.list('""', rules.quote(folder)), "LIST")
    if not any(existing):
        typ, _ = conn.create(rules.quote(folder))
        # Another poll may have created it a moment ago.
        if typ != "OK" and not any(_ok(conn.list('""', rules.quote(folder)), "LIST")):
            raise ShieldError("the flagged folder could not be created")
        conn.subscribe(rules.quote(folder))
    return folder


def plan(
    state: MailboxState, uidvalidity: int, keys: Mapping[int, str], shield: Shield, target: str
) -> int:
    """In the storing transaction: an action for each fetched UID whose message is
    flagged (just stored, or stored before and delivered again) and not dismissed."""
    if not shield.active or not keys:
        return 0
    flagged = dict(
        Communication.objects.filter(dedup_key__in=set(keys.values()), screening__flagged=True)
        .exclude(review_state=Communication.DISMISSED)
        .values_list("dedup_key", "pk")
    )
    rows = [
        MailboxAction(
            state=state,
            uidvalidity=uidvalidity,
            uid=uid,
            communication_id=flagged[key],
            action=shield.action,
            target=target[:300],
        )
        for uid, key in keys.items()
        if key in flagged
    ]
    MailboxAction.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _has_message_id(conn: imaplib.IMAP4, message_id: str) -> bool:
    data = _ok(conn.uid("SEARCH", "HEADER", "Message-ID", f'"{message_id}"'), "SEARCH")
    return bool(data and data[0] and data[0].split())


def _leave_placeholder(
    conn: imaplib.IMAP4, action: MailboxAction, mailbox: str, user: str, shield: Shield
) -> None:
    secret = settings.SECRET_KEY
    if _has_message_id(conn, rules.placeholder_id(secret, action.pk)[1:-1]):
        return
    comm = action.communication
    note = rules.placeholder(
        secret=secret,
        action_id=action.pk,
        sender=comm.sender_key if comm else "",
        mailbox_user=user,
        received=timezone.localtime(comm.occurred_at) if comm else timezone.localtime(),
        folder=shield.folder,
        sent_from=settings.DEFAULT_FROM_EMAIL,
        now=datetime.now(UTC),
    )
    _ok(
        conn.append(rules.quote(mailbox), None, imaplib.Time2Internaldate(time.time()), note),
        "APPEND",
    )


def complete(action: MailboxAction, *, mailbox: str, placeholder_left: bool, actor: Any) -> None:
    """Record a mailbox action as done, with its one audit event."""
    with transaction.atomic():
        done = MailboxAction.objects.filter(pk=action.pk, done_at=None).update(
            done_at=timezone.now(), placeholder_left=placeholder_left
        )
        if not done:
            return  # another poll finished it
        client_id = action.communication.client_id if action.communication else None
        payload = {
            "communication_id": action.communication_id,
            "mailbox": mailbox[:120],
            "placeholder": placeholder_left,
        }
        if action.action == MailboxAction.MOVE:
            record_event(
                "correspondence.message.moved",
                actor=actor,
                target=action.communication,
                client_id=client_id,
                payload={**payload, "folder": action.target[:120]},
            )
        else:
            record_event(
                "correspondence.message.marked",
                actor=actor,
                target=action.communication,
                client_id=client_id,
                payload={**payload, "keyword": action.target[:64]},
            )


def apply_pending(
    conn: imaplib.IMAP4,
    state: MailboxState,
    uidvalidity: int,
    *,
    mailbox: str,
    user: str,
    shield: Shield,
    actor: Any,
) -> tuple[int, list[str]]:
    """Do every action not yet done for this folder. Returns how many were done,
    and why any others could not be (those are tried again at the next poll,
    without holding up the rest)."""
    MailboxAction.objects.filter(state=state, done_at=None).exclude(uidvalidity=uidvalidity).update(
        abandoned=True, done_at=timezone.now()
    )
    done, problems = 0, []
    pending = MailboxAction.objects.filter(state=state, done_at=None).select_related(
        "communication"
    )
    for action in pending.order_by("uid"):
        uid = str(action.uid)
        left = shield.placeholder and action.action == MailboxAction.MOVE
        try:
            if action.action == MailboxAction.MOVE:
                _ok(conn.uid("MOVE", uid, rules.quote(action.target)), "MOVE")
            else:
                _ok(conn.uid("STORE", uid, "+FLAGS.SILENT", f"({action.target})"), "STORE")
            if left:
                _leave_placeholder(conn, action, mailbox, user, shield)
        except ShieldError as exc:
            problems.append(f"UID {uid}: {exc}")
            continue
        complete(action, mailbox=mailbox, placeholder_left=left, actor=actor)
        done += 1
    return done, problems
