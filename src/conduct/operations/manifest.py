"""The backup manifest: every file in a backup with its size and SHA-256. Plain Python."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 1
NAME = "manifest.json"


class ManifestError(Exception):
    """The backup is incomplete, altered or not a Client Conduct backup."""


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the backup folder, with forward slashes
    size: int
    sha256: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def entry_for(root: Path, path: Path) -> Entry:
    return Entry(path.relative_to(root).as_posix(), path.stat().st_size, sha256_of(path))


def walk(folder: Path) -> Iterator[Path]:
    """Regular files under ``folder``, in a stable order; symlinks are not followed."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def write(root: Path, entries: list[Entry], meta: dict[str, Any]) -> Path:
    document = {
        "format": FORMAT,
        **meta,
        "files": [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in entries],
    }
    target = root / NAME
    target.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    return target


def read(root: Path) -> dict[str, Any]:
    try:
        document = json.loads((root / NAME).read_text())
    except FileNotFoundError:
        raise ManifestError(f"{root} has no {NAME}: not a Client Conduct backup") from None
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{root / NAME} cannot be read: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ManifestError(f"{root / NAME} is not a format {FORMAT} backup manifest")
    return document


def verify(root: Path) -> tuple[dict[str, Any], list[Entry]]:
    """Check every listed file is present and unchanged, and nothing unlisted is there."""
    document = read(root)
    entries: list[Entry] = []
    problems: list[str] = []
    for raw in document.get("files", []):
        entry = Entry(str(raw["path"]), int(raw["size"]), str(raw["sha256"]))
        relative = Path(entry.path)
        if relative.is_absolute() or ".." in relative.parts:
            problems.append(f"{entry.path}: unsafe path")
            continue
        path = root / relative
        if not path.is_file():
            problems.append(f"{entry.path}: missing")
        elif path.stat().st_size != entry.size or sha256_of(path) != entry.sha256:
            problems.append(f"{entry.path}: changed since the backup was made")
        entries.append(entry)
    listed = {e.path for e in entries} | {NAME}
    problems.extend(
        f"{p.relative_to(root).as_posix()}: not in the manifest"
        for p in walk(root)
        if p.relative_to(root).as_posix() not in listed
    )
    if problems:
        shown = "; ".join(problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise ManifestError(f"the backup at {root} does not match its manifest: {shown}{more}")
    return document, entries
