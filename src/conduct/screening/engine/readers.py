"""Read messages to screen from .txt, .eml, .mbox, a Maildir folder, or .csv.

Each message's `text` is what gets screened and what evidence offsets point into: for an
email, the subject line, a blank line, then the plain-text body (HTML is reduced to text).
"""

from __future__ import annotations

import csv
import email
import html
import io
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from pathlib import Path


class InputError(Exception):
    """An input that cannot be read (missing, unreadable, not the format its name says)."""


@dataclass(frozen=True)
class Item:
    source: str
    index: int
    text: str
    meta: dict[str, str] = field(default_factory=dict)


_TAG = re.compile(
    r"<(?:script|style)[^>]*>.*?</(?:script|style)>|<[^>]+>", re.DOTALL | re.IGNORECASE
)
_BREAK = re.compile(r"<(?:br|/p|/div|/li|/tr)[^>]*>", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", markup)))


def _body(msg: Message) -> str:
    if isinstance(msg, EmailMessage):
        part = msg.get_body(preferencelist=("plain", "html"))
        if part is not None:
            content = part.get_content()
            text = content if isinstance(content, str) else ""
            return html_to_text(text) if part.get_content_type() == "text/html" else text
    for sub in msg.walk():
        if sub.get_content_maintype() == "text":
            payload = sub.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = sub.get_content_charset() or "utf-8"
                try:
                    text = payload.decode(charset, errors="replace")
                except LookupError:
                    text = payload.decode("utf-8", errors="replace")
                return html_to_text(text) if sub.get_content_subtype() == "html" else text
    return ""


def email_item(source: str, index: int, msg: Message) -> Item:
    subject = str(msg.get("Subject", "") or "").strip()
    body = _body(msg)
    text = f"{subject}\n\n{body}" if subject else body
    meta = {k: str(msg.get(k, "")) for k in ("From", "Date", "Message-ID") if msg.get(k)}
    if subject:
        meta["Subject"] = subject
    return Item(source, index, text, meta)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read(path: Path, *, text_column: str = "text") -> Iterator[Item]:
    """Messages in `path`, in file order. Raises InputError before yielding if unreadable."""
    src = str(path)
    try:
        if path.is_dir():
            if not all((path / d).is_dir() for d in ("cur", "new")):
                raise InputError(f"{path}: a folder must be a Maildir (with cur/ and new/)")
            box = mailbox.Maildir(path, factory=None, create=False)
            keys = sorted(box.iterkeys())
            msgs = [email.message_from_bytes(box.get_bytes(k), policy=policy.default) for k in keys]
            return iter([email_item(src, i, m) for i, m in enumerate(msgs)])
        suffix = path.suffix.lower()
        if suffix == ".eml":
            msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            return iter([email_item(src, 0, msg)])
        if suffix == ".mbox":
            if not path.is_file():
                raise FileNotFoundError(path)
            mbox = mailbox.mbox(path, factory=None, create=False)
            try:
                raw = [mbox.get_bytes(k) for k in mbox.iterkeys()]
            finally:
                mbox.close()
            msgs = [email.message_from_bytes(b, policy=policy.default) for b in raw]
            return iter([email_item(src, i, m) for i, m in enumerate(msgs)])
        if suffix == ".csv":
            return iter(_read_csv(path, text_column))
        return iter([Item(src, 0, _read_text(path))])
    except InputError:
        raise
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except (OSError, UnicodeError, csv.Error, mailbox.Error, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc


def _read_csv(path: Path, text_column: str) -> list[Item]:
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
    if text_column not in (reader.fieldnames or ()):
        raise InputError(f"{path}: no column {text_column!r} (try --text-column)")
    rows = list(reader)
    return [Item(str(path), i, row.get(text_column) or "") for i, row in enumerate(rows)]
