"""The speed-ups give exactly what the plain code they replace gives.

Each fast path (bigram lookup with NumPy, the pre-filter of rules by word, reported speech tried
only at reporting words, the NumPy test before the obfuscation hints, the "wrote:" search start)
is compared with the straightforward computation on generated text.
"""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from conduct.screening.engine import emailparse, features, quotes, rules, scan
from conduct.screening.engine.identity import GROUP_RULES
from conduct.screening.engine.normalise import _HINTS, _rare_hints, fold, restore_spaced, word_set

_WORDS = [
    *[
        "he",
        "she",
        "they",
        "him",
        "her",
        "people",
        "someone",
        "was",
        "were",
        "is",
        "got",
        "called",
        "calls",
        "call",
        "said",
        "says",
        "told",
        "me",
        "us",
        "claims",
        "court",
        "tells",
        "wrote",
        "i",
        "we",
        "that",
        "idiot",
        "you",
        "your",
        "useless",
        "fuck",
        "off",
        "hate",
        "kill",
        "immigrants",
        "women",
        "disabled",
        ".",
        ",",
        "!",
        "?",
        ";",
        "said_",
        "unsaid",
        "but",
        "know",
        "where",
        "live",
        "watch",
        "back",
    ],
    *[" ", "  ", "\n", "\t"],
]


def _texts(seed: int, n: int, max_words: int) -> list[str]:
    rng = random.Random(seed)
    return [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, max_words))) for _ in range(n)
    ]


def test_hashed_scores_equal_the_training_matrix() -> None:
    texts = [*_texts(3, 60, 80), "", "   ", "a", "you're an id1ot!!", "x\x01y", "caf\u00e9 \ud800"]
    rng = np.random.default_rng(0)
    weights = rng.standard_normal((features.N_FEATURES, 3)).astype(np.float32)
    expected = features.matrix(texts).astype(np.float64) @ weights.astype(np.float64)
    np.testing.assert_allclose(features.scores(texts, weights), expected, rtol=1e-4, atol=1e-5)


def test_word_store_scores_equal_the_hashed_scores() -> None:
    texts = [*_texts(5, 80, 80), "", "   ", "a", "you're an id1ot!!", "x\x01y", "caf\u00e9 \ud800"]
    rng = np.random.default_rng(1)
    weights = rng.standard_normal((features.N_FEATURES, 4)).astype(np.float32)
    expected = features.scores(texts, weights)
    scorer = features.Scorer(weights, max_words=50)  # small: the store starts again mid-way
    for _ in range(2):  # the second time every word is known (or the store was reset)
        for i in range(0, len(texts), 7):
            got = scorer.scores(texts[i : i + 7])
            np.testing.assert_allclose(got, expected[i : i + 7], rtol=1e-12, atol=1e-12)
    assert scorer.scores([]).shape == (0, 4)


def test_character_ngrams_are_those_of_char_wb() -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    analyse = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    checked = 0
    for text in [*_texts(4, 40, 30), "you are really stupid", "i'll find where you live"]:
        words = text.translate(features._PUNCT).split()
        if any(len(w) < 3 for w in words):
            continue  # char_wb emits a padded word shorter than n once more; we do not
        _, _, per_row = features.ngrams([text])
        n_words = len(words) + max(len(words) - 1, 0)
        assert per_row[0] == len(analyse(" ".join(words))) + n_words
        checked += 1
    assert checked >= 2


def test_rule_prefilter_runs_the_same_rules() -> None:
    for text in _texts(1, 120, 60):
        words = word_set(text)
        for rule_list in (rules.RULES, GROUP_RULES):
            plain: list[rules.Hit] = []
            for rule in rule_list:
                if rule.also_needs and rule.also_needs.isdisjoint(words):
                    continue
                for m in scan.finditer(rule.pattern, text, rule.needs, words):
                    if rule.check_negation and rules.negated(text, m.start()):
                        continue
                    plain.append(rules.Hit(rule.category, m.start(), m.end(), rule.score, rule.why))
                    plain.extend(
                        rules.Hit(c, m.start(), m.end(), rule.score, rule.why) for c in rule.also
                    )
            assert rules.apply(rule_list, text, words) == plain


