"""``conduct ingest``: a second run adds nothing; bad items are reported, not lost."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from conduct.correspondence.models import Communication, ImportRun
from conduct.correspondence.progress import ProgressBar

from .conftest import ABUSE, mail, write_mbox

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str, bool]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc), False
    return out.getvalue(), err.getvalue(), True


def test_mbox_twice_second_run_adds_nothing(tmp_path: Path, client_record: Any) -> None:
    box = write_mbox(tmp_path / "inbox.mbox", [mail(n) for n in range(5)] + [mail(9, body=ABUSE)])
    out, err, ok = run(str(box))
    assert ok, err
    assert "6 added, 0 already held, 0 rejected, 1 flagged" in out
    assert err == ""  # no progress bar when stderr is not a terminal
    out, _, ok = run(str(box))
    assert ok and "0 added, 6 already held" in out
    assert Communication.objects.count() == 6
    assert ImportRun.objects.filter(finished_at__isnull=False).count() == 2


def test_malformed_items_are_reported_with_reasons_and_exit_non_zero(tmp_path: Path) -> None:
    box = write_mbox(tmp_path / "bad.mbox", [mail(1), b"\x00\x01binary junk\x00", mail(2)])
    box.write_bytes(box.read_bytes() + b"From x\nFrom: a@b.c\n\ncut off")
    calls = tmp_path / "calls.csv"
    calls.write_text("start,duration,number\n2026-03-02 09:00,60,07700900123\nnope,60,1\n")
    out, err, ok = run(str(box), str(calls), str(tmp_path / "missing.mbox"))
    assert not ok
    assert "bad.mbox #2: not an e-mail message" in err
    assert "bad.mbox #4: truncated" in err
    assert "calls.csv line 3: cannot read the time" in err
    assert "missing.mbox: no such file or folder" in err
    assert "2 added" in out and "2 rejected" in out
    assert Communication.objects.count() == 3
    _, _, _ = run(str(box))
    assert Communication.objects.count() == 3


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    plain, tty = io.StringIO(), Tty()
    for stream in (plain, tty):
        bar = ProgressBar(stream, "inbox.mbox", 4)
        bar.update(2)
        bar.close()
    assert plain.getvalue() == ""
    assert "[###############---------------] 2/4" in tty.getvalue()


def test_background_queues_a_task(tmp_path: Path, client_record: Any) -> None:
    box = write_mbox(tmp_path / "q.mbox", [mail(1)])
    out, _, ok = run("--background", str(box))
    assert ok and "queued in 1 task(s)" in out
    assert Communication.objects.count() == 1  # the test settings run tasks immediately
