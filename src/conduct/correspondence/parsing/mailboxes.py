"""Reading mbox files and Maildir folders into raw messages, streaming and tolerant."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_FROM_LINE = re.compile(rb"^From \S*")
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def split_mbox(handle: BinaryIO) -> Iterator[tuple[int, bytes, bool]]:
    """(index, raw message, complete) for each message in an mbox file.

    A "From " line after a blank line starts a message (mboxrd quoting undone).
    The last message of a truncated file is yielded with ``complete=False`` when
    it ends without the final newline a complete mbox has.
    """
    index = 0
    current: list[bytes] = []
    previous_blank = True
    last_line = b""
    for line in handle:
        last_line = line
        if previous_blank and _FROM_LINE.match(line):
            if current:
                yield index, _unquote(b"".join(current)), True
                index += 1
            current = []
            previous_blank = False
            continue
        current.append(line)
        previous_blank = line in (b"\n", b"\r\n")
    if current:
        yield index, _unquote(b"".join(current)), last_line.endswith(b"\n")


def _unquote(data: bytes) -> bytes:
    return _ESCAPED_FROM.sub(rb"\1", data)


def is_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return bool(_FROM_LINE.match(handle.read(200)))


def maildir_files(path: Path) -> Iterator[Path]:
    """Message files in a Maildir's new/ and cur/, in a stable order."""
    for sub in ("cur", "new"):
        folder = path / sub
        if folder.is_dir():
            yield from sorted(
                p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
            )


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()