def test_reported_speech_matches_scanning_every_character() -> None:
    for text in _texts(2, 800, 30) + _texts(3, 150, 200):
        words = word_set(text)
        plain = scan.finditer(quotes._REPORTED_ANY, text, quotes._REPORTING_WORDS, words)
        assert [m.span() for m in quotes._reported(text, words)] == [m.span() for m in plain]


def test_reported_speech_opening_one_word_before_the_reporting_word() -> None:
    # Matches that start at the word before the reporting word ("was called", "they say"),
    # beside words before one that cannot open a match ("nobody called", "i said").
    texts = [
        "i was called a liar by your manager. nobody called me back",
        "they say you are useless. he  call people names\tand she shout at staff",
        "we got branded as thieves. i said no. people write rubbish. them  calls you names",
        "2people say things. x-was called out. someone\nwrite that you are vile",
        "i am labelled a troublemaker, he says; getting called stupid. somebody called me a fool",
    ]
    for text in texts:
        words = word_set(text)
        plain = scan.finditer(quotes._REPORTED_ANY, text, quotes._REPORTING_WORDS, words)
        expected = [m.span() for m in plain]
        assert [m.span() for m in quotes._reported(text, words)] == expected
        assert expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeio .-_*,~/!1\n", max_size=60))
def test_rare_hint_test_is_exact(text: str) -> None:
    spaced, tripled = _rare_hints(text)
    if len(text) >= 3:
        assert spaced == any(True for _ in _HINTS[2].finditer(text))
        assert tripled == any(True for _ in _HINTS[3].finditer(text))


def test_wrote_header_search_start_finds_the_same_headers() -> None:
    email = (
        "Thanks.\n\nOn Mon, 3 Mar 2025 at 10:12, John\n<john@example.com> wrote:\n> hi\n"
        "More text\nJane wrote:\nold stuff"
    )
    start = emailparse._wrote_search_start(email)
    assert [m.span() for m in emailparse._WROTE.finditer(email, start)] == [
        m.span() for m in emailparse._WROTE.finditer(email)
    ]
    assert emailparse._wrote_search_start("no header here") == 0


def test_spaced_letters_are_restored_only_to_lexicon_words() -> None:
    assert restore_spaced("f u c k  y o u") == "fuck you"
    assert restore_spaced("f u c k y o u") == "fuck you"
    assert restore_spaced("y o u  a r e  a n  i d i o t") == "you are an idiot"
    assert restore_spaced("a b c") is None
    assert restore_spaced("i.e. a") is None
    assert restore_spaced("j r r") is None


def test_literal_start_rewrite_finds_the_same_matches() -> None:
    from conduct.screening.engine.api import prepare
    from conduct.screening.engine.suite import CASES

    texts = [prepare(c.text).norm.text for c in CASES] + _texts(4, 200, 40)
    patterns = [r.pattern for r in rules.RULES + GROUP_RULES]
    rewritten = 0
    for pattern in patterns:
        fast = scan.literal_start(pattern)
        if fast is pattern:
            continue
        rewritten += 1
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in pattern.finditer(text)
            ], (pattern.pattern, text)
            lo, hi = len(text) // 3, 2 * len(text) // 3
            assert [m.span() for m in fast.finditer(text, lo, hi)] == [
                m.span() for m in pattern.finditer(text, lo, hi)
            ]
    assert rewritten > 40


def test_literal_start_leaves_other_shapes_alone() -> None:
    import re

    for source in (r"\bx|\by", r"\b(?:a|b)?c", r"(?<!x)\bword", r"\b\w+"):
        pattern = re.compile(source)
        assert scan.literal_start(pattern) is pattern
    assert scan.literal_start(re.compile(r"\b(?:stop|never)\s+x")).pattern == (
        r"(?:s(?<=\bs)top|n(?<=\bn)ever)\s+x"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Thanks,\n",
                "Regards,\n",
                "  Kind Regards\n",
                "best\n",
                "x",
                "\n",
                " ",
                "Cheers!\n",
                "thank you.\t\n",
                "BEST wishes,\n",
                "ok\n",
                "rgds",
                "KR\n",
                "Yours faithfully,\n",
                "é",
            ]
        ),
        max_size=12,
    )
)
def test_sign_off_search_finds_the_same_lines(parts: list[str]) -> None:
    text = "".join(parts)
    assert emailparse._sign_offs(text) == [m.span() for m in emailparse._SIGN_OFF.finditer(text)]


