"""Train the classifier on the shared datasets, and measure it on the held-out splits.

`train_model` is what `conduct screening train` runs; `evaluate` is what `conduct screening
evaluate` runs to reproduce the model card's figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from . import training
from .api import DEFAULT_THRESHOLDS, Screener, prepare
from .classifier import Classifier, train
from .training import DATASETS, Example

MODEL_NAME = "conduct-screening-linear"
MODEL_VERSION = "1.0.0"


def model_text(text: str) -> str:
    """What the classifier sees: the sender's own words, normalised (as at screening time)."""
    return prepare(text).norm.text


def _weights(examples: Sequence[Example]) -> list[float]:
    """Each dataset counts by its spec weight, each class half of it (not by row count)."""
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for e in examples:
        counts[(e.dataset, e.label)] += 1
    spec_weight = {s.name: s.weight for s in DATASETS}
    raw = [spec_weight.get(e.dataset, 1.0) * 0.5 / counts[(e.dataset, e.label)] for e in examples]
    mean = sum(raw) / len(raw)
    return [w / mean for w in raw]


def train_model(
    root: Path,
    *,
    seed: int = training.SEED,
    specs: tuple[training.DatasetSpec, ...] = DATASETS,
    c: float = 4.0,
) -> Classifier:
    examples = list(training.load_examples(root, specs))
    train_rows = [e for e in examples if e.split == "train"]
    calib_rows = [e for e in examples if e.split == "calibration"]
    metadata: dict[str, Any] = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "trained_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "seed": seed,
        "c": c,
        "datasets": {s.name: {"files": list(s.files), "weight": s.weight, "why": s.why} for s in specs},
        "data_sha256": training.file_hashes(root, specs),
        "rows": {"train": len(train_rows), "calibration": len(calib_rows),
                 "validation": len(examples) - len(train_rows) - len(calib_rows)},
        "thresholds": dict(DEFAULT_THRESHOLDS),
    }  # fmt: skip
    return train(
        [model_text(e.text) for e in train_rows],
        [e.label for e in train_rows],
        _weights(train_rows),
        [model_text(e.text) for e in calib_rows],
        [e.label for e in calib_rows],
        c=c,
        seed=seed,
        metadata=metadata,
    )


@dataclass(frozen=True)
class Metrics:
    dataset: str
    rows: int
    positives: int
    model_auc: float
    precision: float
    recall: float
    f1: float
    false_positive_rate: float


def _rates(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float, float]:
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    tn = float(np.sum(~pred & (y == 0)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    return precision, recall, f1, fpr


def evaluate(root: Path, screener: Screener) -> list[Metrics]:
    """Per-dataset figures on the held-out validation split, for the whole screener."""
    by_dataset: dict[str, list[Example]] = defaultdict(list)
    for e in training.load_examples(root):
        if e.split == "validation":
            by_dataset[e.dataset].append(e)
    out: list[Metrics] = []
    for name, rows in by_dataset.items():
        y = np.array([e.label for e in rows])
        verdicts = screener.screen_many([e.text for e in rows])
        pred = np.array([v.flagged for v in verdicts])
        auc = float("nan")
        if screener.classifier is not None and 0 < y.sum() < len(y):
            p = screener.classifier.predict([model_text(e.text) for e in rows])
            auc = float(roc_auc_score(y, p))
        precision, recall, f1, fpr = _rates(y, pred)
        out.append(Metrics(name, len(rows), int(y.sum()), auc, precision, recall, f1, fpr))
    return out


def metrics_table(metrics: Sequence[Metrics]) -> str:
    lines = [
        "| dataset | rows | positives | model ROC AUC | screener precision | recall | F1 | false-positive rate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in metrics:
        lines.append(
            f"| {m.dataset} | {m.rows} | {m.positives} | {m.model_auc:.3f} | {m.precision:.3f} "
            f"| {m.recall:.3f} | {m.f1:.3f} | {m.false_positive_rate:.3f} |"
        )
    return "\n".join(lines)


def suite_results(screener: Screener) -> dict[str, tuple[int, int]]:
    """Per functionality of the suite: (cases passed, cases)."""
    from .suite import CASES

    out: dict[str, tuple[int, int]] = {}
    for case in CASES:
        v = screener.screen(case.text, channel=case.channel)
        ok = v.flagged == case.flagged and (case.category is None or case.category in v.categories)
        passed, total = out.get(case.functionality, (0, 0))
        out[case.functionality] = (passed + int(ok), total + 1)
    return out


def suite_table(screener: Screener) -> str:
    lines = ["| functionality | passed | cases |", "|---|---:|---:|"]
    for name, (passed, total) in suite_results(screener).items():
        lines.append(f"| {name} | {passed} | {total} |")
    return "\n".join(lines)
