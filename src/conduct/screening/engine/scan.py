"""Run a pattern only near the words it needs: long texts cost what their trigger words cost.

Python's `re` scans about 15 microseconds per KB per pattern whatever the pattern; with dozens of
patterns a 2 KB email would take milliseconds. A pattern that cannot match without one of its
needed words is run only on the sentences holding those words (found with `str.find`, which is
fast). Patterns are written not to cross sentence ends, so nothing is lost.
"""

from __future__ import annotations

import re
import sys
import threading
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator
from itertools import chain
from typing import Any

import numpy as np

SHORT = 400  # texts up to this long are scanned whole
BEFORE = 160
AFTER = 240


_BOUNDARY = re.compile(r"[.!?\n]")
_local = threading.local()
# (text, sentence boundary offsets, windows by needle, merged windows by set of needles): the
# last text scanned in this thread.
_Context = tuple[
    str,
    list[int],
    dict[str, list[tuple[int, int]]],
    dict[frozenset[str], list[tuple[int, int]]],
]


def _context(text: str) -> _Context:
    ctx: _Context | None = getattr(_local, "ctx", None)
    if ctx is None or (ctx[0] is not text and ctx[0] != text):
        ctx = (text, _boundaries(text), {}, {})
        _local.ctx = ctx
    return ctx


# Bytes to 1 for a sentence-ending character, 0 for any other (`bytes.translate` table).
_IS_BOUNDARY = bytes(1 if c in b".!?\n" else 0 for c in range(256))


def _boundaries(text: str) -> list[int]:
    """Offsets of the sentence-ending characters (`_BOUNDARY`); NumPy for ASCII text."""
    if text.isascii():
        marks = np.frombuffer(text.encode("ascii").translate(_IS_BOUNDARY), np.uint8)
        ends: list[int] = np.flatnonzero(marks).tolist()
        return ends
    return [m.start() for m in _BOUNDARY.finditer(text)]


def _needle_windows(text: str, needle: str) -> list[tuple[int, int]]:
    """Windows around each occurrence of `needle`, cached per text (rules share needles)."""
    return _windows_of(_context(text), needle)


def _windows_of(ctx: _Context, needle: str) -> list[tuple[int, int]]:
    """`_needle_windows` for the text of `ctx` (its sentence ends and caches at hand)."""
    cache = ctx[2]
    found: list[tuple[int, int]] | None = cache.get(needle)
    if found is not None:
        return found
    text, bounds = ctx[0], ctx[1]
    found = []
    i = text.find(needle)
    if i != -1:
        n, n_bounds, size = len(text), len(bounds), len(needle)
        while i != -1:
            end = i + size
            k = bisect_left(bounds, i)
            lo = bounds[k - 1] + 1 if k else 0
            if lo < i - BEFORE:
                lo = i - BEFORE
            if k < n_bounds and bounds[k] < end:  # a sentence end inside the needle (rare)
                k = bisect_left(bounds, end)
            hi = bounds[k] + 1 if k < n_bounds else n
            if hi > end + AFTER:
                hi = end + AFTER
            found.append((lo, hi))
            i = text.find(needle, end)
    cache[needle] = found
    return found


