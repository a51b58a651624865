"""SIGKILL the production server mid-request and `conduct ingest` mid-import: nothing
accepted is lost, nothing half-written is kept, and the audit chain still verifies."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from conduct.correspondence import synthetic
from tests.faults import database as db
from tests.faults.processes import (
    CONDUCT,
    conduct,
    form_token,
    kill,
    server,
    sign_in,
    spawn,
    wait_until,
)

pytestmark = [pytest.mark.faults, pytest.mark.slow, pytest.mark.sqlite_only]

# Test-only: an incident whose description contains "[hold]" waits inside its
# transaction (rows inserted, audit event not yet written) until the server dies.
HOLD = """
from pathlib import Path
from conduct.casework.services import incidents
_record_event = incidents.record_event
def _held(action, **kw):
    if "[hold]" in getattr(kw.get("target"), "what_happened", ""):
        Path(os.environ["FAULT_HELD"]).write_text("inside the transaction")
        time.sleep(300)
    return _record_event(action, **kw)
incidents.record_event = _held
"""


def incident_form(token: str, client_id: int, text: str) -> dict[str, Any]:
    return {
        "csrfmiddlewaretoken": token,
        "client": str(client_id),
        "channel": "phone",
        "occurred_at": (datetime.now(UTC) - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "categories": ["threatening_communication"],
        "what_happened": text,
        "staff_actions": ["end_call"],
        "warning_given": "on",
        "client_response": "Carried on shouting.",
    }


def record(session: requests.Session, base: str, client_id: int, text: str) -> requests.Response:
    url = f"{base}/casework/incidents/new/"
    return session.post(
        url,
        data=incident_form(form_token(session, url), client_id, text),
        files={"evidence": ("note.txt", b"What the caller said, written down.\n")},
        allow_redirects=False,
        timeout=60,
    )


def test_server_killed_mid_request_keeps_what_was_accepted_and_nothing_half_written(
    data_dir: Path, tmp_path: Path
) -> None:
    held = tmp_path / "held"
    client_id = db.scalar(data_dir, "SELECT id FROM clients_client WHERE reference = 'CL-F0001'")
    with server(data_dir, patch=HOLD, FAULT_HELD=str(held)) as running:
        staff = sign_in(running.base, "fstaff")
        accepted = record(staff, running.base, client_id, "Accepted before the crash.")
        assert accepted.status_code == 302
        token = form_token(staff, f"{running.base}/casework/incidents/new/")
        before = db.row_counts(data_dir)
        outcome: list[BaseException | requests.Response] = []

        def post() -> None:
            try:
                outcome.append(
                    staff.post(
                        f"{running.base}/casework/incidents/new/",
                        data=incident_form(token, client_id, "[hold] In flight at the crash."),
                        files={"evidence": ("held.txt", b"Evidence sent with the lost request.\n")},
                        allow_redirects=False,
                        timeout=120,
                    )
                )
            except requests.RequestException as exc:
                outcome.append(exc)

        thread = threading.Thread(target=post)
        thread.start()
        wait_until(held.exists, timeout=60, what="the request to reach its transaction")
        kill(running.proc)
        thread.join(timeout=60)
    assert outcome and isinstance(outcome[0], requests.ConnectionError), outcome
    assert db.row_counts(data_dir) == before, "a killed request left rows behind"
    assert db.integrity(data_dir) == "ok"
    texts = [
        r[0] for r in db.connect(data_dir).execute("SELECT what_happened FROM casework_incident")
    ]
    assert texts == ["Accepted before the crash."]
    assert "audit chain intact" in conduct(data_dir, "audit", "verify")
    with server(data_dir) as running:  # restarts on the same files and takes new work
        staff = sign_in(running.base, "fstaff")
        assert record(staff, running.base, client_id, "After the restart.").status_code == 302
    assert "audit chain intact" in conduct(data_dir, "audit", "verify")


MESSAGES = 3000
CHUNK = 200  # conduct.correspondence.pipeline.CHUNK: one transaction each


def big_mbox(path: Path) -> Path:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    messages = [
        synthetic.email_bytes(
            sender="pat@example.com" if n % 3 else f"someone{n % 50}@example.net",
            to="enquiries@example.org",
            when=start + timedelta(minutes=n),
            subject=f"Repair {n}",
            body=f"Message {n}: please can you tell me when the repair will be done?",
            message_id=f"fault-{n}@example.com",
        )
        for n in range(MESSAGES)
    ]
    path.write_bytes(b"".join(synthetic.mbox_bytes(messages)))
    return path


def stored(data_dir: Path) -> int:
    try:
        return db.scalar(data_dir, "SELECT COUNT(*) FROM correspondence_communication")
    except Exception:
        return -1


def test_ingest_killed_mid_import_is_completed_exactly_once_by_a_rerun(
    data_dir: Path, tmp_path: Path
) -> None:
    mbox = big_mbox(tmp_path / "big.mbox")
    proc = spawn(data_dir, [CONDUCT, "ingest", str(mbox)])
    try:
        wait_until(
            lambda: stored(data_dir) >= CHUNK, timeout=120, what="the first chunk", interval=0.05
        )
        assert proc.poll() is None, "the import finished before it could be killed"
    finally:
        kill(proc)
    partial = stored(data_dir)
    assert CHUNK <= partial < MESSAGES
    assert partial % CHUNK == 0, f"{partial} messages: a chunk was half-written"
    conn = db.connect(data_dir)
    orphans = conn.execute(
        "SELECT COUNT(*) FROM correspondence_screeningresult s LEFT JOIN "
        "correspondence_communication c ON c.id = s.communication_id WHERE c.id IS NULL"
    ).fetchone()[0]
    unscreened = conn.execute(
        "SELECT COUNT(*) FROM correspondence_communication c WHERE c.direction = 'in' AND NOT "
        "EXISTS (SELECT 1 FROM correspondence_screeningresult s WHERE s.communication_id = c.id)"
    ).fetchone()[0]
    conn.close()
    assert (orphans, unscreened) == (0, 0)
    assert db.integrity(data_dir) == "ok"
    assert "audit chain intact" in conduct(data_dir, "audit", "verify")

    output = conduct(data_dir, "ingest", str(mbox), timeout=300)
    assert f"{MESSAGES - partial} added, {partial} already held" in output
    conn = db.connect(data_dir)
    total, distinct = conn.execute(
        "SELECT COUNT(*), COUNT(DISTINCT message_id) FROM correspondence_communication"
    ).fetchone()
    conn.close()
    assert (total, distinct) == (MESSAGES, MESSAGES)
    assert "audit chain intact" in conduct(data_dir, "audit", "verify")
