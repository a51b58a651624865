"""The shielded mailbox's rules, in plain Python: folder names as IMAP wants them,
and the placeholder left in place of a message taken out of the shared inbox.

The placeholder's Message-ID carries an HMAC of its own id, so the poller can
recognise (and not store) the placeholders it wrote, and a sender cannot forge one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import textwrap
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

_PLACEHOLDER = re.compile(
    r"^<?cc-placeholder\.(\d{1,19})\.([0-9a-f]{20})@client-conduct\.invalid>?$"
)
_LIST_LINE = re.compile(rb'^\((?P<flags>[^)]*)\) (?:"(?P<delim>(?:[^"\\]|\\.))"|NIL) ')


def encode_mailbox(name: str) -> str:
    """IMAP's modified UTF-7 (RFC 3501 section 5.1.3) for a folder name."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode().rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def server_path(path: str, delimiter: str | None) -> str:
    """A configured path such as ``Client Conduct/Flagged`` (always "/") in the
    server's own hierarchy delimiter, encoded for the wire."""
    parts = [part.strip() for part in path.split("/") if part.strip()]
    if delimiter is None or delimiter == "/":
        return encode_mailbox("/".join(parts))
    if any(delimiter in part for part in parts):
        raise ValueError(f"a folder name may not contain the server's delimiter {delimiter!r}")
    return encode_mailbox(delimiter.join(parts))


def list_delimiter(line: bytes) -> str | None:
    """The hierarchy delimiter from a LIST response line, or None (a flat server)."""
    match = _LIST_LINE.match(line)
    if match is None or match.group("delim") is None:
        return None
    raw = match.group("delim").decode()
    return raw[1:] if raw.startswith("\\") else raw


def placeholder_id(secret: str, action_id: int) -> str:
    digest = hmac.new(secret.encode(), f"placeholder {action_id}".encode(), hashlib.sha256)
    return f"<cc-placeholder.{action_id}.{digest.hexdigest()[:20]}@client-conduct.invalid>"


def is_placeholder(secret: str, message_id: str) -> bool:
    match = _PLACEHOLDER.match(message_id.strip())
    if match is None:
        return False
    return hmac.compare_digest(
        placeholder_id(secret, int(match.group(1))), f"<{message_id.strip('<>')}>"
    )


def placeholder(
    *,
    secret: str,
    action_id: int,
    sender: str,
    mailbox_user: str,
    received: datetime,
    folder: str,
    sent_from: str,
    now: datetime,
) -> bytes:
    """A short note in place of the message: who sent it and when, where it went,
    and that it is in Client Conduct's review queue. Never its words."""
    note = EmailMessage()
    note["From"] = formataddr(("Client Conduct", sent_from))
    note["To"] = mailbox_user
    note["Subject"] = f"A message was moved to {folder}"
    note["Date"] = format_datetime(now)
    note["Message-ID"] = placeholder_id(secret, action_id)
    paragraphs = [
        f"A message from {sender or 'an unknown sender'}, received "
        f'{received:%d %B %Y at %H:%M}, was moved to the folder "{folder}".',
        "Client Conduct's screening flagged it as possibly abusive, so it is kept out of "
        "the shared inbox. It has not been deleted. Staff can deal with it in Client "
        "Conduct's review queue, where abusive words are masked.",
    ]
    note.set_content("\n\n".join(textwrap.fill(p, 72) for p in paragraphs) + "\n")
    return bytes(note).replace(b"\n", b"\r\n")
