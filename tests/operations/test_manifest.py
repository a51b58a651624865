"""The backup manifest catches missing, changed and unlisted files (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conduct.operations import manifest


def backup(root: Path) -> Path:
    (root / "files" / "evidence" / "ab").mkdir(parents=True)
    (root / "conduct.sqlite3").write_bytes(b"database bytes")
    (root / "files" / "evidence" / "ab" / "abc").write_bytes(b"evidence bytes")
    entries = [manifest.entry_for(root, p) for p in manifest.walk(root)]
    manifest.write(root, entries, {"engine": "sqlite"})
    return root


def test_a_complete_backup_verifies(tmp_path: Path) -> None:
    document, entries = manifest.verify(backup(tmp_path))
    assert document["engine"] == "sqlite"
    assert [e.path for e in entries] == ["conduct.sqlite3", "files/evidence/ab/abc"]


@pytest.mark.parametrize(
    ("damage", "complaint"),
    [
        (lambda r: (r / "files/evidence/ab/abc").write_bytes(b"evidence bytez"), "changed"),
        (lambda r: (r / "conduct.sqlite3").unlink(), "missing"),
        (lambda r: (r / "files/extra").write_bytes(b"?"), "not in the manifest"),
        (lambda r: (r / "manifest.json").unlink(), "not a Client Conduct backup"),
    ],
)
def test_a_damaged_backup_is_refused(tmp_path: Path, damage: object, complaint: str) -> None:
    root = backup(tmp_path)
    damage(root)  # type: ignore[operator]
    with pytest.raises(manifest.ManifestError, match=complaint):
        manifest.verify(root)


def test_paths_outside_the_backup_are_refused(tmp_path: Path) -> None:
    root = backup(tmp_path)
    document = json.loads((root / "manifest.json").read_text())
    document["files"].append({"path": "../secret", "size": 1, "sha256": "0" * 64})
    (root / "manifest.json").write_text(json.dumps(document))
    with pytest.raises(manifest.ManifestError, match="unsafe path"):
        manifest.verify(root)
