"""`conduct backup` while another process keeps writing, then `conduct restore` into a
fresh data folder: every record committed before the backup is there, identical, and
the restored audit chain verifies."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from conduct.operations import backup as backups
from tests.faults.processes import PRELUDE, PYTHON, child_env, conduct, django, wait_until

WORLD = """
import io
from conduct.accounts.roles import Role
from conduct.accounts.services import create_user
from conduct.casework.services import add_evidence
staff = create_user("bstaff", role=Role.STAFF, password="a-long-backup-password", actor=None, check_password=False)
add_evidence(io.BytesIO(b"What the caller said, written down."), "note.txt", actor=staff)
print(json.dumps({}))
"""

# Creates clients through the service until told to stop; logs each committed one.
WRITER = """
from pathlib import Path
from django.contrib.auth import get_user_model
from conduct.clients.services import ClientDetails, create_client
staff = get_user_model().objects.get(username="bstaff")
log, stop = Path(sys.argv[1]), Path(sys.argv[2])
deadline = time.monotonic() + 180
n = 0
with log.open("a") as out:
    while not stop.exists() and time.monotonic() < deadline:
        n += 1
        client = create_client(ClientDetails(name=f"Writer {n}", reference=f"W-{n:05d}",
                                             emails=[f"writer{n}@example.com"]), actor=staff)
        out.write(client.reference + "\\n")
        out.flush()
"""

APPEND_ONLY = ["audit_auditevent", "clients_client", "clients_contactpoint", "casework_evidence"]


def committed(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


def rows(database: Path, table: str) -> dict[object, tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return {row[0]: tuple(row) for row in conn.execute(f'SELECT * FROM "{table}"')}
    finally:
        conn.close()


def values(database: Path, sql: str) -> list[Any]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute(sql)]
    finally:
        conn.close()


@pytest.mark.faults
@pytest.mark.slow
@pytest.mark.sqlite_only
def test_backup_during_writes_restores_identical_records_and_a_verifying_chain(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    conduct(data, "migrate")
    django(data, WORLD)
    log, stop = tmp_path / "written", tmp_path / "stop"
    writer = subprocess.Popen(  # noqa: S603 - our own command
        [PYTHON, "-c", PRELUDE + WRITER, str(log), str(stop)],
        env=child_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: len(committed(log)) >= 20, timeout=120, what="the writer to start")
        before = committed(log)
        output = conduct(data, "backup", "--output", str(tmp_path / "backups"))
        during = committed(log)
        time.sleep(0.5)
    finally:
        stop.write_text("stop")
        _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err[-2000:]
    assert len(during) > len(before), "the writer did not write while the backup ran"
    (made,) = list((tmp_path / "backups").iterdir())
    assert f"Backup written to {made}" in output
    assert not made.name.endswith(".partial")

    restored = tmp_path / "restored"
    output = conduct(restored, "restore", str(made))
    assert "audit chain intact" in output
    assert "audit chain intact" in conduct(restored, "audit", "verify")

    original_db, restored_db = data / "conduct.sqlite3", restored / "conduct.sqlite3"
    for table in APPEND_ONLY:
        now, back = rows(original_db, table), rows(restored_db, table)
        assert back, table
        assert {k: now[k] for k in back} == back, f"{table}: restored rows differ"
    references = set(values(restored_db, "SELECT reference FROM clients_client"))
    assert set(before) <= references, "a client committed before the backup is missing"
    seqs = [int(v) for v in values(restored_db, "SELECT seq FROM audit_auditevent ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1)), "the restored chain is not a prefix"

    evidence = sorted(p.relative_to(data) for p in (data / "files").rglob("*") if p.is_file())
    assert evidence and all(
        (restored / p).read_bytes() == (data / p).read_bytes() for p in evidence
    )


@pytest.mark.faults
@pytest.mark.sqlite_only
def test_restore_refuses_a_data_folder_with_data_unless_forced(tmp_path: Path) -> None:
    data = tmp_path / "data"
    conduct(data, "migrate")
    django(data, WORLD)
    conduct(data, "backup", "--output", str(tmp_path / "backups"))
    (made,) = list((tmp_path / "backups").iterdir())
    after = conduct(data, "audit", "anchor")  # an event the backup does not hold
    refused = conduct(data, "restore", str(made), check=False)
    assert "already holds a database or files" in refused
    assert "--force" in refused
    forced = conduct(data, "restore", str(made), "--force")
    assert "Previous data kept as" in forced and "audit chain intact" in forced
    assert list(data.glob("conduct.sqlite3.replaced-*"))
    assert list(data.glob("files.replaced-*"))

    # The anchor outside the database remembers the lost event until the rewind is accepted.
    lost = after.split("#")[-1].strip()
    assert f"event #{lost} was anchored" in forced and "--accept-rewind" in forced
    assert "the newest events were deleted" in conduct(data, "audit", "verify", check=False)
    conduct(data, "audit", "anchor", "--accept-rewind")
    assert "audit chain intact" in conduct(data, "audit", "verify")


def test_backup_on_postgresql_explains_pg_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = SimpleNamespace(DATABASES={"default": {"ENGINE": "django.db.backends.postgresql"}})
    monkeypatch.setattr(backups, "settings", fake)
    with pytest.raises(CommandError, match="pg_dump --format=custom"):
        call_command("backup")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("restore", "/nonexistent")
