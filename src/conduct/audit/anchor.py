"""Anchors for the audit chain outside the database. Plain Python, no Django.

The hash chain shows any event changed in place, but someone who can write the database
can delete the newest events and rewind the chain head, or rewrite the chain from some
event on and recompute every hash after it. So after each commit the new head (its
sequence number and hash) is appended as one line to a file the database cannot reach,
sealed with an HMAC whose key is not in the database either. `conduct audit verify`
checks every line's seal and, for each line after the last reset, that the database
still holds the event at its seq with that hash.

A line: ``v1 <kind> <seq> <hash> <at> <hmac>``; ``kind`` is ``anchor``, or ``reset``
when an administrator accepts that the chain went back (a restored backup): only lines
after the last reset count.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

VERSION = "v1"
KINDS = ("anchor", "reset")


class AnchorError(ValueError):
    """An anchor file that cannot be trusted: a line that is malformed or not sealed."""


@dataclass(frozen=True)
class Anchor:
    kind: str
    seq: int
    hash: str
    at: str
    line: int = 0


def seal(key: bytes, kind: str, seq: int, chain_hash: str, at: str) -> str:
    message = f"{VERSION}|{kind}|{seq}|{chain_hash}|{at}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def format_line(key: bytes, kind: str, seq: int, chain_hash: str, at: str | None = None) -> str:
    when = at or datetime.now(UTC).isoformat(timespec="seconds")
    return f"{VERSION} {kind} {seq} {chain_hash} {when} {seal(key, kind, seq, chain_hash, when)}\n"


def parse_line(key: bytes, text: str, number: int) -> Anchor:
    parts = text.split()
    if len(parts) != 6 or parts[0] != VERSION or parts[1] not in KINDS:
        raise AnchorError(f"line {number} is not an anchor")
    _, kind, raw_seq, chain_hash, at, mac = parts
    if not raw_seq.isdigit() or len(chain_hash) != 64:
        raise AnchorError(f"line {number} is not an anchor")
    if not hmac.compare_digest(mac, seal(key, kind, int(raw_seq), chain_hash, at)):
        raise AnchorError(
            f"line {number} is not sealed with this installation's key "
            "(CONDUCT_AUDIT_ANCHOR_KEY): it was written or changed by someone else"
        )
    return Anchor(kind, int(raw_seq), chain_hash, at, number)


def append(path: Path, line: str) -> None:
    """Append one line in a single write (O_APPEND): writers never interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="ascii", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            if text.strip():
                yield number, text


def current(path: Path, key: bytes) -> Iterator[Anchor]:
    """The lines of the current epoch, in file order: the last reset and every line after it.

    Raises AnchorError for any line in the file (of any epoch) that is malformed or carries
    a wrong seal, before yielding anything. Reads the file twice, a line at a time (the
    first pass checks the seals and finds the last reset), so memory stays constant.
    """
    if not path.exists():
        return
    start = 0
    for number, text in _lines(path):
        if parse_line(key, text, number).kind == "reset":
            start = number
    for number, text in _lines(path):
        if number >= start:
            yield parse_line(key, text, number)


def latest(path: Path, key: bytes) -> Anchor | None:
    """The highest anchored event after the last reset; None if nothing is anchored.

    Raises AnchorError for any line that is malformed or carries a wrong seal. The
    highest, not the last: lines from concurrent commits can land out of order, and an
    event written after a rewind must not hide the anchor of a deleted one.
    """
    if not path.exists():
        return None
    best: Anchor | None = None
    for number, text in _lines(path):
        anchor = parse_line(key, text, number)
        if anchor.kind == "reset" or best is None or anchor.seq > best.seq:
            best = anchor
    return best
