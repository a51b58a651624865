"""Read messages to screen from .txt, .pdf, .eml, .mbox, a Maildir folder, or .csv.

Mail and letters are read by the readers that ``conduct ingest`` uses too
(``conduct.correspondence.parsing``: plain Python, tolerant of broken mail), so the two
commands agree on every message. Each message's `text` is what gets screened and what
evidence offsets point into: for an email, the subject line, a blank line, then the
plain-text body (HTML is reduced to text); for a PDF, its extracted text. A file that is
not text (binary data, a PDF with no extractable text) is ``Unreadable``, never scored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item as Parsed
from conduct.correspondence.parsing.letters import parse_letter_pdf
from conduct.correspondence.parsing.mailboxes import maildir_files, split_mbox
from conduct.correspondence.parsing.text import looks_binary


class InputError(Exception):
    """An input that cannot be read (missing, unreadable, not the format its name says)."""


@dataclass(frozen=True)
class Item:
    source: str
    index: int
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    # What was odd but readable (an unknown charset, a malformed header), never the text.
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unreadable:
    """One message of an input that cannot be read, and why; the others are screened."""

    source: str
    index: int
    reason: str


def email_item(source: str, index: int, data: bytes) -> Item | Unreadable:
    parsed = parse_email(data, f"{source} #{index + 1}")
    if not isinstance(parsed, Parsed):
        return Unreadable(source, index, parsed.reason)
    subject = parsed.subject.strip()
    text = f"{subject}\n\n{parsed.body}" if subject else parsed.body
    meta: dict[str, str] = {}
    if parsed.sender:
        name = parsed.sender_display.strip()
        meta["From"] = f"{name} <{parsed.sender}>" if name else parsed.sender
    dated = not any(p.startswith("missing or invalid Date") for p in parsed.problems)
    if dated:
        meta["Date"] = parsed.occurred_at.isoformat()
    if parsed.message_id:
        meta["Message-ID"] = f"<{parsed.message_id}>"
    if subject:
        meta["Subject"] = subject
    problems = tuple(p for p in parsed.problems if not p.startswith("missing or invalid Date"))
    return Item(source, index, text, meta, problems)


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_text(path: Path) -> str:
    return _decode_text(path.read_bytes())


def file_item(path: Path) -> Item | Unreadable:
    """One file read as one message, sniffed as ``conduct ingest`` sniffs a letter: a PDF
    (by its name or its first bytes) is read by ingest's PDF reader; anything else must be
    text, and binary data (ingest's test: NUL bytes or mostly control bytes) is refused."""
    src = str(path)
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf" or data.startswith(b"%PDF-"):
        received = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        letter = parse_letter_pdf(data, src, received)
        if not isinstance(letter, Parsed):
            return Unreadable(src, 0, letter.reason)
        return Item(src, 0, letter.body)
    if looks_binary(data):
        return Unreadable(src, 0, "not text: binary data")
    return Item(src, 0, _decode_text(data))


def read(path: Path, *, text_column: str = "text") -> Iterator[Item | Unreadable]:
    """Messages in `path`, in file order. Raises InputError before yielding if unreadable.

    A message that cannot be read inside a readable input (a broken message in an mbox or
    a Maildir) is an ``Unreadable`` in its place, so the others are still screened.
    """
    src = str(path)
    try:
        if path.is_dir():
            if not all((path / d).is_dir() for d in ("cur", "new")):
                raise InputError(f"{path}: a folder must be a Maildir (with cur/ and new/)")
            files = list(maildir_files(path))
            return iter([email_item(src, i, f.read_bytes()) for i, f in enumerate(files)])
        suffix = path.suffix.lower()
        if suffix == ".eml":
            return iter([email_item(src, 0, path.read_bytes())])
        if suffix == ".mbox":
            with path.open("rb") as handle:
                messages = [
                    email_item(src, index, raw)
                    if complete
                    else Unreadable(src, index, "truncated: the mbox file ends in this message")
                    for index, raw, complete in split_mbox(handle)
                ]
            return iter(messages)
        if suffix == ".csv":
            return iter(_read_csv(path, text_column))
        return iter([file_item(path)])
    except InputError:
        raise
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a folder, not a file") from exc
    except (OSError, UnicodeError, csv.Error, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc.__class__.__name__}") from exc


def _read_csv(path: Path, text_column: str) -> list[Item]:
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
    if text_column not in (reader.fieldnames or ()):
        raise InputError(f"{path}: no column {text_column!r} (try --text-column)")
    rows = list(reader)
    return [Item(str(path), i, row.get(text_column) or "") for i, row in enumerate(rows)]
