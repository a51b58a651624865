"""Queueing an e-mail source for background workers, a chunk of messages per task.

The raw messages travel inside the tasks (base64), so workers on other machines
need no shared disk. Re-queueing the same source is safe: storage is idempotent,
so a chunk whose worker died simply gets stored by the re-run.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

from conduct.correspondence.parsing.mailboxes import is_maildir, is_mbox, maildir_files, split_mbox

CHUNK = 50


def raw_messages(path: Path) -> Iterator[tuple[str, bytes]] | None:
    """(ref, raw bytes) for each message of an e-mail source, or None for other kinds."""
    if is_maildir(path):
        return (
            (f"{path.name}/{f.parent.name}/{f.name}", f.read_bytes()) for f in maildir_files(path)
        )
    if path.is_file() and path.suffix.lower() == ".eml":
        return iter([(path.name, path.read_bytes())])
    if path.is_file() and (path.suffix.lower() in (".mbox", ".mbx") or is_mbox(path)):
        return _mbox(path)
    return None


def _mbox(path: Path) -> Iterator[tuple[str, bytes]]:
    with path.open("rb") as handle:
        for index, raw, complete in split_mbox(handle):
            # An incomplete last message is queued as it is; the parser rejects it with a reason.
            yield f"{path.name} #{index + 1}", raw if complete else b""


def chunks(messages: Iterator[tuple[str, bytes]], size: int = CHUNK) -> Iterator[list[list[str]]]:
    batch: list[list[str]] = []
    for ref, raw in messages:
        batch.append([ref, base64.b64encode(raw).decode("ascii")])
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
