"""Which parser reads a file or folder, decided by its name and first bytes."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from conduct.correspondence.parsing.email import DEFAULT_MAX_BYTES, parse_email
from conduct.correspondence.parsing.items import ParseResult, Rejected
from conduct.correspondence.parsing.letters import parse_letter_pdf, parse_letter_text
from conduct.correspondence.parsing.mailboxes import is_maildir, maildir_files, split_mbox
from conduct.correspondence.parsing.tabular import (
    parse_call_log,
    parse_social_csv,
    parse_social_json,
)

KINDS = ("eml", "mbox", "maildir", "calls", "social", "letter")


@dataclass(frozen=True)
class Limits:
    max_message_bytes: int = DEFAULT_MAX_BYTES


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


def _csv_kind(head: bytes) -> str:
    first = head.split(b"\n", 1)[0].lower()
    if any(word in first for word in (b"number", b"phone", b"duration", b"caller")):
        return "calls"
    return "social"


def guess_kind(name: str, head: bytes) -> str | None:
    lower = name.lower()
    if lower.endswith(".eml"):
        return "eml"
    if lower.endswith((".mbox", ".mbx")) or head.startswith(b"From "):
        return "mbox"
    if lower.endswith(".csv"):
        return _csv_kind(head)
    if lower.endswith(".json"):
        return "social"
    if lower.endswith(".pdf") or head.startswith(b"%PDF-"):
        return "letter"
    if lower.endswith(".txt"):
        return "letter"
    return None


def guarded(label: str, results: Iterable[ParseResult]) -> Iterator[ParseResult]:
    """``results``, but a parser that fails unexpectedly rejects the rest of its file.

    A parser bug or a library that raises on hostile input must never stop an import:
    what was read before the failure is kept, the file is reported with the reason.
    """
    try:
        yield from results
    except Exception as exc:
        yield Rejected(label, f"cannot read this file ({exc.__class__.__name__})")


def parse_bytes(
    name: str, data: bytes, received: datetime, limits: Limits = Limits()
) -> Iterator[ParseResult]:
    """Items from one uploaded or read file, whatever its kind."""
    label = Path(name).name[:120] or "upload"
    return guarded(label, _parse_bytes(name, label, data, received, limits))


def _parse_bytes(
    name: str, label: str, data: bytes, received: datetime, limits: Limits
) -> Iterator[ParseResult]:
    kind = guess_kind(name, data[:512])
    if kind == "eml":
        yield parse_email(data, label, fallback_time=received, max_bytes=limits.max_message_bytes)
    elif kind == "mbox":
        yield from _mbox(io.BytesIO(data), label, received, limits)
    elif kind == "calls":
        yield from parse_call_log(data, label)
    elif kind == "social" and label.lower().endswith(".json"):
        yield from parse_social_json(data, label)
    elif kind == "social":
        yield from parse_social_csv(data, label)
    elif kind == "letter" and data.startswith(b"%PDF-"):
        yield parse_letter_pdf(data, label, received)
    elif kind == "letter":
        yield parse_letter_text(data, label, received)
    else:
        yield Rejected(
            label,
            "unknown kind of file: use .eml, .mbox, a Maildir folder, .csv (calls or social "
            "media), .json (social media), .txt or .pdf (letters)",
        )


def _mbox(
    handle: BinaryIO, label: str, received: datetime, limits: Limits
) -> Iterator[ParseResult]:
    for index, raw, complete in split_mbox(handle):
        ref = f"{label} #{index + 1}"
        if not complete:
            yield Rejected(ref, "truncated: the mbox file ends in the middle of this message")
            continue
        yield parse_email(raw, ref, fallback_time=received, max_bytes=limits.max_message_bytes)


def read_path(path: Path, limits: Limits = Limits()) -> Iterator[ParseResult]:
    """Items from a file or folder on disk; big mboxes are streamed, not loaded whole."""
    if not path.exists():
        yield Rejected(str(path.name), "no such file or folder")
        return
    if is_maildir(path):
        for file in maildir_files(path):
            label = f"{path.name}/{file.parent.name}/{file.name}"
            yield from guarded(label, _file(file, label, limits, "eml"))
        return
    if path.is_dir():
        for file in sorted(
            p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
        ):
            label = str(file.relative_to(path))[:120]
            yield from guarded(label, _file(file, label, limits, None))
        return
    yield from guarded(path.name[:120], _file(path, path.name[:120], limits, None))


def _file(path: Path, label: str, limits: Limits, kind: str | None) -> Iterator[ParseResult]:
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
            kind = kind or guess_kind(path.name, head)
            if kind == "mbox":
                handle.seek(0)
                yield from _mbox(handle, label, _mtime(path), limits)
                return
            size = path.stat().st_size
            if kind in ("eml", "letter") and size > limits.max_message_bytes:
                yield Rejected(
                    label,
                    f"file is {size // 1024} KB, over the limit of {limits.max_message_bytes // 1024} KB",
                )
                return
            handle.seek(0)
            data = handle.read()
    except OSError as exc:
        yield Rejected(label, f"cannot read the file ({exc.strerror or exc.__class__.__name__})")
        return
    if kind == "eml":
        yield parse_email(
            data, label, fallback_time=_mtime(path), max_bytes=limits.max_message_bytes
        )
        return
    for result in parse_bytes(path.name, data, _mtime(path), limits):
        if isinstance(result, Rejected) and result.ref == path.name[:120]:
            yield Rejected(label, result.reason)
        else:
            yield result


def estimate(path: Path) -> int | None:
    """Roughly how many items ``path`` holds (for a progress bar), or None if unknown."""
    try:
        if is_maildir(path):
            return sum(1 for _ in maildir_files(path))
        if path.is_dir():
            return sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        with path.open("rb") as handle:
            head = handle.read(512)
            kind = guess_kind(path.name, head)
            if kind == "mbox":
                handle.seek(0)
                return sum(1 for line in handle if line.startswith(b"From "))
            if kind == "calls" or (kind == "social" and path.suffix.lower() == ".csv"):
                handle.seek(0)
                return max(sum(1 for _ in handle) - 1, 0)
            return 1 if kind in ("eml", "letter") else None
    except OSError:
        return None
