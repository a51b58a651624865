"""Undo obfuscation while keeping a map back to the original character offsets.

Steps, each cheap on ordinary text:
1. a one-to-one character table: lower case, Unicode look-alikes (Cyrillic, Greek, full-width,
   mathematical letters) to ASCII; zero-width characters and combining marks are dropped;
2. disguised words ("1d10t", "f*ck", "i.d.i.o.t", "i d i o t", "idiooooot") are restored, but
   only when the result is a word in the lexicon, so ordinary text ("10am", "e-mail") is left
   alone.

`Normalised.span_to_original` maps a span of the normalised text back into the input.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from .restore import restore_spaced, restore_word

__all__ = ["Normalised", "fold", "normalise", "restore_spaced", "restore_word", "word_set"]

_DROP = "\x00"
_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u034f\u180e"

# Look-alikes that Unicode normalisation does not fold to ASCII.
_CONFUSABLES = {
    "\u0430": "a", "\u0432": "b", "\u0435": "e", "\u0451": "e", "\u043a": "k", "\u043c": "m", "\u043d": "h", "\u043e": "o", "\u0440": "p",
    "\u0441": "c", "\u0442": "t", "\u0443": "y", "\u0445": "x", "\u0455": "s", "\u0456": "i", "\u0457": "i", "\u0458": "j", "\u0501": "d",
    "\u04bb": "h", "\u051b": "q", "\u051d": "w", "\u0261": "g", "\u0269": "i", "\u0578": "n", "\u057d": "u", "\u03b1": "a", "\u03b2": "b",
    "\u03b5": "e", "\u03b7": "n", "\u03b9": "i", "\u03ba": "k", "\u03bd": "v", "\u03bf": "o", "\u03c1": "p", "\u03c4": "t", "\u03c5": "u",
    "\u03c7": "x", "\u03c9": "w", "\u03f2": "c", "\u2113": "l", "\u0131": "i", "\u0111": "d",
    "\u0142": "l", "\u00e6": "a", "\u0153": "o", "\u0127": "h", "\u0167": "t", "\u00f8": "o",
}  # fmt: skip


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [
        (0x00C0, 0x024F),  # Latin-1 supplement, Latin extended A/B
        (0x0370, 0x052F),  # Greek, Cyrillic
        (0x1D00, 0x1DBF),  # phonetic extensions (small capitals)
        (0x1E00, 0x1EFF),  # Latin extended additional
        (0x2100, 0x214F),  # letterlike symbols
        (0x2460, 0x24FF),  # enclosed alphanumerics
        (0xFF00, 0xFF5E),  # full-width forms
        (0x1D400, 0x1D7FF),  # mathematical alphanumerics
        (0x1F130, 0x1F189),  # squared / negative squared letters
    ]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            decomposed = unicodedata.normalize("NFKD", ch)
            base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
            if len(base) == 1 and base.isascii() and base.isalnum():
                table[cp] = base
    for src, dst in _CONFUSABLES.items():
        table[ord(src)] = dst
        table[ord(src.upper())] = dst if src.upper() != src else table.get(ord(src), dst)
    for ch in _ZERO_WIDTH:
        table[ord(ch)] = _DROP
    for cp in range(0x0300, 0x0370):  # combining diacritical marks (also "zalgo" text)
        table[cp] = _DROP
    for cp in range(0xFE00, 0xFE10):  # variation selectors
        table[cp] = _DROP
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    # Typographic quotes and dashes to ASCII, so patterns need only one form.
    for ch in "\u2018\u2019\u201b\u2032\u02bc":
        table[ord(ch)] = "'"
    for ch in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb":
        table[ord(ch)] = '"'
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015":
        table[ord(ch)] = "-"
    table[0x00A0] = " "
    return table


_tables: list[dict[int, str]] = []  # the table, built the first time a non-ASCII text comes


def _table() -> dict[int, str]:
    if not _tables:
        _tables.append(_build_table())
    return _tables[0]


# Disguised-word candidates: letters mixed with leet symbols or masks, letters split by
# punctuation or single spaces, or letters repeated three or more times.
_W = "[a-z0-9@$!|+\u20ac\u00a3*\x00]"
_SYMBOL = "[0-9@$!|+\u20ac\u00a3*\x00]"
_CANDIDATE = re.compile(
    rf"(?<![\w@$*\x00])"
    rf"(?:"
    rf"(?:[a-z][ .\-_*,~/]{{1,2}}){{2,}}[a-z](?![a-z])"  # i d i o t, i.d.i.o.t
    rf"|(?={_W}*{_SYMBOL}){_W}*[a-z]{_W}*(?:[.\-_~]{_W}+)*"  # 1d10t, f*ck, sh!t
    rf"|[a-z]+(?:[.\-_~][a-z0-9]+)+"  # id.iot, f-u-c-k
    rf"|[a-z]*([a-z])\1\1[a-z]*"  # idiooooot
    rf")"
)
# Cheap detectors (each starts with a character class, which `re` scans fast) of the places
# where a disguised word may be; `_CANDIDATE` then runs only around them.
_HINTS = (
    re.compile(rf"{_SYMBOL}(?:(?<=[a-z].)|(?=[a-z]))"),  # symbol touching a letter
    re.compile(r"[.\-_~](?<=[a-z].)(?=[a-z0-9])"),  # punctuation inside a word
    re.compile(r"[ .\-_*,~/](?<=(?<![a-z])[a-z].)(?=[ .\-_*,~/]?[a-z][ .\-_*,~/])"),  # i d i o t
    re.compile(r"([a-z])\1\1"),  # idiooot
)


_LETTER = np.zeros(256, dtype=bool)
_LETTER[ord("a") : ord("z") + 1] = True
_SEP = np.zeros(256, dtype=bool)
_SEP[list(b" .-_*,~/")] = True


def _rare_hints(folded: str) -> tuple[bool, bool]:
    """Whether `_HINTS[2]` (single letters between separators) and `_HINTS[3]` (a letter
    three times) can match: a NumPy test over the bytes of ASCII text, cheaper than running
    those two patterns, which try a match at almost every character.
    It is exact (the same conditions as the patterns), so the patterns run only when it says
    they will find something."""
    if not folded.isascii() or len(folded) < 3:
        return True, True
    n = len(folded)
    # Two zero bytes before and three after (neither letters nor separators), so that every
    # neighbour below exists: text offset p is array index p + 2.
    b = np.frombuffer(b"\0\0" + folded.encode("ascii") + b"\0\0\0", dtype=np.uint8)
    letter = _LETTER[b]
    sep = _SEP[b]
    # a letter three times: b[i] == b[i+1] == b[i+2], b[i] in a-z
    triple = bool((letter[2:n] & (b[2:n] == b[3 : n + 1]) & (b[3 : n + 1] == b[4 : n + 2])).any())
    # "i d i o t": at separator p, b[p-1] a letter not after a letter, then an optional
    # separator, a letter and a separator.
    single = (
        sep[2 : n + 2]
        & letter[1 : n + 1]
        & ~letter[0:n]
        & (
            (letter[3 : n + 3] & sep[4 : n + 4])
            | (sep[3 : n + 3] & letter[4 : n + 4] & sep[5 : n + 5])
        )
    )
    return bool(single.any()), triple


def _candidates(folded: str) -> list[re.Match[str]]:
    spaced, tripled = _rare_hints(folded)
    hints = _HINTS[:2] + ((_HINTS[2],) if spaced else ()) + ((_HINTS[3],) if tripled else ())
    starts = sorted({m.start() for hint in hints for m in hint.finditer(folded)})
    found: list[re.Match[str]] = []
    end = 0
    for i in starts:
        if i < end:
            continue
        lo = max(folded.rfind(" ", 0, i), folded.rfind("\n", 0, i), i - 40, end - 1) + 1
        for m in _CANDIDATE.finditer(folded, lo, min(len(folded), i + 80)):
            if m.start() >= end and m.end() > i:
                found.append(m)
                end = m.end()
                break
    return found


_SPLIT = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789", " "))
_SPLIT_BYTES = bytes.maketrans(
    "".join(map(chr, _SPLIT)).encode("ascii"), b" " * len(_SPLIT)
)  # the same for the bytes of ASCII text (`bytes.translate` is several times faster)


def fold(text: str) -> str:
    """Lower case and look-alikes folded, one character for one: offsets are unchanged."""
    return text.lower() if text.isascii() else text.translate(_table())


_last_words = threading.local()


def word_set(lowered: str) -> frozenset[str]:
    """The words of lower-case text ("don't" gives "don" and "t"); fast: no regex.

    The last result (per thread) is kept: a message with nothing to set aside and nothing to
    restore asks for the words of the same text twice (for quotes, then for rules).
    """
    last: tuple[str, frozenset[str]] | None = getattr(_last_words, "value", None)
    if last is not None and last[0] == lowered:
        return last[1]
    if lowered.isascii():
        words = frozenset(lowered.encode("ascii").translate(_SPLIT_BYTES).decode("ascii").split())
    else:
        words = frozenset(lowered.translate(_SPLIT).split())
    _last_words.value = (lowered, words)
    return words


@dataclass(frozen=True)
class Normalised:
    """Normalised text, and how its offsets map back to the text that was normalised."""

    text: str
    # Segments: (normalised start, original start, original end, copied one-to-one?)
    _norm_starts: tuple[int, ...]
    _segments: tuple[tuple[int, int, bool], ...]
    original_length: int

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map [start, end) of the normalised text to a span of the original text."""
        if not self._segments:
            return start, end
        if end <= start:
            end = start + 1
        return self._position(start, is_end=False), self._position(end - 1, is_end=True)

    def _position(self, pos: int, *, is_end: bool) -> int:
        i = max(bisect_right(self._norm_starts, pos) - 1, 0)
        n_start = self._norm_starts[i]
        o_start, o_end, one_to_one = self._segments[i]
        if one_to_one:
            return min(o_start + (pos - n_start) + (1 if is_end else 0), self.original_length)
        return o_end if is_end else o_start


