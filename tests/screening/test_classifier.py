"""Train, save, load and predict; refuse tampered, corrupt or foreign model files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio

from conduct.screening.engine import classifier, features
from conduct.screening.engine.classifier import ModelFileError

TEXTS = ["you are an idiot", "thanks for your help", "you stupid moron", "have a nice day"] * 5
LABELS = [1, 0, 1, 0] * 5


def _tiny() -> classifier.Classifier:
    x = features.matrix(TEXTS)
    # abuse, threat, identity, sexual: the last three with one unknown (-1) row each
    y = np.array([[v, v, v, v] for v in LABELS], dtype=np.int8)
    y[0, 1:] = -1
    return classifier.train(
        x, y, np.ones(len(TEXTS)), x, y, seed=1, metadata={"name": "t", "version": "9"}
    )


def test_train_save_load_predict_round_trip(tmp_path: Path) -> None:
    clf = _tiny()
    path = tmp_path / "m.skops"
    classifier.save(clf, path)
    loaded = classifier.load(path)
    assert loaded.version == "9"
    p = loaded.predict_all(["you idiot", "nice day"])
    assert p.shape == (2, 4)
    assert (p[0] > p[1]).all()
    # Weights are stored as float16: the loaded model agrees to a few decimals.
    np.testing.assert_allclose(p, clf.predict_all(["you idiot", "nice day"]), atol=2e-3)
    assert list(tmp_path.iterdir()) == [path]  # the temporary file was renamed, not left


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="no screening model"):
        classifier.load(tmp_path / "nope.skops")


def test_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(ModelFileError):
        classifier.load(path)


def test_wrong_format_version(tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    sio.dump({"format": classifier.FORMAT, "format_version": 999}, path)
    with pytest.raises(ModelFileError, match="format version"):
        classifier.load(path)


def test_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    sio.dump({"format": "something-else"}, path)
    with pytest.raises(ModelFileError, match="not a"):
        classifier.load(path)


def test_untrusted_types_are_refused(tmp_path: Path) -> None:
    from sklearn.linear_model import LogisticRegression

    path = tmp_path / "m.skops"
    payload = {"format": classifier.FORMAT, "format_version": classifier.FORMAT_VERSION}
    sio.dump({**payload, "x": LogisticRegression()}, path)
    with pytest.raises(ModelFileError):
        classifier.load(path)


def test_tampered_weights_are_refused(tmp_path: Path) -> None:
    clf = _tiny()
    path = tmp_path / "m.skops"
    classifier.save(clf, path)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            if name.endswith(".npy"):
                data = data[: len(data) // 2]  # truncated array
            z.writestr(name, data)
    with pytest.raises(ModelFileError):
        classifier.load(path)


def test_a_head_without_both_classes_is_refused() -> None:
    x = features.matrix(TEXTS)
    y = np.array([[v, -1, v, v] for v in LABELS], dtype=np.int8)
    with pytest.raises(ValueError, match="threat"):
        classifier.train(x, y, np.ones(len(TEXTS)), x, y)


def test_mismatched_heads_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    payload = {"format": classifier.FORMAT, "format_version": classifier.FORMAT_VERSION,
               "heads": "abuse\nthreat", "weights": np.zeros((8, 3), dtype=np.float16),
               "intercept": [0.0, 0.0], "platt_a": [1.0, 1.0], "platt_b": [0.0, 0.0],
               "metadata_json": "{}"}  # fmt: skip
    sio.dump(payload, path)
    with pytest.raises(ModelFileError, match="do not match"):
        classifier.load(path)


def test_committed_model_is_small_and_loads() -> None:
    assert classifier.DEFAULT_PATH.stat().st_size < 8 * 1024 * 1024
    clf = classifier.load()
    assert clf.heads == classifier.HEADS
    assert clf.metadata["data_sha256"]
    assert clf.metadata["seed"]
    assert 0 < clf.metadata["thresholds"]["flag"] < 1


def test_the_plain_reader_gives_what_skops_gives() -> None:
    ours = classifier._read(classifier.DEFAULT_PATH)
    theirs = sio.load(classifier.DEFAULT_PATH, trusted=classifier.TRUSTED_TYPES)
    assert ours.keys() == theirs.keys()
    for key, value in theirs.items():
        if isinstance(value, np.ndarray):
            assert ours[key].dtype == value.dtype
            np.testing.assert_array_equal(ours[key], value)
        else:
            assert ours[key] == value and type(ours[key]) is type(value)


def test_screening_does_not_import_the_training_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from conduct.screening.engine.api import screen; screen('hello');"
        "print(sorted(m for m in ('sklearn', 'scipy', 'skops') if m in sys.modules))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
