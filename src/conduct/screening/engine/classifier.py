"""The statistical classifier, behind one small module: `train`, `save`, `load`, `predict`.

Word unigrams and bigrams of normalised text (a vocabulary of the n-grams seen at least twice
in training), a logistic regression, and Platt scaling fitted on a separate calibration split,
so `predict` returns calibrated probabilities. The stored artifact is only numbers and strings:
a skops file holding a dict (vocabulary as one string, weights as an array), loaded with an
explicit trusted-types list, never raw pickle. The file carries a format name and version;
anything else is refused. Tokenising with `str.split` rather than a regex keeps it fast.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED

import numpy as np
import numpy.typing as npt
import skops.io as sio
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

FORMAT = "conduct-screening-model"
FORMAT_VERSION = 1
# What a stored model may contain besides builtins (str, int, float, dict), and nothing else.
TRUSTED_TYPES = ["numpy.ndarray"]
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "artifacts" / "screening-model.skops"
MIN_COUNT = 2  # an n-gram must occur this often in training to get a weight

FloatArray = npt.NDArray[np.float64]
_PUNCT = str.maketrans(dict.fromkeys('!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~', " "))


class ModelFileError(Exception):
    """The model file is missing, corrupt, tampered with, or of another format version."""


def features(text: str) -> list[str]:
    """Word unigrams and bigrams of normalised text (apostrophes kept: "you're")."""
    tokens = text.translate(_PUNCT).split()
    return tokens + list(map(" ".join, itertools.pairwise(tokens)))


def build_vocabulary(texts: Iterable[str], min_count: int = MIN_COUNT) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(features(t))
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    return {f: i for i, f in enumerate(kept)}


def to_matrix(texts: Sequence[str], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """L2-normalised n-gram counts (n-grams outside the vocabulary are dropped)."""
    get = vocabulary.get
    indices: list[int] = []
    indptr = [0]
    for t in texts:
        indices.extend([i for i in map(get, features(t)) if i is not None])
        indptr.append(len(indices))
    x = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
        shape=(len(texts), len(vocabulary)),
    )
    x.sum_duplicates()
    return normalize(x, copy=False)


@dataclass(frozen=True)
class Classifier:
    vocabulary: dict[str, int]
    coef: npt.NDArray[np.float32]
    intercept: float
    platt_a: float
    platt_b: float
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.metadata.get("name", "conduct-screening"))

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "0"))

    def decision(self, x: sparse.csr_matrix) -> FloatArray:
        return np.asarray(x @ self.coef, dtype=np.float64) + self.intercept

    def predict(self, texts: Sequence[str]) -> FloatArray:
        """Calibrated probability that each (normalised) text is abusive."""
        if not texts:
            return np.zeros(0)
        z = self.platt_a * self._fast_decision(texts) + self.platt_b
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def _fast_decision(self, texts: Sequence[str]) -> FloatArray:
        """`decision(to_matrix(texts))` without building a sparse matrix or bigram strings.

        Each token is looked up once (a dict lookup per token, the only Python-level loop);
        bigrams are found with NumPy: a bigram that occurs at least twice in training has
        both its words in the vocabulary too, so its key is (first word id, second word id),
        searched in a sorted array. The (text, n-gram) counts, their order of summation and
        so the results are exactly those of `decision(to_matrix(texts))`'s arithmetic here
        before (L2-normalised counts dotted with the weights).
        """
        get = self.vocabulary.get
        missing = itertools.repeat(-1)
        ids: list[int] = []
        lengths: list[int] = []
        for t in texts:
            found = list(map(get, t.translate(_PUNCT).split(), missing))
            ids.extend(found)
            lengths.append(len(found))
        n = len(texts)
        size = len(self.coef)
        tokens = np.asarray(ids, dtype=np.int64)
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        known = tokens >= 0
        uni_rows, uni_ids = rows[known], tokens[known]
        # Bigrams: consecutive tokens of the same text, both in the vocabulary.
        pair = (rows[:-1] == rows[1:]) & known[:-1] & known[1:]
        first, second = tokens[:-1][pair], tokens[1:][pair]
        keys = first * size + second
        bigram_keys, bigram_ids = self._bigram_index
        at = np.searchsorted(bigram_keys, keys)
        at[at == len(bigram_keys)] = 0
        hit = bigram_keys[at] == keys if len(bigram_keys) else np.zeros(len(keys), bool)
        all_rows = np.concatenate([uni_rows, rows[:-1][pair][hit]])
        all_ids = np.concatenate([uni_ids, bigram_ids[at[hit]]])
        if not len(all_ids):
            return np.full(n, self.intercept)
        flat = all_rows * size + all_ids
        if n * size < 2**31:  # sorting 32-bit keys is about twice as fast
            flat = flat.astype(np.int32)
        keys, counts = np.unique(flat, return_counts=True)
        urows = keys // size
        c = counts.astype(np.float64)
        dot = np.bincount(urows, weights=c * self.coef[keys % size], minlength=n)
        norm = np.sqrt(np.bincount(urows, weights=c * c, minlength=n))
        return np.divide(dot, norm, out=np.zeros(n), where=norm > 0) + self.intercept

    @cached_property
    def _bigram_index(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Sorted (first word id * size + second word id) keys of the vocabulary's bigrams,
        and each one's feature id. Built once per loaded model (about 0.1 s)."""
        size = len(self.coef)
        get = self.vocabulary.get
        keys: list[int] = []
        fids: list[int] = []
        for gram, fid in self.vocabulary.items():
            words = gram.split(" ")
            if len(words) != 2:
                continue
            a, b = get(words[0]), get(words[1])
            if a is None or b is None:  # pragma: no cover - min_count guarantees both
                continue
            keys.append(a * size + b)
            fids.append(fid)
        k = np.asarray(keys, dtype=np.int64)
        order = np.argsort(k, kind="stable")
        return k[order], np.asarray(fids, dtype=np.int64)[order]


