"""Polling an IMAP mailbox: each message is taken once per UIDVALIDITY.

The last UID stored is advanced in the same transaction as the messages, so a
connection that drops mid-fetch loses nothing already stored and the next poll
resumes where this one stopped. If the server's UIDVALIDITY changes (the mailbox
was rebuilt), polling starts again from UID 1 and Message-ID dedup keeps each
message once. Flagged messages are then moved out of the folder or marked
(``conduct.correspondence.shield``). Sign-in is by password or by an OAuth 2.0
token (XOAUTH2 or OAUTHBEARER).
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from conduct.accounts.sso.sasl import MECHANISMS, initial_response, responder
from conduct.accounts.sso.tokens import TokenUnavailable, access_token, mail_grant
from conduct.audit.services import record_event
from conduct.correspondence.mailbox_rules import is_placeholder
from conduct.correspondence.models import MailboxState
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.pipeline import limits
from conduct.correspondence.services.ingest import StoreResult, item_key, store_items
from conduct.correspondence.shield import Shield, ShieldError, apply_pending, plan, prepare

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
    auth: str = "password"  # or xoauth2, oauthbearer: a token from CONDUCT_MAIL_OAUTH_*
    shield: Shield = field(default_factory=Shield)

    @property
    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.mailbox}"


@dataclass
class PollResult:
    stored: StoreResult = field(default_factory=StoreResult)
    last_uid: int = 0
    error: str = ""
    shielded: int = 0  # flagged messages moved out of the folder or marked


class ImapError(Exception):
    pass


def _connect(account: ImapAccount) -> imaplib.IMAP4:
    if account.ssl:
        conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(account.host, account.port, timeout=account.timeout)
    else:
        conn = imaplib.IMAP4(account.host, account.port, timeout=account.timeout)
    try:
        if account.auth == "password":
            conn.login(account.user, account.password)
        else:
            first = initial_response(
                account.auth,
                user=account.user,
                token=access_token(mail_grant()),
                host=account.host,
                port=account.port,
            )
            respond = responder(account.auth, first)
            conn.authenticate(
                MECHANISMS[account.auth], lambda challenge: respond(challenge).encode()
            )
    except BaseException:
        with contextlib.suppress(OSError):
            conn.shutdown()
        raise
    return conn


def _uidvalidity(conn: imaplib.IMAP4, mailbox: str, *, readonly: bool) -> int:
    typ, _ = conn.select(_quote(mailbox), readonly=readonly)
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
    """Store new messages from ``account``, then move or mark the flagged ones.
    Errors end the poll and are reported in ``error`` (with everything stored
    before them kept, and any move left undone planned for the next poll)."""
    result = PollResult()
    state, _ = MailboxState.objects.get_or_create(account=account.label[:300])
    shield = account.shield
    try:
        conn = _connect(account)
    except TokenUnavailable as exc:
        result.error = f"cannot get an OAuth token to sign in: {exc}"
        logger.warning("imap %s: %s", account.host, result.error)
        return result
    except (OSError, imaplib.IMAP4.error) as exc:
        result.error = f"cannot connect or sign in: {exc.__class__.__name__}"
        logger.warning("imap %s: %s", account.host, result.error)
        return result

    problems: list[str] = []

    def shield_pending() -> None:
        done, failed = apply_pending(
            conn,
            state,
            uidvalidity,
            mailbox=account.mailbox,
            user=account.user,
            shield=shield,
            actor=actor,
        )
        result.shielded += done
        problems[:] = failed  # the last attempt's; earlier ones were tried again

    try:
        uidvalidity = _uidvalidity(conn, account.mailbox, readonly=not shield.active)
        target = prepare(conn, shield) if shield.active else ""
        if shield.active:
            shield_pending()  # left over from a poll whose connection dropped
        last_uid = state.last_uid if state.uidvalidity == uidvalidity else 0
        typ, data = conn.uid("SEARCH", f"UID {last_uid + 1}:*")
        if typ != "OK":
            raise ImapError("SEARCH failed")
        uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > last_uid)
        for start in range(0, len(uids), batch):
            fetched = _fetch(conn, uids[start : start + batch])
            items: list[Item] = []
            rejected: list[Rejected] = []
            keys: dict[int, str] = {}
            for uid, raw in fetched:
                parsed = parse_email(
                    raw,
                    f"{account.mailbox} UID {uid}",
                    fallback_time=datetime.now(UTC),
                    max_bytes=limits().max_message_bytes,
                )
                if isinstance(parsed, Rejected):
                    rejected.append(parsed)
                elif not is_placeholder(settings.SECRET_KEY, parsed.message_id):
                    items.append(parsed)
                    keys[uid] = item_key(parsed)
            with transaction.atomic():
                result.stored.merge(store_items(items, rejected, actor=actor))
                plan(state, uidvalidity, keys, shield, target)
                if fetched:
                    last_uid = max(uid for uid, _ in fetched)
                MailboxState.objects.filter(pk=state.pk).update(
                    uidvalidity=uidvalidity, last_uid=last_uid
                )
            if shield.active:
                shield_pending()
        result.last_uid = last_uid
        if problems:
            result.error = (
                f"{len(problems)} flagged message(s) could not be shielded and will be tried "
                f"again: {'; '.join(problems[:3])}"
            )
            logger.warning("imap %s: %s", account.host, result.error)
    except ShieldError as exc:
        result.error = f"flagged messages cannot be shielded: {exc}"
        logger.warning("imap %s: %s", account.host, result.error)
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
                "shielded": result.shielded,
                "error": result.error,
            },
        )
    return result
