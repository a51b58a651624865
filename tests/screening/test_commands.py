"""The management commands are thin wrappers: check their wiring and exit status."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conduct.correspondence.parsing.items import Item as ParsedItem
from conduct.correspondence.parsing.readers import Item, read
from conduct.correspondence.parsing.sources import parse_bytes
from tests.correspondence.test_parsing_files import minimal_pdf


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


def _screen(*paths: Path) -> tuple[int, list[dict[str, object]], list[dict[str, object]]]:
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("screen", *map(str, paths), stdout=out, stderr=err)
    except CommandError as exc:
        code = exc.returncode
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return code, lines, [json.loads(line) for line in err.getvalue().splitlines()]


@pytest.mark.parametrize("name", ["g.pdf", "g.bmp", "g.wav", "g.txt", "noext"])
def test_a_binary_file_is_an_error_line_not_a_score(tmp_path: Path, name: str) -> None:
    junk = tmp_path / name
    junk.write_bytes(random.Random(name).randbytes(3000) + b"\x00")
    good = tmp_path / "good.txt"
    good.write_text("thank you for your help", encoding="utf-8")
    code, lines, errors = _screen(junk, good)
    assert code == 1
    assert [line["source"] for line in lines] == [str(good)]
    assert [e["source"] for e in errors] == [str(junk)] and errors[0]["error"]


def test_an_unreadable_pdf_is_an_error_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF\n")
    code, lines, errors = _screen(broken)
    assert code == 1 and lines == []
    assert errors[0]["source"] == str(broken) and "PDF" in str(errors[0]["error"])


def test_a_pdf_is_screened_as_ingest_reads_it(tmp_path: Path) -> None:
    data = minimal_pdf("You are an idiot and I will find you")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(data)
    code, lines, errors = _screen(letter)
    assert code == 0 and errors == []
    (read_by_ingest,) = parse_bytes("letter.pdf", data, datetime.now(UTC))
    assert isinstance(read_by_ingest, ParsedItem)
    assert lines[0]["source"] == str(letter)
    evidence = lines[0]["evidence"]
    assert isinstance(evidence, list)
    assert all(e["text"] in read_by_ingest.body for e in evidence)
    (item,) = read(letter)
    assert isinstance(item, Item) and item.text == read_by_ingest.body
    assert "/F1" not in item.text and "%PDF" not in item.text
