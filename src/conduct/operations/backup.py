"""Online backup and restore of the embedded installation: SQLite database and file store.

The database is copied with SQLite's backup API in one step, which reads a
single consistent snapshot while other processes keep writing (WAL mode lets
writers carry on). The file store (``MEDIA_ROOT``: evidence, attachments) is
copied afterwards: files are content-addressed and written before the database
row that names them commits, so every file the snapshot refers to is already on
disk when the copy starts. Files added later are copied too and are harmless.

PostgreSQL installations are backed up with ``pg_dump`` (docs/operations.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from conduct.operations import manifest

DATABASE_FILE = "conduct.sqlite3"
FILES_FOLDER = "files"
# Half-written evidence uploads (see casework.services.evidence.store).
_SKIP_PREFIXES = (".upload-",)

PG_ADVICE = (
    "This installation uses PostgreSQL (DATABASE_URL is set), so `conduct backup` does not "
    "copy it. Back the database up with pg_dump, e.g.\n"
    '  pg_dump --format=custom --file=conduct-$(date -u +%Y%m%dT%H%M%SZ).dump "$DATABASE_URL"\n'
    "and copy the file store (MEDIA_ROOT, or the object storage bucket) separately. "
    "docs/operations.md has the full procedure, including restore with pg_restore."
)


class BackupError(Exception):
    """A backup or restore was refused; the message says why and what to do."""


@dataclass
class BackupResult:
    path: Path
    files: int
    audit_events: int
    missing: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    files: int
    moved_aside: list[Path] = field(default_factory=list)


def _database_path() -> Path:
    db = settings.DATABASES["default"]
    if "sqlite" not in db["ENGINE"]:
        raise BackupError(PG_ADVICE)
    return Path(db["NAME"])


def _check_integrity(path: Path) -> int:
    """Run SQLite's integrity check; returns the number of audit events in the copy."""
    with sqlite3.connect(path) as conn:
        (status,) = conn.execute("PRAGMA integrity_check").fetchone()
        if status != "ok":
            raise BackupError(f"the database copy {path} failed SQLite's integrity check: {status}")
        try:
            (count,) = conn.execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()
        except sqlite3.OperationalError:
            count = 0
    conn.close()
    return int(count)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the backup API (one step: one snapshot)."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        # The copy is one self-contained file: no -wal beside it to lose or forget.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def _copy_tree(source: Path, target: Path) -> tuple[list[manifest.Entry], list[str]]:
    root = target.parent
    entries: list[manifest.Entry] = []
    missing: list[str] = []
    for path in manifest.walk(source):
        if path.name.startswith(_SKIP_PREFIXES):
            continue
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(path, copy)
        except FileNotFoundError:  # erased (retention) between listing and copying
            missing.append(path.relative_to(source).as_posix())
            continue
        entries.append(manifest.entry_for(root, copy))
    return entries, missing


def make_backup(output: Path) -> BackupResult:
    """Back up the database and file store into a new timestamped folder under ``output``.

    Refuses (BackupError) PostgreSQL installations, with the pg_dump advice. The
    folder appears under its final name only when the backup is complete.
    """
    database = _database_path()
    if not database.exists():
        raise BackupError(f"there is no database at {database}; run `conduct setup` first")
    output.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    name = f"conduct-backup-{started:%Y%m%dT%H%M%S}Z"
    final = output / name
    suffix = 1
    while final.exists() or final.with_name(final.name + ".partial").exists():
        suffix += 1
        final = output / f"{name}-{suffix}"
    work = final.with_name(final.name + ".partial")
    work.mkdir(mode=0o700)
    copy_database(database, work / DATABASE_FILE)
    events = _check_integrity(work / DATABASE_FILE)
    entries = [manifest.entry_for(work, work / DATABASE_FILE)]
    copied, missing = _copy_tree(Path(settings.MEDIA_ROOT), work / FILES_FOLDER)
    entries.extend(copied)
    manifest.write(
        work,
        entries,
        {
            "created_at": started.isoformat(),
            "database": DATABASE_FILE,
            "engine": "sqlite",
            "audit_events": events,
        },
    )
    work.rename(final)
    return BackupResult(final, len(copied), events, missing)


def _sidecars(database: Path) -> list[Path]:
    return [database, Path(f"{database}-wal"), Path(f"{database}-shm")]


def _has_data(database: Path, media: Path) -> bool:
    if any(p.exists() and p.stat().st_size > 0 for p in _sidecars(database)[:2]):
        return True
    return any(True for _ in manifest.walk(media))


def _clear(paths: list[Path], *, keep: bool, stamp: str) -> list[Path]:
    """Move the current data aside (``keep``) or remove what holds nothing."""
    moved: list[Path] = []
    for path in paths:
        if not path.exists():
            continue
        if keep:
            aside = path.with_name(f"{path.name}.replaced-{stamp}")
            path.rename(aside)
            moved.append(aside)
        elif path.is_dir():
            shutil.rmtree(path)  # _has_data found no files in it
        else:
            path.unlink()  # empty: left by an earlier start
    return moved


def restore_backup(source: Path, *, force: bool = False) -> RestoreResult:
    """Check a backup against its manifest and bring it back into the data folder.

    Refuses (BackupError) a backup that does not match its manifest, a data
    folder that already holds data unless ``force`` (the old database and
    files are then moved aside, never deleted), and PostgreSQL installations.
    Stop the server before restoring.
    """
    database = _database_path()
    media = Path(settings.MEDIA_ROOT)
    try:
        document, entries = manifest.verify(source)
    except manifest.ManifestError as exc:
        raise BackupError(str(exc)) from None
    if document.get("engine") != "sqlite" or document.get("database") not in {
        e.path for e in entries
    }:
        raise BackupError(f"{source} is not a backup of an embedded (SQLite) installation")
    if _has_data(database, media) and not force:
        raise BackupError(
            f"the data folder {settings.DATA_DIR} already holds a database or files; "
            "restore into an empty data folder (CONDUCT_DATA_DIR), or add --force to move "
            "the current data aside (it is kept, renamed *.replaced-<time>)"
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    database.parent.mkdir(parents=True, exist_ok=True)
    incoming_db = database.with_name(f".{database.name}.restoring")
    copy_database(source / str(document["database"]), incoming_db)
    _check_integrity(incoming_db)
    incoming_files = media.with_name(f".{media.name}.restoring")
    if incoming_files.exists():
        shutil.rmtree(incoming_files)
    prefix = f"{FILES_FOLDER}/"
    files = [e for e in entries if e.path.startswith(prefix)]
    for entry in files:
        target = incoming_files / entry.path[len(prefix) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / entry.path, target)
    # A stale -wal or -shm beside a replaced database would be replayed into it.
    moved = _clear([*_sidecars(database), media], keep=force, stamp=stamp)
    os.replace(incoming_db, database)
    incoming_files.mkdir(exist_ok=True)
    incoming_files.rename(media)
    return RestoreResult(len(files), moved)
