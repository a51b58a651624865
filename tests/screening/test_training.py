"""Dataset handling: cleaning, deterministic hash splits, data location, recorded hashes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conduct.screening.engine import training
from conduct.screening.engine.api import Screener
from conduct.screening.engine.evaluation import metrics_table, suite_results, train_model


def test_clean_removes_social_media_noise() -> None:
    assert training.clean("RT @bob: you &amp; me http://x.co/1 @USER") == "you & me"


def test_split_is_by_text_and_stable() -> None:
    assert training.split_of("Hello There") == training.split_of("hello   there")
    splits = {training.split_of(f"text {i}") for i in range(200)}
    assert splits == {"train", "calibration", "validation"}


def test_data_dir_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONDUCT_TRAINING_DATA", str(tmp_path))
    assert training.data_dir() == tmp_path
    monkeypatch.delenv("CONDUCT_TRAINING_DATA")
    assert training.data_dir().parts[-2:] == ("shared", "data")


def _tiny_dataset(root: Path) -> training.DatasetSpec:
    (root / "tiny").mkdir()
    rows = [("you are an idiot", 1), ("thank you so much", 0), ("you stupid moron", 1),
            ("see you on monday", 0), ("shut up you clown", 1), ("kind regards", 0)] * 30  # fmt: skip
    with (root / "tiny" / "t.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label"])
        for i, (t, label) in enumerate(rows):
            w.writerow([f"{t} {i}", label])
    return training.DatasetSpec("tiny", ("tiny/t.csv",), lambda r: int(r["label"]), 1.0, "test")


def test_training_on_tiny_data_records_hashes_and_works(tmp_path: Path) -> None:
    spec = _tiny_dataset(tmp_path)
    clf = train_model(tmp_path, specs=(spec,))
    assert set(clf.metadata["data_sha256"]) == {"tiny/t.csv"}
    assert len(clf.metadata["data_sha256"]["tiny/t.csv"]) == 64
    p = clf.predict(["you are an idiot 999", "kind regards 999"])
    assert p[0] > p[1]


def test_reports_render() -> None:
    results = suite_results(Screener(None))
    assert "legitimate_complaint" in results
    assert metrics_table([]).startswith("| dataset")
