"""Turning bytes of unknown or wrong encoding into readable text."""

from __future__ import annotations

import codecs
import html
import re

from charset_normalizer import from_bytes

_MOJIBAKE = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u017d\u017e\u0178]"
)
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,2000}>", re.IGNORECASE | re.DOTALL)
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def known_charset(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip('"')).name
    except (LookupError, ValueError):
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Text from ``data``: the declared charset if it fits, else UTF-8, else a detected one.

    Returns (text, problems); problems name what was wrong, never the text.
    """
    problems: list[str] = []
    charset = known_charset(declared)
    if declared and charset is None:
        problems.append(f"unknown charset {declared[:40]!r}")
    candidates = [c for c in (charset, "utf-8") if c]
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            if name == charset:
                problems.append(f"text is not valid {charset}")
            continue
        return fix_mojibake(clean(text)), problems
    ascii_share = sum(1 for b in data[:20000] if b < 128) / max(len(data[:20000]), 1)
    if ascii_share > 0.9:
        # Mostly ASCII with a few high bytes: Western mail in Windows-1252/Latin-1.
        problems.append("charset guessed as Windows-1252")
        return clean(data.decode("cp1252", errors="replace")), problems
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return fix_mojibake(clean(data.decode(best.encoding, errors="replace"))), problems
    problems.append("text decoded with replacement characters")
    return clean(data.decode("utf-8", errors="replace")), problems


def clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1/Windows-1252 ('cafÃ©' -> 'café') when that is clearly it."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return repaired
    return text


def html_to_text(markup: str) -> str:
    text = re.sub(r"<\s*(br|/p|/div|/li|/tr|/h\d)\b[^>]*>", "\n", markup, flags=re.IGNORECASE)
    text = html.unescape(_TAGS.sub("", text))
    return _BLANK_LINES.sub("\n\n", text).strip()


def looks_binary(data: bytes) -> bool:
    """True for data that is not text at all (NUL bytes or mostly control bytes)."""
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.1
