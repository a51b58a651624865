"""Polling an IMAP mailbox: each message is taken once per UIDVALIDITY.

The last UID stored is advanced in the same transaction as the messages, so a
connection that drops mid-fetch loses nothing already stored and the next poll
resumes where this one stopped. If the server's UIDVALIDITY changes (the mailbox
was rebuilt), polling starts again from UID 1 and Message-ID dedup keeps each
message once.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.correspondence.models import MailboxState
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.pipeline import limits
from conduct.correspondence.services.ingest import StoreResult, store_items

logger = logging.getLogger(__name__)
_UID = re.compile(rb"UID (\d+)")


@dataclass(frozen=True)
class ImapAccount:
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    mailbox: str = "INBOX"
    ssl: bool = True
    timeout: float = 30.0

    @property
    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.mailbox}"


@dataclass
class PollResult:
    stored: StoreResult = field(default_factory=StoreResult)
    last_uid: int = 0
    error: str = ""


class ImapError(Exception):
    pass


def _connect(account: ImapAccount) -> imaplib.IMAP4:
    if account.ssl:
        conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(account.host, account.port, timeout=account.timeout)
    else:
        conn = imaplib.IMAP4(account.host, account.port, timeout=account.timeout)
    try:
        conn.login(account.user, account.password)
    except BaseException:
        with contextlib.suppress(OSError):
            conn.shutdown()
        raise
    return conn


def _uidvalidity(conn: imaplib.IMAP4, mailbox: str) -> int:
    typ, _ = conn.select(_quote(mailbox), readonly=True)
    if typ != "OK":
        raise ImapError(f"cannot open mailbox {mailbox!r}")
    _, values = conn.response("UIDVALIDITY")
    if not values or values[0] is None:
        raise ImapError("the server did not report UIDVALIDITY")
    return int(values[0])


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fetch(conn: imaplib.IMAP4, uids: list[int]) -> list[tuple[int, bytes]]:
    typ, data = conn.uid("FETCH", ",".join(map(str, uids)), "(UID BODY.PEEK[])")
    if typ != "OK":
        raise ImapError("FETCH failed")
    out: list[tuple[int, bytes]] = []
    for part in data:
        if isinstance(part, tuple) and len(part) == 2:
            match = _UID.search(part[0])
            if match:
                out.append((int(match.group(1)), part[1]))
    return sorted(out)


def poll(account: ImapAccount, *, actor: Any = None, batch: int = 50) -> PollResult:
    """Store new messages from ``account``. Errors end the poll and are reported in
    ``error`` (with everything stored before them kept)."""
    result = PollResult()
    state, _ = MailboxState.objects.get_or_create(account=account.label[:300])
    try:
        conn = _connect(account)
    except (OSError, imaplib.IMAP4.error) as exc:
        result.error = f"cannot connect or sign in: {exc.__class__.__name__}"
        logger.warning("imap %s: %s", account.host, result.error)
        return result
    try:
        uidvalidity = _uidvalidity(conn, account.mailbox)
        last_uid = state.last_uid if state.uidvalidity == uidvalidity else 0
        typ, data = conn.uid("SEARCH", None, f"UID {last_uid + 1}:*")  # type: ignore[arg-type]
        if typ != "OK":
            raise ImapError("SEARCH failed")
        uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > last_uid)
        for start in range(0, len(uids), batch):
            fetched = _fetch(conn, uids[start : start + batch])
            items: list[Item] = []
            rejected: list[Rejected] = []
            for uid, raw in fetched:
                parsed = parse_email(
                    raw,
                    f"{account.mailbox} UID {uid}",
                    fallback_time=datetime.now(UTC),
                    max_bytes=limits().max_message_bytes,
                )
                (rejected if isinstance(parsed, Rejected) else items).append(parsed)  # type: ignore[arg-type]
            with transaction.atomic():
                result.stored.merge(store_items(items, rejected, actor=actor))
                if fetched:
                    last_uid = max(uid for uid, _ in fetched)
                MailboxState.objects.filter(pk=state.pk).update(
                    uidvalidity=uidvalidity, last_uid=last_uid
                )
        result.last_uid = last_uid
    except (OSError, imaplib.IMAP4.error, ImapError) as exc:
        result.error = (
            f"the connection failed mid-poll ({exc.__class__.__name__}); stored messages are kept"
        )
        logger.warning("imap %s: %s", account.host, result.error)
    finally:
        try:
            conn.logout()
        except (OSError, imaplib.IMAP4.error):
            with contextlib.suppress(OSError):
                conn.shutdown()
    with transaction.atomic():
        MailboxState.objects.filter(pk=state.pk).update(polled_at=timezone.now())
        record_event(
            "correspondence.mailbox.polled",
            actor=actor,
            target=state,
            payload={
                "account": account.label[:120],
                "added": result.stored.added,
                "error": result.error,
            },
        )
    return result
