"""Dataset handling, label mapping, hash splits, and the cross-dataset evaluation's arithmetic."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from conduct.screening.engine import evaluation, training
from conduct.screening.engine.api import Screener
from conduct.screening.engine.evaluation import Fold, suite_results, train_model


def test_clean_removes_social_media_noise() -> None:
    assert training.clean("RT @bob: you &amp; me http://x.co/1 @USER") == "you & me"


def test_clean_keeps_line_breaks_for_email_structure() -> None:
    assert training.clean("Hi,\n\n> you idiot\nthanks") == "Hi,\n\n> you idiot\nthanks"


def test_split_is_by_text_and_stable() -> None:
    assert training.split_of("Hello There") == training.split_of("hello   there")
    splits = {training.split_of(f"text {i}") for i in range(200)}
    assert splits == {"train", "calibration"}


def test_data_dir_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONDUCT_TRAINING_DATA", str(tmp_path))
    assert training.data_dir() == tmp_path
    monkeypatch.delenv("CONDUCT_TRAINING_DATA")
    assert training.data_dir().parts[-2:] == ("shared", "data")


def test_label_mapping_follows_the_policy() -> None:
    olid = next(s for s in training.DATASETS if s.name == "olid")
    assert olid.labels({"subtask_a": "OFF", "subtask_b": "UNT", "subtask_c": "NULL"}) is None
    assert olid.labels({"subtask_a": "OFF", "subtask_b": "TIN", "subtask_c": "IND"})[0] == 1
    gab = next(s for s in training.DATASETS if s.name == "gab")
    assert gab.labels({"label": "1", "cv": "1", "hd": "0"})[:2] == (1, 1)
    assert gab.labels({"label": "0", "cv": "0", "hd": "0", "vo": "1"}) == (0, 0, 0, 0)
    enron = next(s for s in training.DATASETS if s.name == "enron")
    assert enron.labels({"label": "0", "lexicon_flag": "1"}) is None
    dyna = next(s for s in training.DATASETS if s.name == "dynahate")
    assert dyna.labels({"label": "0"}) == (0, 0, 0, 0)  # non-hateful perturbations
    conv = next(s for s in training.DATASETS if s.name == "convabuse")
    row = {"label": "1", "abusive_votes": "3", "votes_type_sex_harassment": "2"}
    assert conv.labels(row) == (1, -1, 0, 1)


def test_the_duplicate_of_olid_never_trains_beside_it() -> None:
    by_name = {s.name: s for s in training.DATASETS}
    excluded = evaluation._excluded(by_name["olid"], training.DATASETS)
    assert excluded == {"olid", "tweeteval_offensive"}
    assert evaluation._excluded(by_name["tweeteval_offensive"], training.DATASETS) == excluded
    assert not by_name["tweeteval_offensive"].train


def _write(root: Path, name: str, rows: list[tuple[str, int]]) -> str:
    (root / name).mkdir()
    rel = f"{name}/t.csv"
    with (root / rel).open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label"])
        for i, (t, label) in enumerate(rows):
            w.writerow([f"{t} {i}", label])
    return rel


def _spec(name: str, rel: str) -> training.DatasetSpec:
    def labels(row: training.Row) -> training.Labels:
        if row["label"] != "1":
            return (0, 0, 0, 0)
        t = row["text"]
        return (1, int("idiot" in t), int("moron" in t), int("clown" in t))

    return training.DatasetSpec(name, (rel,), labels, 1.0, "test", "test")


def _tiny(root: Path) -> tuple[training.DatasetSpec, ...]:
    abuse = [("you are an idiot", 1), ("thank you so much", 0), ("you stupid moron", 1),
             ("see you on monday", 0), ("shut up you clown", 1), ("kind regards", 0)]  # fmt: skip
    return (
        _spec("one", _write(root, "one", abuse * 30)),
        _spec("two", _write(root, "two", abuse[::-1] * 30)),
        _spec("mail", _write(root, "mail", [("please find the report attached", 0)] * 60)),
    )


def test_training_on_tiny_data_records_hashes_and_works(tmp_path: Path) -> None:
    specs = _tiny(tmp_path)
    clf = train_model(tmp_path, specs=specs, flag=0.4)
    assert set(clf.metadata["data_sha256"]) == {"one/t.csv", "two/t.csv", "mail/t.csv"}
    assert clf.metadata["thresholds"]["flag"] == 0.4
    p = clf.predict(["you are an idiot 999", "kind regards 999"])
    assert p[0] > p[1]


def test_cross_dataset_screens_every_row_of_each_held_out_dataset(tmp_path: Path) -> None:
    specs = _tiny(tmp_path)
    folds = evaluation.cross_dataset(tmp_path, cap=None, specs=specs)
    assert [f.dataset for f in folds] == ["one", "two", "mail"]
    assert [len(f.own) for f in folds] == [180, 180, 60]
    one = evaluation.metrics(folds[0], 0.5)
    assert one.auc > 0.9  # learned from "two" alone, it transfers to "one"
    assert evaluation.metrics(folds[2], 0.5).positives == 0


def test_cap_takes_a_seeded_sample(tmp_path: Path) -> None:
    specs = _tiny(tmp_path)
    first = [e.text for e in training.load_examples(tmp_path, specs, cap=20)]
    again = [e.text for e in training.load_examples(tmp_path, specs, cap=20)]
    assert first == again
    assert len(first) == 60


def test_metrics_and_threshold_choice() -> None:
    scores = np.array([0.9, 0.4, 0.6, 0.1])
    labelled = Fold(
        "x", np.array([1, 1, 0, 0]), scores, scores, np.array([1, 0, 0, 0]), scores, scores
    )
    m = evaluation.metrics(labelled, 0.5)
    assert (m.precision, m.recall, m.false_alarm_rate) == (0.5, 0.5, 0.5)
    assert m.macro_f1 == pytest.approx(0.5)
    assert m.auc == pytest.approx(0.75)
    assert (m.threats, m.threat_recall) == (1, 1.0)
    low = np.linspace(0, 0.5, 100)
    email = Fold("enron", np.zeros(100, dtype=int), low, low, np.zeros(100, dtype=int), low, low)
    flag = evaluation.choose_flag([labelled, email])
    assert evaluation.metrics(email, flag).false_alarm_rate <= evaluation.MAX_EMAIL_FALSE_ALARMS
    assert "| enron |" in evaluation.cross_table([labelled, email], flag)
    assert "| 0.5 | 0.000 (0/1) | 0.000 (0/0) |" in evaluation.category_table([labelled], 0.95)
    assert "| 0.5 | 1.000 (1/1) | 1.000 (1/1) |" in evaluation.category_table([labelled], 0.5)
    assert "| 0.6 | 1.000 (1/1) | 1.000 (1/1) |" in evaluation.category_table([labelled], 0.5)


def test_reports_render() -> None:
    results = suite_results(Screener(None))
    assert "legitimate_complaint" in results
