"""Keeping user-supplied text from reordering the words around it. No Django.

On pages such text sits in ``<bdi>``. Where markup cannot go (a page title, a
letter's plain-text sentences) the Unicode isolates do the same job.
"""

from __future__ import annotations

import unicodedata

# Right-to-left letters and the explicit direction controls (embeddings,
# overrides, isolates): text holding any of them can reorder what follows it.
_BIDI_CLASSES = frozenset(
    {"R", "AL", "AN", "RLE", "LRE", "RLO", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}
)


def isolate(text: str) -> str:
    """``text`` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE when it holds
    right-to-left letters or direction controls; other text is returned as it is."""
    if any(unicodedata.bidirectional(ch) in _BIDI_CLASSES for ch in text):
        return f"\u2068{text}\u2069"
    return text