def windows(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """The sentences (or lines) holding the needles, merged; a needle in a long sentence gets
    a window of BEFORE/AFTER characters around it instead. Cached per set of needles (rules
    about the same group, for example, share theirs)."""
    ctx = _context(text)
    key = needles if isinstance(needles, frozenset) else None
    if key is not None:
        cached = ctx[3].get(key)
        if cached is not None:
            return cached
    chosen = needles if isinstance(needles, frozenset | set | list | tuple) else list(needles)
    if len(chosen) == 1:
        # One needle's windows are already in order: their starts and ends both grow with
        # the needle's offset.
        spans = _windows_of(ctx, next(iter(chosen)))
    else:
        spans = [w for needle in chosen for w in _windows_of(ctx, needle)]
        spans.sort()
    merged: list[tuple[int, int]] = []
    if spans:
        cur_lo, cur_hi = spans[0]
        for lo, hi in spans:
            if lo <= cur_hi:
                if hi > cur_hi:
                    cur_hi = hi
            else:
                merged.append((cur_lo, cur_hi))
                cur_lo, cur_hi = lo, hi
        merged.append((cur_lo, cur_hi))
    if key is not None:
        ctx[3][key] = merged
    return merged


class LazyPattern:
    """A regular expression compiled the first time it is used.

    Most rules never run in a given process (their needed words do not occur), and compiling
    all of them took about a third of the screener's start-up. `pattern` and `flags` are
    known without compiling; the matching methods compile once and then behave as
    `re.Pattern`'s.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags) | re.UNICODE  # what `re.compile` reports for a str pattern
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(text, pos, endpos)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


Pattern = re.Pattern[str] | LazyPattern


def finditer(
    pattern: Pattern,
    text: str,
    needs: frozenset[str],
    words: frozenset[str],
    near: Collection[str] | None = None,
) -> Iterator[re.Match[str]]:
    """Matches of `pattern` in `text`, given the text's `words`; empty `needs` scans it all.

    `near`: words of which every match holds one (as a substring); in a long text, only the
    windows holding one of them are scanned.

    Not a generator (rules call this for every text, most often to find nothing): the windows
    are worked out at once and the matches come from `re`'s own iterators."""
    if not needs or len(text) <= SHORT:
        if needs and needs.isdisjoint(words):
            return _NOTHING
        return pattern.finditer(text)
    present = needs & words
    if not present:
        return _NOTHING
    # The merged windows do not touch (each starts after the last one ends), so no match is
    # found twice.
    spans = windows(text, present)
    if near:  # every match holds one of these: skip the windows without any
        if len(spans) > 1 and len(near) > 1 and not any("\n" in w for w in near):
            # Which of them occur at all, in the windows' text put end to end (a string
            # without a newline cannot be found across two windows): most often none.
            joined = "\n".join([text[lo:hi] for lo, hi in spans])
            near = [w for w in near if w in joined]
            if not near:
                return _NOTHING
        if len(near) == 1:
            (w,) = near
            spans = [(lo, hi) for lo, hi in spans if text.find(w, lo, hi) != -1]
        else:
            spans = [(lo, hi) for lo, hi in spans if any(text.find(w, lo, hi) != -1 for w in near)]
        if not spans:
            return _NOTHING
    if len(spans) == 1:
        lo, hi = spans[0]
        return pattern.finditer(text, lo, hi)
    return chain.from_iterable([pattern.finditer(text, lo, hi) for lo, hi in spans])


_NOTHING: Iterator[re.Match[str]] = iter(())


def _top_level(pattern: str) -> list[tuple[int, str]]:
    """(offset, character) of the characters outside groups and character classes."""
    out: list[tuple[int, str]] = []
    depth = 0
    i = 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if depth == 0 and not in_class:
                out.append((i, ch))
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                out.append((i, ch))
        elif depth == 0:
            out.append((i, ch))
        i += 1
    return out


def _split_alternatives(body: str) -> list[str] | None:
    cuts = [i for i, ch in _top_level(body) if ch == "|"]
    if any(ch == "(" for _, ch in _top_level(body)):  # pragma: no cover - defensive
        return None
    parts = []
    last = 0
    for i in cuts:
        parts.append(body[last:i])
        last = i + 1
    parts.append(body[last:])
    return parts


_QUANTIFIERS = frozenset("?*+{")


def _anchor(alternative: str) -> str | None:
    """ "word..." as "w(?<=\\bw)ord...": the same matches, but starting with a literal."""
    if not alternative or not ("a" <= alternative[0] <= "z"):
        return None
    if alternative[1:2] and alternative[1] in _QUANTIFIERS:
        return None
    c = alternative[0]
    return f"{c}(?<=\\b{c}){alternative[1:]}"


def literal_start(pattern: Pattern) -> re.Pattern[str]:
    r"""The same pattern, rewritten so that `re` can skip ahead to where a match may start.

    `re` tries a pattern that starts with `\b` at every character (about 13 ns each), but one
    that starts with a literal, or with an alternation whose branches all start with literals,
    only where that literal is. `\b(?:stop|never)\s...` becomes
    `(?:s(?<=\bs)top|n(?<=\bn)ever)\s...`: the look-behind checks the same word boundary, the
    branches keep their order, no group is added, so the matches are the same. Patterns of
    another shape (several top-level branches, a quantified first group) are returned as
    they are (compiled, if they were lazy).
    """
    new = _literal_start_source(pattern.pattern, pattern.flags)
    if new is None:
        return pattern.compiled() if isinstance(pattern, LazyPattern) else pattern
    return re.compile(new, pattern.flags)


def _literal_start_source(src: str, flags: int) -> str | None:
    if not src.startswith("\\b") or src.startswith("\\b\\") or flags & re.IGNORECASE:
        return None
    rest = src[2:]
    top = _top_level(rest)
    if any(ch == "|" for _, ch in top):
        return None
    if rest.startswith("(?:"):
        close = next((i for i, ch in top if ch == ")"), None)
        if close is None or (rest[close + 1 : close + 2] in _QUANTIFIERS and rest[close + 1 :]):
            return None
        alternatives = _split_alternatives(rest[3:close])
        if alternatives is None:
            return None
        anchored = [_anchor(a) for a in alternatives]
        if any(a is None for a in anchored):
            return None
        new = "(?:" + "|".join(a for a in anchored if a is not None) + ")" + rest[close + 1 :]
    else:
        first = _anchor(rest)
        if first is None:
            return None
        new = first
    return new
