"""Plain rules about communications: identity for dedup, near-duplicates, information
requests, threads, and the redacted preview. No Django imports."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

_WORDS = re.compile(r"[a-z]+")
_QUOTED = re.compile(r"^\s*>.*$", re.MULTILINE)
_INFO_REQUEST = re.compile(
    r"subject access request|\bSAR\b|data protection act|\bGDPR\b|freedom of information"
    r"|\bFOI(?:A)?\b"
    r"|\b(?:send|give|provide|forward|supply|disclose|want|need)\b(?:\s+\w+){0,6}?\s+"
    r"(?:documents?|data|records?|files?|information|emails?|letters?|notes|correspondence)\b"
    r"|(?:request|asking)\s+(?:for\s+)?(?:a\s+)?(?:copy|copies)\s+of",
    re.IGNORECASE,
)


def dedup_key(
    *,
    message_id: str,
    channel: str,
    occurred_at: datetime,
    sender: str,
    subject: str,
    body: str,
    duration_seconds: int | None = None,
    content_digest: str = "",
) -> str:
    """'mid:' + a digest of the Message-ID when there is one, else 'sha:' + a content digest.

    The same message delivered twice (or imported from two files) gets the same key. With
    no Message-ID, a parser's ``content_digest`` (mail: normalised headers and body; a
    letter: its text) is the identity, so a file's time or the time of import, used as
    ``occurred_at`` when the item names none, never makes a copy new.
    """
    if message_id:
        return "mid:" + hashlib.sha256(message_id.strip().lower().encode()).hexdigest()[:64]
    if content_digest:
        content = f"{channel}\x1f{content_digest}"
        return "sha:" + hashlib.sha256(content.encode()).hexdigest()[:64]
    content = "\x1f".join(
        [
            channel,
            occurred_at.isoformat(),
            sender.strip().lower(),
            subject.strip(),
            body.strip(),
            str(duration_seconds or ""),
        ]
    )
    return "sha:" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:64]


def fingerprint(text: str) -> str:
    """Equal for near-identical messages: quotes, numbers, case and punctuation ignored."""
    words = _WORDS.findall(_QUOTED.sub("", text.lower()))[:80]
    if len(words) < 5:
        return ""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:32]


def is_information_request(subject: str, body: str) -> bool:
    """Requests for documents, data or records, or a subject access request."""
    return bool(
        _INFO_REQUEST.search(subject) or _INFO_REQUEST.search(_QUOTED.sub("", body)[:20000])
    )


def thread_key(message_id: str, in_reply_to: str, references: list[str]) -> str:
    """The root of the thread: the first reference, else the parent, else the message itself."""
    return (references[0] if references else in_reply_to or message_id)[:500]


@dataclass(frozen=True)
class Segment:
    """A piece of the redacted preview: plain text, or hidden evidence with its label."""

    text: str
    evidence: bool = False
    category: str = ""
    why: str = ""
    # Every (category, why) of the spans merged into this one, the first first.
    reasons: tuple[tuple[str, str], ...] = ()


def mask_word(word: str) -> str:
    return word[0] + "•" * (len(word) - 1) if len(word) > 1 else word


def masked(text: str) -> str:
    """'you idiot' -> 'y•• i••••': shape without the words."""
    return re.sub(r"\w+", lambda m: mask_word(m.group(0)), text)


def redacted_preview(
    body: str, evidence: list[dict[str, object]], limit: int = 800
) -> list[Segment]:
    """The start of ``body`` with each evidence span masked and labelled.

    Overlapping spans are merged: the first category labels it, and every
    category and reason of the merged spans is kept in ``reasons``.
    """
    spans: list[tuple[int, int, list[tuple[str, str]]]] = []
    for item in sorted(evidence, key=lambda e: (int(str(e["start"])), -int(str(e["end"])))):
        start, end = int(str(item["start"])), int(str(item["end"]))
        if not 0 <= start < end <= len(body):
            continue
        reason = (str(item.get("category", "")), str(item.get("why", "")))
        if spans and start < spans[-1][1]:
            last = spans[-1]
            kept = last[2] if reason in last[2] else [*last[2], reason]
            spans[-1] = (last[0], max(last[1], end), kept)
            continue
        spans.append((start, end, [reason]))
    segments: list[Segment] = []
    cursor = 0
    for start, end, reasons in spans:
        if start >= limit:
            break
        if start > cursor:
            segments.append(Segment(body[cursor:start]))
        category, why = reasons[0]
        segments.append(Segment(masked(body[start:end]), True, category, why, tuple(reasons)))
        cursor = end
    if cursor < min(len(body), limit):
        segments.append(Segment(body[cursor:limit]))
    if len(body) > max(limit, cursor):
        segments.append(Segment("…"))
    return segments