def test_group_rules_scan_the_same_matches_in_long_texts() -> None:
    """In a long text, a group rule whose matches hold a predicate word scans only the windows
    that hold one (`Rule.also_in_match`): the same hits as scanning every window."""
    from conduct.screening.engine.api import prepare
    from conduct.screening.engine.suite import CASES

    rng = random.Random(11)
    filler = [
        "My neighbour, who is disabled, has had exactly the same experience with your branch.",
        "I want a full refund and I have been waiting for a simple answer.",
        "Nobody called, and when I phoned I was told it had been escalated.",
    ]
    cases = [prepare(c.text).norm.text for c in CASES]
    assert any(r.also_in_match for r in GROUP_RULES)
    for _ in range(300):
        parts = rng.sample(cases, 3) + rng.sample(filler, 2) + rng.sample(_WORDS, 20)
        rng.shuffle(parts)
        text = " ".join(parts) + " " + " ".join(filler)
        assert len(text) > scan.SHORT
        words = word_set(text)
        plain: list[rules.Hit] = []
        for rule in GROUP_RULES:
            if rule.also_needs and rule.also_needs.isdisjoint(words):
                continue
            for m in scan.finditer(rule.pattern, text, rule.needs, words):
                if rule.check_negation and rules.negated(text, m.start()):
                    continue
                plain.append(rules.Hit(rule.category, m.start(), m.end(), rule.score, rule.why))
                plain.extend(
                    rules.Hit(c, m.start(), m.end(), rule.score, rule.why) for c in rule.also
                )
        assert rules.apply(GROUP_RULES, text, words) == plain


def test_counter_speech_cue_matches_hold_their_near_strings() -> None:
    """`quotes._CUE_NEAR`: every match of such a cue holds one of its strings, so a text or
    window without any of them can be skipped."""
    from conduct.screening.engine.suite import CASES

    texts = [c.text.lower() for c in CASES] + _texts(6, 300, 60)
    texts += [
        "if you call them people that is wrong. saying they are vermin is not ok.",
        "comments like that, people who say such things, if anyone says muslims are bad.",
    ]
    checked = 0
    for (_, cue), near in zip(quotes._COUNTER_CUES, quotes._CUE_NEAR, strict=True):
        if near is None:
            continue
        for text in texts:
            for m in cue.finditer(text):
                assert any(w in m.group() for w in near), (cue.pattern, m.group())
                checked += 1
    assert checked >= 3


def test_counter_speech_cue_matches_pass_their_gates() -> None:
    """`quotes._CUE_GATE`: every match of such a cue holds the gate's word followed as the
    gate says, so a text where no occurrence of the word is followed so can be skipped."""
    from conduct.screening.engine.suite import CASES

    texts = [c.text.lower() for c in CASES] + _texts(7, 300, 60)
    texts += [
        "people who say such things, those who\tcall names, someone who  thinks, anyone who uses",
        "if you call people names. if anyone says that muslims are. if  somebody\ncalls women that",
        "if i do not hear from you. the whole team, who is disabled, different if ok",
    ]
    checked = 0
    for (_, cue), gate in zip(quotes._COUNTER_CUES, quotes._CUE_GATE, strict=True):
        if gate is None:
            continue
        word, after = gate
        for text in texts:
            for m in cue.finditer(text):
                held = m.group()
                i = held.find(word)
                assert i != -1 and after.match(held, i + len(word)), (cue.pattern, held)
                assert quotes._gate_open(text, gate)
                checked += 1
            if not quotes._gate_open(text, gate):
                assert cue.search(text) is None
    assert checked >= 8


def test_disability_taunt_needs_are_and_is_still_found_in_a_long_text() -> None:
    filler = "I have been waiting six weeks for a simple answer to my complaint. " * 12
    for taunt in ("are you deaf", "Are  you blind", "ARE YOU THICK", "are you simple"):
        text = fold(f"{filler}{taunt}? {filler}")
        words = word_set(text)
        hits = [
            h for h in rules.apply(GROUP_RULES, text, words) if h.why == "taunt about disability"
        ]
        assert [text[h.start : h.end] for h in hits] == [taunt.lower()]
    text = fold(filler)
    assert not [h for h in rules.apply(GROUP_RULES, text, word_set(text)) if "taunt" in h.why]
