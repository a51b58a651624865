"""Training the second stage's head, for `conduct screening train` and the cross-dataset
evaluation (`evaluation.cross_dataset`).

The head is fitted on the sentence encoder's embeddings of the same training units as the
first stage (whole texts, or the chunks of a long legitimate text), each dataset weighted as
the first stage weights it. Embedding costs about 60 ms of CPU per unit here, so the head is
trained on a seeded sample of at most `STAGE_CAP` rows per dataset, and embeddings are kept in
a cache file (`$CONDUCT_CACHE_DIR`, else ~/.cache/conduct) so a second run is quick.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import encoder as encoder_mod
from . import second_stage, training

if TYPE_CHECKING:
    from .evaluation import Fold, Units

STAGE_CAP = 1000  # rows per dataset the head is trained on (a seeded sample)
# The flag threshold used with the second stage, chosen on the cross-dataset figures.
FLAG = 0.45


def cache_path() -> Path:
    base = os.environ.get("CONDUCT_CACHE_DIR") or Path.home() / ".cache" / "conduct"
    return Path(base) / "embeddings.sqlite3"


def embedding_cache() -> encoder_mod.EmbeddingCache | None:
    enc = encoder_mod.load()
    return None if enc is None else encoder_mod.EmbeddingCache(cache_path(), enc)


def fit_head(
    units: Units,
    rows: np.ndarray,
    embeddings: np.ndarray,
    *,
    flag: float = FLAG,
    metadata: dict[str, Any] | None = None,
) -> second_stage.SecondStage:
    """Fit the head on `rows` of `units` (all splits: the head has few parameters)."""
    from .evaluation import _weights

    labels = np.array([units.labels[i][0] for i in rows], dtype=np.int8)
    return second_stage.fit(
        embeddings[rows],
        labels,
        _weights(units, rows),
        flag=flag,
        weight=second_stage.WEIGHT,
        metadata=metadata,
    )


def train_head(
    root: Path,
    *,
    seed: int = training.SEED,
    flag: float = FLAG,
    progress: Any = None,
) -> second_stage.SecondStage | None:
    """The shipped head: every trainable dataset, at most STAGE_CAP rows each."""
    from .evaluation import Units

    cache = embedding_cache()
    if cache is None:
        return None
    specs = tuple(s for s in training.DATASETS if s.train)
    units = Units()
    for e in training.load_examples(root, specs, cap=STAGE_CAP):
        units.add(e)
    embeddings = cache.embed(units.texts, progress=progress)
    metadata = {
        "name": "conduct-screening-second-stage",
        "version": "1.0.0",
        "encoder": cache.encoder.key,
        "seed": seed,
        "rows_per_dataset": STAGE_CAP,
        "units": len(units.texts),
        "data_sha256": training.file_hashes(root, specs),
    }
    return fit_head(units, np.arange(len(units.texts)), embeddings, flag=flag, metadata=metadata)


def comparison_table(folds: Sequence[Fold]) -> str:
    """Each held-out dataset, the first stage alone against the screener with its second
    stage, each at its own flag threshold chosen by `evaluation.choose_flag`."""
    from .evaluation import choose_flag, metrics

    staged_folds = [
        replace(f, scores=f.second_stage_scores) for f in folds if f.second_stage_scores is not None
    ]
    if len(staged_folds) != len(folds):
        return "(no second-stage scores: run with --second-stage)"
    first_flag, second_flag = choose_flag(folds), choose_flag(staged_folds)
    lines = [
        f"First stage alone at flag {first_flag:.3f}; with the second stage at flag "
        f"{second_flag:.3f} (each the best mean macro-F1 with email false alarms <= 2%).",
        "",
        "| held-out dataset | first: precision | recall | macro-F1 | false alarms "
        "| with second: precision | recall | macro-F1 | ROC AUC | false alarms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    means: list[tuple[float, float]] = []
    for f, g in zip(folds, staged_folds, strict=True):
        a, b = metrics(f, first_flag), metrics(g, second_flag)
        if a.positives:
            means.append((a.macro_f1, b.macro_f1))
            lines.append(
                f"| {f.dataset} | {a.precision:.3f} | {a.recall:.3f} | {a.macro_f1:.3f} "
                f"| {a.false_alarm_rate:.3f} | {b.precision:.3f} | {b.recall:.3f} "
                f"| {b.macro_f1:.3f} | {b.auc:.3f} | {b.false_alarm_rate:.3f} |"
            )
        else:
            lines.append(
                f"| {f.dataset} | - | - | - | {a.false_alarm_rate:.3f} | - | - | - | - "
                f"| {b.false_alarm_rate:.3f} |"
            )
    first_mean = sum(m[0] for m in means) / max(len(means), 1)
    second_mean = sum(m[1] for m in means) / max(len(means), 1)
    lines.append(f"| mean macro-F1 | | | {first_mean:.3f} | | | | {second_mean:.3f} | | |")
    return "\n".join(lines)
