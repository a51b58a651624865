"""One e-mail message (RFC 5322 bytes) into an ``Item``; tolerant of broken mail."""

from __future__ import annotations

import contextlib
import email
import email.policy
import hashlib
import re
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from conduct.correspondence.parsing.items import Item, ParsedAttachment, ParseResult, Rejected
from conduct.correspondence.parsing.text import decode, html_to_text, looks_binary

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
_MSGID = re.compile(r"<([^<>\s]{1,400})>")
_HEADER_LINE = re.compile(rb"^[A-Za-z0-9-]{1,76}:", re.MULTILINE)


def _decoded(raw: str) -> str:
    if "=?" in raw:
        with contextlib.suppress(HeaderParseError, LookupError, UnicodeError, ValueError):
            raw = str(make_header(decode_header(raw)))
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _header(msg: Message, name: str) -> str:
    # compat32 keeps headers as raw strings: much faster than the modern policy's
    # header objects, and it never raises on a malformed header.
    value = msg.get(name)
    if value is None:
        return ""
    return " ".join(_decoded(str(value)).split())[:1000]


def message_ids(value: str) -> list[str]:
    found = _MSGID.findall(value)
    if not found and value.strip() and " " not in value.strip():
        found = [value.strip().strip("<>")[:400]]
    return found


def _when(msg: Message) -> datetime | None:
    raw = _header(msg, "Date")
    if not raw:
        return None
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if not datetime(1990, 1, 1, tzinfo=UTC) <= when <= datetime(2100, 1, 1, tzinfo=UTC):
        return None
    return when


def _part_bytes(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    return raw.encode("utf-8", "replace") if isinstance(raw, str) else b""


def _filename(part: Message) -> str:
    try:
        name = _decoded(part.get_filename() or "")
    except Exception:
        name = ""
    name = name.replace("/", "_").replace("\\", "_").strip()
    return name[:200]


def _body_and_attachments(msg: Message, problems: list[str]) -> tuple[str, list[ParsedAttachment]]:
    plain: list[str] = []
    markup: list[str] = []
    attachments: list[ParsedAttachment] = []
    parts = list(msg.walk()) if msg.is_multipart() else [msg]
    for part in parts:
        if part.is_multipart():
            continue
        ctype = (part.get_content_type() or "text/plain").lower()
        disposition = (part.get("Content-Disposition") or "").lower()
        name = _filename(part)
        if "attachment" in disposition or (name and not ctype.startswith("text/")):
            attachments.append(ParsedAttachment(name or "attachment", ctype, _part_bytes(part)))
            continue
        if ctype in ("text/plain", "text/html"):
            text, trouble = decode(_part_bytes(part), part.get_content_charset())
            problems.extend(trouble)
            (plain if ctype == "text/plain" else markup).append(text)
        elif ctype == "message/rfc822":
            continue
        elif name or ctype.startswith(("application/", "image/", "audio/", "video/")):
            attachments.append(ParsedAttachment(name or "attachment", ctype, _part_bytes(part)))
    if plain:
        return "\n\n".join(plain).strip(), attachments
    if markup:
        return "\n\n".join(html_to_text(m) for m in markup).strip(), attachments
    return "", attachments


# The headers that say what a message is; transport headers (Received, Status, X-UID,
# Content-Length added by mbox writers, ...) differ between copies of the same message.
_IDENTITY_HEADERS = ("From", "To", "Cc", "Subject", "Date", "In-Reply-To", "References")


def content_digest(msg: Message, body: str, attachments: list[ParsedAttachment]) -> str:
    """The same for every copy of a message (another file, an mbox, a redelivery)."""
    parts = [f"{name.lower()}:{_header(msg, name)}" for name in _IDENTITY_HEADERS]
    parts.append("\n".join(line.rstrip() for line in body.strip().splitlines()))
    parts.extend(hashlib.sha256(a.data).hexdigest() for a in attachments)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def parse_email(
    data: bytes,
    ref: str,
    *,
    fallback_time: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParseResult:
    """Parse one message. Rejects empty, binary, header-less and oversized input."""
    if not data.strip():
        return Rejected(ref, "empty message")
    if len(data) > max_bytes:
        return Rejected(
            ref, f"message is {len(data) // 1024} KB, over the limit of {max_bytes // 1024} KB"
        )
    head = data[:65536].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if looks_binary(head) or not _HEADER_LINE.search(head):
        return Rejected(ref, "not an e-mail message: no readable headers")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:
        return Rejected(ref, f"cannot parse the message ({exc.__class__.__name__})")
    problems: list[str] = []
    sender_name, sender = parseaddr(_header(msg, "From"))
    sender = sender.strip().lower()
    if "@" not in sender:
        sender = ""
    message_id = next(iter(message_ids(_header(msg, "Message-ID"))), "")
    when = _when(msg)
    if when is None:
        problems.append("missing or invalid Date header; the time of import is used")
        when = fallback_time or datetime.now(UTC)
    try:
        body, attachments = _body_and_attachments(msg, problems)
    except Exception as exc:
        return Rejected(ref, f"cannot read the message body ({exc.__class__.__name__})")
    if msg.defects:
        problems.append(f"malformed MIME ({msg.defects[0].__class__.__name__})")
    if not sender and not message_id and not body and not attachments:
        return Rejected(ref, "not an e-mail message: no sender, Message-ID or body")
    recipients = [
        addr.lower()
        for _, addr in getaddresses([_header(msg, "To"), _header(msg, "Cc")])
        if "@" in addr
    ]
    in_reply_to = next(iter(message_ids(_header(msg, "In-Reply-To"))), "")
    return Item(
        channel="email",
        occurred_at=when,
        ref=ref,
        sender_kind="email" if sender else "",
        sender=sender,
        sender_display=(sender_name or "")[:300],
        recipients=recipients,
        subject=_header(msg, "Subject")[:500],
        body=body,
        message_id=message_id,
        in_reply_to=in_reply_to,
        references=message_ids(_header(msg, "References"))[:50],
        attachments=attachments,
        problems=problems,
        original=data,
        original_type="message/rfc822",
        content_digest="" if message_id else content_digest(msg, body, attachments),
    )
