"""The verdict: shape, offsets into the original text, categories, actions."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from conduct.screening.engine import screen, screen_many
from conduct.screening.engine.api import Screener


def _offsets_hold(text: str) -> None:
    verdict = screen(text)
    for e in verdict.evidence:
        assert text[e.start : e.end] == e.text


def test_verdict_has_every_field_and_is_json_ready() -> None:
    v = screen("You are a useless, lying idiot.", channel="email")
    d = v.to_dict()
    for key in (
        "flagged",
        "score",
        "category_scores",
        "categories",
        "evidence",
        "actions",
        "model",
    ):
        assert key in d
    assert set(d["model"]) == {"name", "version", "thresholds"}
    assert 0.0 <= d["score"] <= 1.0
    json.dumps(d)


def test_evidence_offsets_point_into_the_original_text() -> None:
    text = "Dear team,\n\nY0u are a 1d\u200b10t and \u0455tup\u0456d.\n\nOn Mon, Bob wrote:\n> you idiot\n"
    v = screen(text)
    assert v.flagged
    assert v.evidence
    for e in v.evidence:
        assert text[e.start : e.end] == e.text
        assert e.start < text.index("On Mon")  # nothing from the quoted history
    _offsets_hold("I w i l l  k i l l  y o u")


def test_abusive_email_suggests_no_reply_and_referral() -> None:
    v = screen("You are a useless idiot.", channel="email")
    assert {"no_reply", "refer_to_smt"} <= set(v.actions)
    assert "police_referral" not in v.actions


def test_threats_suggest_police_referral() -> None:
    v = screen("I know where you live.", channel="email")
    assert "threatening_communication" in v.categories
    assert "police_referral" in v.actions


def test_phone_channel_suggests_ending_the_call() -> None:
    v = screen("you stupid cow", channel="phone")
    assert "end_call" in v.actions


def test_legitimate_complaint_has_no_actions_and_a_low_score() -> None:
    v = screen("This is a disgrace, I have waited six weeks. I will go to the Ombudsman.")
    assert not v.flagged and v.actions == [] and v.score < 0.5


def test_social_media_category_only_on_social_media() -> None:
    text = "You useless idiots"
    assert "inappropriate_social_media" in screen(text, channel="social_media").categories
    assert "inappropriate_social_media" not in screen(text, channel="email").categories


def test_malicious_allegation_is_only_a_hint() -> None:
    alone = screen("Your advisor stole money from my account.")
    assert not alone.flagged
    assert alone.category_scores.get("malicious_allegation", 0) < 0.5
    with_abuse = screen("You stole my money, you lying scumbag.")
    assert with_abuse.flagged and "malicious_allegation" in with_abuse.categories


def test_mild_untargeted_swearing_is_low_severity_at_most() -> None:
    v = screen("Bloody hell, the form crashed again. Shit.")
    assert not v.flagged
    assert v.category_scores.get("abusive_language", 0) < 0.5


def test_screen_many_matches_screen_and_keeps_order() -> None:
    texts = ["hello", "you idiot", "I will kill you", "thanks for your help"]
    many = screen_many(texts)
    assert (
        [v.flagged for v in many]
        == [screen(t).flagged for t in texts]
        == [False, True, True, False]
    )


def test_rules_alone_work_without_a_model() -> None:
    s = Screener(None)
    assert s.screen("I know where you live").flagged
    assert s.model.version == "rules-only"


def test_empty_text() -> None:
    v = screen("")
    assert not v.flagged and v.evidence == []


WORDS = ["you ", "idiot", "kill ", "wrote:", "\u200b", "\u0455", "On Mon ", "-- \n", "said "]
PIECES = st.sampled_from([*"abdefiklmnorstuwyI .,!?'\">\n-*013@$", *WORDS, "are a ", "I will "])
TEXT = st.lists(PIECES, max_size=60).map("".join)


@given(TEXT)
def test_any_text_screens_and_evidence_always_quotes_the_original(text: str) -> None:
    verdict = screen(text)
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.flagged == bool(verdict.categories)
    for e in verdict.evidence:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
