"""The statistical classifier, behind one small module: `train`, `save`, `load`, `predict`.

Hashed word and character n-grams (`features.py`) and one linear model per head, each fitted
by stochastic gradient descent on the logistic loss, then Platt scaling fitted per head on a
separate calibration split, so `predict` returns calibrated probabilities. Heads:

- `abuse`: the message (chunk) is abusive in the policy's sense;
- `threat`: a threat or a call for violence;
- `identity`: abuse based on an identity (race, sex, religion, sexuality, disability...);
- `sexual`: sexual harassment or a sexual remark.

Each head is trained only on rows whose dataset says something about it (see `training.py`).
The stored artifact is only numbers and strings: a skops file holding a dict (weights as a
float16 array), loaded with an explicit trusted-types list, never raw pickle. The file carries
a format name and version; anything else is refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile

import numpy as np
import numpy.typing as npt

from . import features

if TYPE_CHECKING:  # training only: scikit-learn, SciPy and skops are imported when needed
    from scipy import sparse
    from sklearn.linear_model import SGDClassifier

FORMAT = "conduct-screening-model"
FORMAT_VERSION = 2
HEADS = ("abuse", "threat", "identity", "sexual")
# What a stored model may contain besides builtins (str, int, float, dict), and nothing else.
TRUSTED_TYPES = ["numpy.ndarray"]
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "artifacts" / "screening-model.skops"

FloatArray = npt.NDArray[np.float64]


class ModelFileError(Exception):
    """The model file is missing, corrupt, tampered with, or of another format version."""


@dataclass(frozen=True)
class Classifier:
    heads: tuple[str, ...]
    weights: npt.NDArray[np.float32]  # (n_features, heads)
    intercept: FloatArray  # (heads,)
    platt_a: FloatArray
    platt_b: FloatArray
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.metadata.get("name", "conduct-screening"))

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "0"))

    def decision(self, texts: Sequence[str]) -> FloatArray:
        """Raw linear scores, (texts, heads)."""
        if not texts:
            return np.zeros((0, len(self.heads)))
        return self._scorer.scores(texts) + self.intercept

    @cached_property
    def _scorer(self) -> features.Scorer:
        return features.Scorer(self.weights)

    def predict_all(self, texts: Sequence[str]) -> FloatArray:
        """Calibrated probability of each head for each (normalised) text: (texts, heads)."""
        z = self.platt_a * self.decision(texts) + self.platt_b
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def predict_tokens(self, token_lists: list[list[str]]) -> FloatArray:
        """`predict_all` of the texts with these tokens (`features.span_tokens`)."""
        decision = self._scorer.score_tokens(token_lists) + self.intercept
        z = self.platt_a * decision + self.platt_b
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def predict(self, texts: Sequence[str]) -> FloatArray:
        """Calibrated probability that each (normalised) text is abusive."""
        return self.predict_all(texts)[:, 0]


def _sgd(alpha: float, epochs: int, seed: int) -> SGDClassifier:
    from sklearn.linear_model import SGDClassifier

    return SGDClassifier(
        loss="log_loss",
        alpha=alpha,
        max_iter=epochs,
        tol=None,
        random_state=seed,
        average=True,
    )


def train(
    x: sparse.csr_matrix,
    labels: npt.NDArray[np.int8],
    weights: npt.NDArray[np.float64],
    calibration_x: sparse.csr_matrix,
    calibration_labels: npt.NDArray[np.int8],
    *,
    heads: tuple[str, ...] = HEADS,
    alpha: float = 2e-6,
    epochs: int = 8,
    seed: int = 0,
    metadata: dict[str, Any] | None = None,
) -> Classifier:
    """Fit each head on the rows it has a label for (label -1: unknown, left out).

    `x` is `features.matrix` of the training texts, `labels` is (rows, heads) of 1, 0 or -1.
    """
    n_features = x.shape[1]
    w = np.zeros((n_features, len(heads)), dtype=np.float32)
    intercept = np.zeros(len(heads))
    platt_a = np.ones(len(heads))
    platt_b = np.zeros(len(heads))
    for k in range(len(heads)):
        known = labels[:, k] >= 0
        y = labels[known, k]
        if len(np.unique(y)) < 2:
            raise ValueError(f"head {heads[k]!r} needs both classes in training")
        model = _sgd(alpha, epochs, seed)
        model.fit(x[known], y, sample_weight=weights[known])
        w[:, k] = model.coef_.ravel()
        intercept[k] = float(model.intercept_[0])
        cal = calibration_labels[:, k] >= 0
        yc = calibration_labels[cal, k]
        if len(np.unique(yc)) < 2:
            continue  # no calibration possible: raw logistic output
        z = (calibration_x[cal] @ w[:, k]).reshape(-1, 1) + intercept[k]
        from sklearn.linear_model import LogisticRegression

        platt = LogisticRegression(C=1e6, solver="lbfgs", random_state=seed)
        platt.fit(z, yc)
        platt_a[k] = float(platt.coef_[0, 0])
        platt_b[k] = float(platt.intercept_[0])
    return Classifier(heads, w, intercept, platt_a, platt_b, metadata or {})


def save(clf: Classifier, path: Path) -> None:
    """Write atomically: a crash never leaves a half-written model in place."""
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "heads": "\n".join(clf.heads),
        "weights": clf.weights.astype(np.float16),
        "intercept": [float(v) for v in clf.intercept],
        "platt_a": [float(v) for v in clf.platt_a],
        "platt_b": [float(v) for v in clf.platt_b],
        "metadata_json": json.dumps(clf.metadata, sort_keys=True),
    }
    dump(payload, path)


def dump(payload: dict[str, Any], path: Path) -> None:
    """Write a payload of plain values as a skops file, atomically: a crash never leaves a
    half-written file in place."""
    import tempfile  # only for saving: screening processes never import it (start-up)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".skops")
    os.close(fd)
    import skops.io as sio

    try:
        sio.dump(payload, tmp, compression=ZIP_DEFLATED, compresslevel=9)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _vector(payload: dict[str, Any], key: str, n: int, path: Path) -> FloatArray:
    value = payload.get(key)
    if not isinstance(value, list) or len(value) != n:
        raise ModelFileError(f"{path}: {key} does not match the heads")
    return np.asarray([float(v) for v in value])


class _NotPlain(Exception):
    """The file holds more than the plain nodes `_plain` reads: skops itself must judge it."""


def _plain(node: Any, archive: ZipFile) -> Any:
    """One node of a skops schema, if it is a plain dict, list, JSON value or NumPy array."""
    if not isinstance(node, dict):
        raise _NotPlain
    kind = (node.get("__module__"), node.get("__class__"), node.get("__loader__"))
    if kind == ("builtins", "dict", "DictNode") and isinstance(node.get("content"), dict):
        return {k: _plain(v, archive) for k, v in node["content"].items()}
    if kind == ("builtins", "list", "ListNode") and isinstance(node.get("content"), list):
        return [_plain(v, archive) for v in node["content"]]
    if node.get("__loader__") == "JsonNode" and node.get("is_json") is True:
        if node.get("__module__") != "builtins" or not isinstance(node.get("content"), str):
            raise _NotPlain
        return json.loads(node["content"])
    if kind == ("numpy", "ndarray", "NdArrayNode") and node.get("type") == "numpy":
        with archive.open(str(node["file"])) as f:
            return np.load(f, allow_pickle=False)
    raise _NotPlain


def _read(path: Path) -> Any:
    """The payload of a skops file, as `skops.io.load(path, trusted=TRUSTED_TYPES)` gives it.

    A model file is only builtins and NumPy arrays (`save`), which this reads straight from
    the skops archive (arrays with `allow_pickle=False`), so screening never imports skops
    and scikit-learn (seconds of start-up). Anything else in the file goes to skops itself,
    with the same trusted-types list, which refuses what is not trusted."""
    try:
        with ZipFile(path) as archive:
            schema = json.loads(archive.read("schema.json"))
            return _plain(schema, archive)
    except FileNotFoundError:
        raise
    except (_NotPlain, BadZipFile, KeyError, ValueError, TypeError, OSError):
        import skops.io as sio

        return sio.load(path, trusted=TRUSTED_TYPES)


def load(path: Path = DEFAULT_PATH) -> Classifier:
    """Load a model file written by `save`; refuse anything else with ModelFileError."""
    try:
        payload = _read(path)
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
    heads = payload.get("heads")
    weights = payload.get("weights")
    if not isinstance(heads, str) or not isinstance(weights, np.ndarray) or weights.ndim != 2:
        raise ModelFileError(f"{path} has malformed heads or weights")
    names = tuple(heads.split("\n"))
    n_features = weights.shape[0]
    if weights.shape[1] != len(names) or n_features & (n_features - 1):
        raise ModelFileError(f"{path}: weights and heads do not match")
    try:
        metadata = json.loads(payload["metadata_json"])
        return Classifier(
            names,
            np.ascontiguousarray(weights, dtype=np.float32),
            _vector(payload, "intercept", len(names), path),
            _vector(payload, "platt_a", len(names), path),
            _vector(payload, "platt_b", len(names), path),
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
