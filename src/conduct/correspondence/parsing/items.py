"""What a parser produces: an item ready to store, or a rejection with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Item:
    """One communication as read from a source, before matching and storing."""

    channel: str
    occurred_at: datetime
    ref: str  # where it came from, e.g. "inbox.mbox #12"; never message text
    direction: str = "in"
    sender_kind: str = ""  # email, phone or social
    sender: str = ""  # the address, number or handle as found
    sender_display: str = ""
    recipients: list[str] = field(default_factory=list)
    subject: str = ""
    body: str = ""
    message_id: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    duration_seconds: int | None = None
    staff_hint: str = ""  # a staff username or e-mail address, if the source names one
    client_reference: str = ""
    url: str = ""
    problems: list[str] = field(default_factory=list)  # kept but noteworthy, e.g. bad charset
    # A digest of what the message says (normalised headers and body), for the dedup key of
    # an item with no Message-ID: where or when the file was read must not make it new.
    content_digest: str = ""
    # The message exactly as received (an e-mail's RFC 5322 bytes, a letter's file), kept
    # for a flagged message so that a referral can attach it as evidence.
    original: bytes = field(default=b"", repr=False)
    original_type: str = ""  # message/rfc822, application/pdf or text/plain


@dataclass(frozen=True)
class Rejected:
    """An item that could not be read, and why (never the item's text)."""

    ref: str
    reason: str


ParseResult = Item | Rejected
