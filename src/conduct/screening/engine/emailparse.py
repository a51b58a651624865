"""Find the parts of a message that are not the sender's own words.

Quoted reply history (`>` lines, "On ... wrote:", "-----Original Message-----", Outlook
"From:/Sent:" blocks), forwarded messages, signatures and disclaimers. The result is a list of
`Span`s into the original text; `mask` blanks them out with spaces so that every later offset
still points into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    reason: str


_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_WROTE = re.compile(
    r"^[ \t]*(?:on\b[^\n]{0,200}?(?:\n[^\n]{0,120}?)?\bwrote:|[^\n]{0,120}?\bwrote:)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_HISTORY_TO_END = re.compile(
    r"^[ \t]*(?:"
    r"-{2,}\s*original message\s*-{2,}"
    r"|-{2,}\s*forwarded message\s*-{2,}"
    r"|begin forwarded message:"
    r"|_{10,}"
    r"|from:[^\n]*\n(?:[ \t]*\S[^\n]*\n){0,2}[ \t]*(?:sent|date):"
    r")",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_TO_END = re.compile(
    r"^(?:-- ?|--|sent from my \w+[^\n]*|get outlook for \w+[^\n]*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:kind(?:est)? regards|best regards|warm regards|regards|best wishes|many thanks"
    r"|thanks(?: again)?|thank you|yours sincerely|yours faithfully|yours truly|sincerely"
    r"|cheers|best|rgds|kr)[ \t]*[,.!]?[ \t]*\n",
    re.IGNORECASE | re.MULTILINE,
)
_DISCLAIMER = re.compile(
    r"^[ \t]*(?:disclaimer|confidentiality notice|this (?:e-?mail|message|communication)"
    r"(?: and any (?:files|attachments)[^\n]*?)? (?:is|are|may be) (?:confidential|intended))"
    r"[\s\S]*?(?:\n[ \t]*\n|\Z)",
    re.IGNORECASE | re.MULTILINE,
)

# The same, for lower-case ASCII text after a newline: starting with a literal, `re` jumps from
# one line to the next instead of trying the alternation at every character.
_SIGN_OFF_LINE = re.compile("\n" + _SIGN_OFF.pattern.removeprefix("^"), re.MULTILINE)


def _sign_offs(text: str) -> list[tuple[int, int]]:
    """Spans of `_SIGN_OFF.finditer(text)`, in order (faster for ASCII text)."""
    if not text.isascii():  # `lower()` matches `IGNORECASE` exactly only on ASCII
        return [m.span() for m in _SIGN_OFF.finditer(text)]
    lined = "\n" + text.lower()  # offset k of `text` is k + 1 here
    out: list[tuple[int, int]] = []
    pos = 0
    while (m := _SIGN_OFF_LINE.search(lined, pos)) is not None:
        out.append((m.start(), m.end() - 1))
        # A match ends with a newline, which may begin the next one ("Thanks,\nRegards,\n").
        pos = m.end() - 1
    return out


_HISTORY_KEYS = ("original message", "forward", "from:", "__________")
_SIGNATURE_KEYS = ("--", "sent from my", "get outlook")
_SECOND_PERSON = re.compile(r"\b(?:you|your|u|ur|yours)\b", re.IGNORECASE)


def _next_nonblank_line(text: str, pos: int) -> str:
    for line in text[pos:].split("\n", 6)[:6]:
        if line.strip():
            return line
    return ""


def history_spans(text: str) -> list[Span]:
    """Spans of quoted history, forwarded messages, signatures and disclaimers."""
    spans: list[Span] = []
    if ">" in text:
        spans.extend(
            Span(m.start(), m.end(), "quoted reply line") for m in _QUOTED_LINE.finditer(text)
        )
    has_colon = ":" in text  # (one character: found much faster than a word)
    if has_colon and ("wrote:" in text or "Wrote:" in text or "WROTE:" in text):
        for m in _WROTE.finditer(text, _wrote_search_start(text)):
            if _next_nonblank_line(text, m.end() + 1).lstrip().startswith(">"):
                spans.append(Span(m.start(), m.end(), "reply header"))
            else:
                spans.append(Span(m.start(), len(text), "quoted reply history"))
                break
    lowered = text.lower()
    # Every form of `_HISTORY_TO_END` holds a "-", ":" or "_".
    history = (
        _HISTORY_TO_END.search(text)
        if (has_colon or "-" in text or "_" in text) and any(k in lowered for k in _HISTORY_KEYS)
        else None
    )
    if history:
        kind = (
            "forwarded message" if "forward" in history.group().lower() else "quoted reply history"
        )
        spans.append(Span(history.start(), len(text), kind))
    sig = _SIGNATURE_TO_END.search(text) if any(k in lowered for k in _SIGNATURE_KEYS) else None
    if sig:
        spans.append(Span(sig.start(), len(text), "signature"))
    # A sign-off counts as a signature only at the end of the sender's own text.
    own = mask(text, merge(spans))
    for start, stop in _sign_offs(own):
        end = _signature_block_end(own, stop)
        if end is not None:
            spans.append(Span(start, end, "signature"))
            break
    disclaimers = (
        _DISCLAIMER.finditer(text) if "disclaimer" in lowered or "confidential" in lowered else ()
    )
    for m in disclaimers:
        spans.append(Span(m.start(), m.end(), "disclaimer"))
    return merge(spans)


def _wrote_search_start(text: str) -> int:
    """Where a "... wrote:" header can start: at most one line above the first "wrote:".

    `_WROTE` tries up to 200 characters at every line start, so running it only from there
    saves most of its cost; no match can end before the first "wrote:", so nothing changes.
    """
    lowered = text.lower()
    first = lowered.find("wrote:")
    if len(lowered) != len(text) or first < 0:
        return 0  # lower() changed the length (rare Unicode): offsets would not fit
    line = text.rfind("\n", 0, first)
    if line <= 0:
        return 0
    return text.rfind("\n", 0, line) + 1


def _signature_block_end(text: str, pos: int) -> int | None:
    """End of a short name/contact block after a sign-off, or None if prose follows."""
    end = pos
    lines = 0
    while end < len(text) and lines < 8:
        nl = text.find("\n", end)
        line_end = len(text) if nl == -1 else nl
        line = text[end:line_end]
        if len(line.strip()) > 60 or _SECOND_PERSON.search(line):
            return None
        end = line_end if nl == -1 else nl + 1
        lines += 1
        if nl == -1:
            break
    if end < len(text) and text[end:].strip():
        return None  # more prose follows: not a signature at the end of the message
    return len(text)


def merge(spans: list[Span]) -> list[Span]:
    """Sort and merge overlapping spans (the first reason wins)."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start <= out[-1].end:
            last = out[-1]
            if s.end > last.end:
                out[-1] = Span(last.start, s.end, last.reason)
        else:
            out.append(s)
    return out


def mask(text: str, spans: list[Span]) -> str:
    """Replace the characters in `spans` with spaces (newlines kept): same length as `text`."""
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for s in spans:
        parts.append(text[last : s.start])
        parts.append("\n".join(" " * len(line) for line in text[s.start : s.end].split("\n")))
        last = s.end
    parts.append(text[last:])
    return "".join(parts)
