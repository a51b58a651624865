"""Restore disguised words: "1d10t", "f*ck", "i.d.i.o.t" and spaced-out letters
("f u c k  y o u") back to lexicon words, or None when the token is not one (`normalise.py`
finds the candidates and keeps the offsets).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import DEOBFUSCATION_WORDS

_LEET = str.maketrans({
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "i", "+": "t", "\u20ac": "e", "\u00a3": "l",
})  # fmt: skip

_LEET_L = str.maketrans(
    {
        "1": "l",
        "|": "l",
        "!": "l",
        "0": "o",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
    }
)

_SEPARATORS = re.compile(r"[ .\-_,~/]+")
_REPEATS = re.compile(r"([a-z])\1+")


_TEXTSPEAK = {"h8": "hate", "h8s": "hates", "h8e": "hate", "k1ll": "kill"}
# Misspellings that leetspeak often spells ("st00pid" reads "stoopid").
_MISSPELT = {"stoopid": "stupid", "stoopit": "stupid", "stupit": "stupid", "idjit": "idiot"}


def _skeleton(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


@lru_cache(maxsize=1)
def _skeleton_index() -> tuple[dict[str, str], dict[int, list[str]]]:
    index: dict[str, str] = {}
    by_len: dict[int, list[str]] = {}
    for word in sorted(DEOBFUSCATION_WORDS):
        key = _skeleton(word)
        if len(key) >= 3:
            index.setdefault(key, word)
        by_len.setdefault(len(word), []).append(word)
    for word in DEOBFUSCATION_WORDS:  # a word always maps to itself
        index[_skeleton(word)] = index.get(_skeleton(word), word)
    return index, by_len


def restore_word(token: str) -> str | None:
    """The lexicon word that `token` disguises, or None.

    >>> restore_word("1d10t"), restore_word("f*ck"), restore_word("i.d.i.o.t")
    ('idiot', 'fuck', 'idiot')
    """
    index, by_len = _skeleton_index()
    plain = _SEPARATORS.sub("", token)
    if plain in _TEXTSPEAK:
        return _TEXTSPEAK[plain]
    if "*" in plain:
        stem = plain.translate(_LEET)
        if not 3 <= len(stem) <= 20 or stem.count("*") >= len(stem) - 1:
            return None
        pattern = re.compile(re.escape(stem).replace(r"\*", "[a-z]"))
        for word in by_len.get(len(stem), ()):
            if pattern.fullmatch(word):
                return word
        stem_collapsed = re.sub(r"\*+", "*", stem)
        pattern = re.compile(re.escape(stem_collapsed).replace(r"\*", "[a-z]+"))
        for length in range(len(stem_collapsed), len(stem_collapsed) + 4):
            for word in by_len.get(length, ()):
                if pattern.fullmatch(word):
                    return word
        return None
    for variant in (plain, plain.translate(_LEET), plain.translate(_LEET_L)):
        if variant in _MISSPELT:
            return _MISSPELT[variant]
        if variant.isalpha():
            found = index.get(_skeleton(variant))
            if found is not None:
                return found
            # "idiots!!!" -> "idiots" followed by punctuation
            stripped = variant.rstrip("i")
            if stripped != variant and (found := index.get(_skeleton(stripped))) is not None:
                return found
    return None


# Short words that spaced-out abuse is made of besides lexicon words ("f u c k  y o u",
# "y o u  a r e  a n  i d i o t").
_GLUE = frozenset(
    {"you", "u", "ur", "are", "r", "a", "an", "i", "am", "is", "so", "such", "the", "your"}
    | {"go", "off", "up", "shut", "me", "my"}
)
_SEGMENT_WORDS = DEOBFUSCATION_WORDS | _GLUE
_SPACED = re.compile(r"(?:[a-z][ .\-_*,~/]{1,2}){2,}[a-z]")
_WORD_GAP = re.compile(r"[ .\-_*,~/]{2,}")


def _split_letters(letters: str) -> list[str] | None:
    """`letters` as the fewest words of `_SEGMENT_WORDS` ("fuckyou" -> fuck, you), or None."""
    best: list[list[str] | None] = [None] * (len(letters) + 1)
    best[0] = []
    for i in range(1, len(letters) + 1):
        for j in range(max(0, i - 20), i):
            head = best[j]
            if (
                head is not None
                and letters[j:i] in _SEGMENT_WORDS
                and (best[i] is None or len(head) + 1 < len(best[i] or ()))
            ):
                best[i] = [*head, letters[j:i]]
    return best[-1]


def restore_spaced(token: str) -> str | None:
    """Spaced-out words ("f u c k  y o u" -> "fuck you"), when at least one is a lexicon word.

    A gap of two or more separators ends a word; a run without gaps is split into the fewest
    words. Ordinary single letters ("a b c", "i.e.") are left alone.
    """
    if not _SPACED.fullmatch(token):
        return None
    words: list[str] = []
    for group in _WORD_GAP.split(token):
        letters = _SEPARATORS.sub("", group)
        if not letters:
            continue
        restored = restore_word(group) if len(letters) >= 3 else None
        split = [restored] if restored else _split_letters(letters)
        if split is None:
            return None
        words.extend(split)
    if len(words) < 2 or not any(w in DEOBFUSCATION_WORDS for w in words):
        return None
    return " ".join(words)
