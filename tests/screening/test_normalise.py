"""De-obfuscation, and that offsets always map back into the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conduct.screening.engine.normalise import normalise, restore_word


@pytest.mark.parametrize(
    ("disguised", "word"),
    [
        ("1d10t", "idiot"),
        ("f*ck", "fuck"),
        ("i.d.i.o.t", "idiot"),
        ("i d i o t", "idiot"),
        ("idiooooot", "idiot"),
        ("@$$hole", "asshole"),
        ("w@nker", "wanker"),
        ("st*pid", "stupid"),
        ("k1ll", "kill"),
    ],
)
def test_disguised_words_are_restored(disguised: str, word: str) -> None:
    assert restore_word(disguised) == word


@pytest.mark.parametrize("ordinary", ["10am", "e-mail", "2nd", "follow-up", "covid19", "a.m."])
def test_ordinary_tokens_are_left_alone(ordinary: str) -> None:
    assert normalise(ordinary).text == ordinary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You \uff29\uff24\uff29\uff2f\uff34", "you idiot"),  # full-width
        ("\u0455tup\u0456d", "stupid"),  # Cyrillic look-alikes
        ("id\u200biot", "idiot"),  # zero-width space
        ("na\u0308ive", "naive"),  # combining mark
        ("\U0001d422\U0001d41d\U0001d422\U0001d428\U0001d42d", "idiot"),  # mathematical bold
    ],
)
def test_unicode_tricks_are_folded(text: str, expected: str) -> None:
    assert normalise(text).text == expected


def test_span_maps_back_to_the_disguised_original() -> None:
    text = "Honestly, you are a 1d10t and a m0r0n."
    n = normalise(text)
    start = n.text.index("idiot")
    s, e = n.span_to_original(start, start + len("idiot"))
    assert text[s:e] == "1d10t"


ALPHABET = st.sampled_from(
    [
        *list("abcdefghijklmnopqrstuvwxyz ABC.,!*@$0137-_'\n"),
        "\u200b",
        "\u0301",
        "\u0455",
        "\uff29",
        "\U0001d422",
    ]
)


@given(st.text(alphabet=ALPHABET, max_size=80))
def test_every_normalised_span_maps_into_the_original(text: str) -> None:
    n = normalise(text)
    for i in range(len(n.text)):
        for j in (i + 1, min(len(n.text), i + 5)):
            s, e = n.span_to_original(i, j)
            assert 0 <= s <= e <= len(text)