def train(
    texts: Sequence[str],
    labels: Sequence[int],
    weights: Sequence[float],
    calibration_texts: Sequence[str],
    calibration_labels: Sequence[int],
    *,
    c: float = 4.0,
    seed: int = 0,
    metadata: dict[str, Any] | None = None,
) -> Classifier:
    """Fit the weights on the training split and Platt scaling on the calibration split."""
    vocabulary = build_vocabulary(texts)
    x = to_matrix(texts, vocabulary)
    lr = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=200)
    lr.fit(x, np.asarray(labels), sample_weight=np.asarray(weights, dtype=np.float64))
    coef = lr.coef_.ravel().astype(np.float32)
    intercept = float(lr.intercept_[0])
    raw = Classifier(vocabulary, coef, intercept, 1.0, 0.0)
    z = raw.decision(to_matrix(calibration_texts, vocabulary)).reshape(-1, 1)
    platt = LogisticRegression(C=1e6, solver="lbfgs", random_state=seed)
    platt.fit(z, np.asarray(calibration_labels))
    return Classifier(
        vocabulary,
        coef,
        intercept,
        float(platt.coef_[0, 0]),
        float(platt.intercept_[0]),
        metadata or {},
    )


def save(clf: Classifier, path: Path) -> None:
    """Write atomically: a crash never leaves a half-written model in place."""
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "vocabulary": "\n".join(sorted(clf.vocabulary, key=clf.vocabulary.__getitem__)),
        "coef": clf.coef,
        "intercept": clf.intercept,
        "platt_a": clf.platt_a,
        "platt_b": clf.platt_b,
        "metadata_json": json.dumps(clf.metadata, sort_keys=True),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".skops")
    os.close(fd)
    try:
        sio.dump(payload, tmp, compression=ZIP_DEFLATED, compresslevel=9)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path = DEFAULT_PATH) -> Classifier:
    """Load a model file written by `save`; refuse anything else with ModelFileError."""
    try:
        payload = sio.load(path, trusted=TRUSTED_TYPES)
    except FileNotFoundError as exc:
        raise ModelFileError(
            f"no screening model at {path}: run `conduct screening train`"
        ) from exc
    except Exception as exc:
        raise ModelFileError(f"cannot read screening model {path}: {exc}") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelFileError(f"{path} is not a {FORMAT} file")
    if payload.get("format_version") != FORMAT_VERSION:
        raise ModelFileError(
            f"{path} has format version {payload.get('format_version')}, expected {FORMAT_VERSION}"
        )
    coef = payload.get("coef")
    words = payload.get("vocabulary")
    if not isinstance(words, str) or not isinstance(coef, np.ndarray) or coef.ndim != 1:
        raise ModelFileError(f"{path} has a malformed vocabulary or weight vector")
    vocabulary = {w: i for i, w in enumerate(words.split("\n"))}
    if len(vocabulary) != coef.shape[0]:
        raise ModelFileError(f"{path}: vocabulary and weights do not match")
    try:
        metadata = json.loads(payload["metadata_json"])
        return Classifier(
            vocabulary,
            coef.astype(np.float32, copy=False),
            float(payload["intercept"]),
            float(payload["platt_a"]),
            float(payload["platt_b"]),
            metadata,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path} is incomplete: {exc}") from exc


@lru_cache(maxsize=1)
def default_classifier() -> Classifier | None:
    """The committed model, loaded once per process; None if there is none yet."""
    if not DEFAULT_PATH.exists():
        return None
    return load(DEFAULT_PATH)
