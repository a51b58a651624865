"""The management commands are thin wrappers: check their wiring and exit status."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_screen_command_writes_json_lines(tmp_path: Path) -> None:
    p = tmp_path / "m.csv"
    p.write_text("text\nyou idiot\nthank you\n", encoding="utf-8")
    out = StringIO()
    call_command("screen", str(p), stdout=out, stderr=StringIO())
    assert len(out.getvalue().splitlines()) == 2


def test_screen_command_fails_when_an_input_is_unreadable(tmp_path: Path) -> None:
    out_file = tmp_path / "out.jsonl"
    good = tmp_path / "g.txt"
    good.write_text("hello", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("screen", str(tmp_path / "nope.txt"), str(good), "--output", str(out_file),
                     stdout=StringIO(), stderr=StringIO())  # fmt: skip
    assert exc.value.returncode == 1
    assert len(out_file.read_text(encoding="utf-8").splitlines()) == 1


def test_screening_evaluate_needs_data(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no training data"):
        call_command(
            "screening", "evaluate", "--data-dir", str(tmp_path / "none"), stdout=StringIO()
        )


def test_screening_cross_dataset_names_missing_files(tmp_path: Path) -> None:
    (tmp_path / "olid_train").mkdir()
    (tmp_path / "olid_train" / "olid_train.csv").write_text("text,label\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"missing data files: tweeteval_offensive/train\.csv"):
        call_command(
            "screening", "evaluate", "--cross-dataset", "--data-dir", str(tmp_path),
            stdout=StringIO(),
        )  # fmt: skip


def test_screening_cap_must_be_a_number(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cap"):
        call_command(
            "screening", "evaluate", "--cross-dataset", "--cap", "many", "--data-dir",
            str(tmp_path), stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip
