"""The audit chain's anchor outside the database: deleting the newest events and rewinding
the head, or rewriting the chain with fresh hashes, makes `conduct audit verify` fail."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from conduct.audit import anchor
from conduct.audit.chain import payload_digest
from conduct.audit.models import AuditEvent, ChainHead
from conduct.audit.services import _link_for, anchor_key, record_event, verify_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchor_file(settings: Any, tmp_path: Path) -> Path:
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "anchor.log")
    settings.AUDIT_ANCHOR_KEY = "a key that lives only in the environment"
    return tmp_path / "anchor.log"


@pytest.fixture
def events(
    anchor_file: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> list[AuditEvent]:
    made = []
    for n in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            made.append(record_event("audit.log.viewed", actor=None, payload={"n": n}))
    return made


def verify() -> tuple[bool, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except CommandError as exc:
        assert exc.returncode == 1
        return False, str(exc)
    return True, out.getvalue()


def _sql(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_each_commit_appends_a_sealed_anchor(anchor_file: Path, events: list[AuditEvent]) -> None:
    lines = anchor_file.read_text().splitlines()
    assert len(lines) == 5
    newest = anchor.latest(anchor_file, anchor_key())
    assert newest is not None and (newest.seq, newest.hash) == (events[-1].seq, events[-1].hash)
    ok, out = verify()
    assert ok and f"anchored up to #{events[-1].seq}" in out


def test_deleting_the_newest_events_and_rewinding_the_head_fails(
    events: list[AuditEvent],
) -> None:
    keep = events[2]
    _sql("DELETE FROM audit_auditevent WHERE seq > %s", [keep.seq])
    _sql(
        "UPDATE audit_chainhead SET last_seq = %s, last_hash = %s WHERE id = 1",
        [keep.seq, keep.hash],
    )
    ok, message = verify()
    assert not ok
    assert f"event #{events[-1].seq} was anchored" in message
    assert f"the log ends at #{keep.seq}" in message and "deleted" in message


def test_rewriting_the_chain_with_fresh_hashes_fails(events: list[AuditEvent]) -> None:
    # Someone with the database recomputes every hash after changing an event: the chain
    # itself is consistent again, only the anchor shows it.
    previous = events[1].hash
    for event in AuditEvent.objects.filter(seq__gt=events[1].seq).order_by("seq"):
        event.payload = {"n": "rewritten"}
        event.payload_sha256 = payload_digest(event.payload)
        event.prev_hash = previous
        event.hash = _link_for(event).digest()
        _sql(
            "UPDATE audit_auditevent SET payload = %s, payload_sha256 = %s, prev_hash = %s, "
            "hash = %s WHERE id = %s",
            ['{"n": "rewritten"}', event.payload_sha256, event.prev_hash, event.hash, event.pk],
        )
        previous = event.hash
    _sql("UPDATE audit_chainhead SET last_hash = %s WHERE id = 1", [previous])
    ok, message = verify()
    assert not ok and "the chain was rewritten" in message


def test_a_forged_anchor_line_is_refused(anchor_file: Path, events: list[AuditEvent]) -> None:
    forged = anchor.format_line(b"not our key", "reset", 1, events[0].hash)
    anchor.append(anchor_file, forged)
    ok, message = verify()
    assert not ok and "line 6 is not sealed with this installation's key" in message


def test_a_rolled_back_event_is_not_anchored(
    anchor_file: Path, events: list[AuditEvent], django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        record_event("audit.log.viewed", actor=None)
        raise RuntimeError("roll back")
    assert len(anchor_file.read_text().splitlines()) == 5
    assert verify()[0]


def test_after_a_restore_the_rewind_can_be_accepted_and_is_recorded(
    events: list[AuditEvent], django_capture_on_commit_callbacks: Any
) -> None:
    keep = events[1]
    _sql("DELETE FROM audit_auditevent WHERE seq > %s", [keep.seq])
    ChainHead.objects.filter(pk=1).update(last_seq=keep.seq, last_hash=keep.hash)
    assert not verify()[0]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit", "anchor", "--accept-rewind", stdout=io.StringIO())
    reset = AuditEvent.objects.get(action="audit.anchor.reset")
    assert reset.payload == {"anchored_seq": events[-1].seq, "head_seq": keep.seq}
    ok, out = verify()
    assert ok and f"anchored up to #{reset.seq}" in out
    # A later rewind is caught again.
    with django_capture_on_commit_callbacks(execute=True):
        later = record_event("audit.log.viewed", actor=None)
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [later.seq])
    ChainHead.objects.filter(pk=1).update(last_seq=reset.seq, last_hash=reset.hash)
    assert not verify()[0]


def test_an_event_written_after_a_rewind_does_not_hide_it(
    events: list[AuditEvent], django_capture_on_commit_callbacks: Any
) -> None:
    keep = events[1]
    _sql("DELETE FROM audit_auditevent WHERE seq > %s", [keep.seq])
    ChainHead.objects.filter(pk=1).update(last_seq=keep.seq, last_hash=keep.hash)
    with django_capture_on_commit_callbacks(execute=True):
        record_event("audit.log.viewed", actor=None)  # the app carries on, anchoring #3
    ok, message = verify()
    assert not ok and f"event #{events[-1].seq} was anchored" in message


@pytest.mark.parametrize("deleted", [1, 3])
def test_more_events_after_a_rewind_do_not_hide_it(
    events: list[AuditEvent], deleted: int, django_capture_on_commit_callbacks: Any
) -> None:
    # The newest events deleted and the head set back, then more ordinary events than were
    # deleted: the highest anchor is a new event, intact; the anchors of the deleted ones
    # name events that the database now holds with other hashes.
    keep = events[-deleted - 1]
    _sql("DELETE FROM audit_auditevent WHERE seq > %s", [keep.seq])
    ChainHead.objects.filter(pk=1).update(last_seq=keep.seq, last_hash=keep.hash)
    for _ in range(deleted + 2):
        with django_capture_on_commit_callbacks(execute=True):
            record_event("audit.log.viewed", actor=None)
    assert AuditEvent.objects.count() == len(events) + 2
    ok, message = verify()
    assert not ok
    assert f"broken at event #{events[-1].seq}" in message
    assert "is not the event anchored" in message and "rewritten" in message


def test_an_anchor_below_the_highest_is_compared_too(
    anchor_file: Path, events: list[AuditEvent]
) -> None:
    # An anchor below the highest names an event the database holds with another hash.
    anchor.append(anchor_file, anchor.format_line(anchor_key(), "anchor", 2, "f" * 64))
    ok, message = verify()
    assert not ok and "broken at event #2" in message and "is not the event anchored" in message
    # An anchor in an epoch closed by a reset is not compared.
    anchor.append(
        anchor_file, anchor.format_line(anchor_key(), "reset", events[-1].seq, events[-1].hash)
    )
    assert verify()[0]


def test_every_anchor_line_is_read_once_and_in_order(anchor_file: Path) -> None:
    key = b"k"
    for kind, seq in [("anchor", 1), ("anchor", 3), ("anchor", 2), ("reset", 2), ("anchor", 4)]:
        anchor.append(anchor_file, anchor.format_line(key, kind, seq, "a" * 64))
    assert [(a.kind, a.seq, a.line) for a in anchor.current(anchor_file, key)] == [
        ("reset", 2, 4),
        ("anchor", 4, 5),
    ]
    anchor.append(anchor_file, anchor.format_line(b"other", "anchor", 5, "a" * 64))
    with pytest.raises(anchor.AnchorError, match="line 6"):
        list(anchor.current(anchor_file, key))
    assert list(anchor.current(anchor_file.with_name("none"), key)) == []


def test_no_anchor_yet_passes_with_a_note_and_anchor_writes_one(
    anchor_file: Path, django_capture_on_commit_callbacks: Any
) -> None:
    record_event("audit.log.viewed", actor=None)  # committed before anchoring was on
    ok, out = verify()
    assert ok and "no anchor in" in out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit", "anchor", stdout=io.StringIO())
    assert anchor_file.exists()
    ok, out = verify()
    assert ok and "anchored up to #2" in out


def test_the_api_verify_reports_the_anchor(as_admin: Any, events: list[AuditEvent]) -> None:
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [events[-1].seq])
    ChainHead.objects.filter(pk=1).update(last_seq=events[-2].seq, last_hash=events[-2].hash)
    answer = as_admin.post("/api/audit/verify")
    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] is False and "the newest events were deleted" in body["problem"]


def test_anchoring_off_is_said_plainly(settings: Any) -> None:
    settings.AUDIT_ANCHOR_FILE = ""
    record_event("audit.log.viewed", actor=None)
    result = verify_audit()
    assert result.ok and "CONDUCT_AUDIT_ANCHOR_FILE=off" in str(result)
