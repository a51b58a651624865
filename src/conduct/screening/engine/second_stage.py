"""The second stage: a sentence encoder's view of messages the first stage is unsure of.

A message whose first-stage score (rules and linear model) falls in the uncertain band
[`low`, `high`) has the chunk the abuse head found most abusive embedded by the sentence
encoder (`encoder.py`); a logistic head on the embedding gives a second probability that it
is abusive, and the message's score becomes the mean of the two. Every category score of the
message is scaled by the same factor, so the kinds named keep their proportions (a kind's
model score is P(abusive) x P(kind | abusive): a new P(abusive) scales it). The band, the
flag threshold used with the second stage and the head were chosen on the leave-one-dataset-
out figures (model card). Outside the band the first stage decides alone.

The stored head is a skops file of plain numbers (no pickle), read as the classifier's file
is (`classifier._read`) and checked before use.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .classifier import ModelFileError, _read, dump

if TYPE_CHECKING:
    from .encoder import Encoder

FORMAT = "conduct-screening-second-stage"
FORMAT_VERSION = 1
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "artifacts" / "second-stage.skops"
# Chosen on the cross-dataset figures (model card): the band of first-stage scores that is
# looked at again, and the flag threshold when it is.
LOW = 0.25
HIGH = 0.8
WEIGHT = 0.5
C = 1.0  # the head's inverse regularisation strength (LogisticRegression)
ENV = "CONDUCT_SCREENING_SECOND_STAGE"  # "on" turns it on (it is off by default)

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SecondStage:
    coef: F64  # (384,)
    intercept: float
    low: float
    high: float
    flag: float
    weight: float = 0.5  # the second stage's share of the combined score
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "0"))

    def in_band(self, score: float) -> bool:
        return self.low <= score < self.high

    def probability(self, embeddings: npt.NDArray[np.float32]) -> F64:
        z = embeddings.astype(np.float64) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50, 50))), dtype=np.float64)


def fit(
    embeddings: npt.NDArray[np.float32],
    labels: npt.NDArray[np.int8],
    weights: F64,
    *,
    low: float = LOW,
    high: float = HIGH,
    flag: float,
    weight: float = WEIGHT,
    metadata: dict[str, Any] | None = None,
) -> SecondStage:
    """A logistic head on the embeddings (labels 0/1, per-row weights)."""
    from sklearn.linear_model import LogisticRegression

    head = LogisticRegression(C=C, max_iter=2000)
    head.fit(embeddings, labels, sample_weight=weights)
    return SecondStage(
        np.asarray(head.coef_[0], dtype=np.float64),
        float(head.intercept_[0]),
        low,
        high,
        flag,
        weight,
        {**(metadata or {}), "C": C},
    )


def save(stage: SecondStage, path: Path = DEFAULT_PATH) -> None:
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "coef": stage.coef.astype(np.float32),
        "intercept": float(stage.intercept),
        "band": [float(stage.low), float(stage.high)],
        "flag": float(stage.flag),
        "weight": float(stage.weight),
        "metadata_json": json.dumps(stage.metadata, sort_keys=True),
    }
    dump(payload, path)


def load(path: Path = DEFAULT_PATH) -> SecondStage:
    """Read a file written by `save`; refuse anything else with ModelFileError."""
    try:
        payload = _read(path)
    except FileNotFoundError as exc:
        raise ModelFileError(f"no second-stage head at {path}") from exc
    except Exception as exc:
        raise ModelFileError(f"cannot read second-stage head {path}: {exc}") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelFileError(f"{path} is not a {FORMAT} file")
    if payload.get("format_version") != FORMAT_VERSION:
        raise ModelFileError(f"{path} has format version {payload.get('format_version')}")
    from . import encoder as encoder_mod  # only with the second stage: sqlite3, logging, hashlib

    coef, band = payload.get("coef"), payload.get("band")
    if not isinstance(coef, np.ndarray) or coef.shape != (encoder_mod.DIM,):
        raise ModelFileError(f"{path}: the head does not match the encoder")
    if not np.all(np.isfinite(coef)):
        raise ModelFileError(f"{path}: the head holds non-finite numbers")
    try:
        low, high = (float(v) for v in band)  # type: ignore[union-attr]
        intercept, flag = float(payload["intercept"]), float(payload["flag"])
        weight = float(payload["weight"])
        metadata = json.loads(payload["metadata_json"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path} is incomplete: {exc}") from exc
    if not (0.0 <= low < high <= 1.0 and 0.0 < flag <= 1.0 and 0.0 <= weight <= 1.0):
        raise ModelFileError(f"{path}: band, flag or weight out of range")
    if not isinstance(metadata, dict):
        raise ModelFileError(f"{path}: its metadata is not a mapping")
    return SecondStage(coef.astype(np.float64), intercept, low, high, flag, weight, metadata)


def enabled() -> bool:
    return os.environ.get(ENV, "off").strip().lower() in ("on", "1", "true", "yes")


@lru_cache(maxsize=1)
def default() -> tuple[SecondStage, Encoder] | None:
    """The committed head with the installed encoder, when the second stage is turned on
    (`CONDUCT_SCREENING_SECOND_STAGE=on`); None when it is off or either is missing."""
    if not enabled() or not DEFAULT_PATH.exists():
        return None
    from . import encoder as encoder_mod

    enc = encoder_mod.load()
    if enc is None:
        return None
    return load(DEFAULT_PATH), enc
