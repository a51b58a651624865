"""Run a pattern only near the words it needs: long texts cost what their trigger words cost.

Python's `re` scans about 15 microseconds per KB per pattern whatever the pattern; with dozens of
patterns a 2 KB email would take milliseconds. A pattern that cannot match without one of its
needed words is run only on the sentences holding those words (found with `str.find`, which is
fast). Patterns are written not to cross sentence ends, so nothing is lost.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Iterator

SHORT = 400  # texts up to this long are scanned whole
BEFORE = 160
AFTER = 240


_BOUNDARY = re.compile(r"[.!?\n]")
_local = threading.local()
# (text, sentence boundary offsets, windows by needle): the last text scanned in this thread.
_Context = tuple[str, list[int], dict[str, list[tuple[int, int]]]]


def _needle_windows(text: str, needle: str) -> list[tuple[int, int]]:
    """Windows around each occurrence of `needle`, cached per text (rules share needles)."""
    ctx: _Context | None = getattr(_local, "ctx", None)
    if ctx is None or ctx[0] is not text:
        ctx = (text, [m.start() for m in _BOUNDARY.finditer(text)], {})
        _local.ctx = ctx
    _, bounds, cache = ctx
    found: list[tuple[int, int]] | None = cache.get(needle)
    if found is not None:
        return found
    found = []
    n = len(text)
    i = text.find(needle)
    while i != -1:
        end = i + len(needle)
        k = bisect_left(bounds, i)
        lo = max(bounds[k - 1] + 1 if k else 0, i - BEFORE)
        k = bisect_left(bounds, end)
        hi = min(bounds[k] + 1 if k < len(bounds) else n, end + AFTER)
        found.append((lo, hi))
        i = text.find(needle, end)
    cache[needle] = found
    return found


def windows(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """The sentences (or lines) holding the needles, merged; a needle in a long sentence gets
    a window of BEFORE/AFTER characters around it instead."""
    spans = sorted(w for needle in needles for w in _needle_windows(text, needle))
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def finditer(
    pattern: re.Pattern[str], text: str, needs: frozenset[str], words: frozenset[str]
) -> Iterator[re.Match[str]]:
    """Matches of `pattern` in `text`, given the text's `words`; empty `needs` scans it all."""
    if not needs:
        yield from pattern.finditer(text)
        return
    present = needs & words
    if not present:
        return
    if len(text) <= SHORT:
        yield from pattern.finditer(text)
        return
    seen: set[tuple[int, int]] = set()
    for lo, hi in windows(text, present):
        for m in pattern.finditer(text, lo, hi):
            if m.span() not in seen:
                seen.add(m.span())
                yield m