def normalise(text: str) -> Normalised:
    """Fold look-alikes and restore disguised words; see the module docstring."""
    folded = fold(text)
    if len(folded) != len(text):  # pragma: no cover - the table maps one char to one char
        raise AssertionError("normalisation table must be one-to-one")
    pieces: list[str] = []
    norm_starts: list[int] = []
    segments: list[tuple[int, int, bool]] = []
    out_len = 0
    changed = False

    def copy(o_start: int, o_end: int) -> None:
        nonlocal out_len
        if o_end > o_start:
            piece = folded[o_start:o_end]
            if _DROP in piece:
                # drop characters one by one, keeping the map exact
                run_start = o_start
                for k in range(o_start, o_end + 1):
                    if k == o_end or folded[k] == _DROP:
                        if k > run_start:
                            norm_starts.append(out_len)
                            segments.append((run_start, k, True))
                            pieces.append(folded[run_start:k])
                            out_len += k - run_start
                        run_start = k + 1
                return
            norm_starts.append(out_len)
            segments.append((o_start, o_end, True))
            pieces.append(piece)
            out_len += o_end - o_start

    def replace(o_start: int, o_end: int, new: str) -> None:
        nonlocal out_len
        norm_starts.append(out_len)
        segments.append((o_start, o_end, False))
        pieces.append(new)
        out_len += len(new)

    last = 0
    has_drop = _DROP in folded
    for m in _candidates(folded):
        token = m.group().rstrip("!|")  # "idiot!!" keeps its exclamation marks
        word = restore_word(token.replace(_DROP, ""))
        if word is None:
            word = restore_spaced(token.replace(_DROP, ""))
        if word is None or word == token:
            continue
        copy(last, m.start())
        replace(m.start(), m.start() + len(token), word)
        last = m.start() + len(token)
        changed = True
    if not changed and not has_drop:
        return Normalised(folded, (), (), len(text))
    copy(last, len(folded))
    return Normalised("".join(pieces), tuple(norm_starts), tuple(segments), len(text))
