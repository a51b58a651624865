"""Phone-call logs (CSV) and social-media exports (CSV or JSON)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from conduct.correspondence.parsing.items import Item, ParseResult, Rejected
from conduct.correspondence.parsing.text import decode, looks_binary

LONDON = ZoneInfo("Europe/London")
_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
)
CALL_COLUMNS = {
    "start": ("start", "started", "start_time", "started_at", "time", "date"),
    "end": ("end", "ended", "end_time", "ended_at"),
    "duration": ("duration", "duration_seconds", "seconds", "length"),
    "staff": ("staff", "staff_member", "agent", "user"),
    "number": ("number", "phone", "caller", "phone_number", "from"),
    "direction": ("direction", "dir", "type"),
    "notes": ("notes", "note", "summary", "comments"),
}
SOCIAL_COLUMNS = {
    "platform": ("platform", "network", "site"),
    "handle": ("author", "handle", "author_handle", "username", "user", "from"),
    "url": ("url", "link", "permalink"),
    "text": ("text", "content", "message", "body", "post"),
    "time": ("time", "timestamp", "created_at", "date", "posted_at"),
}


class RowError(ValueError):
    pass


def parse_time(value: str, tz: tzinfo = LONDON) -> datetime:
    text = value.strip().replace("Z", "+00:00")
    if not text:
        raise RowError("no time given")
    when: datetime | None = None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        for fmt in _FORMATS:
            try:
                when = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if when is None:
        raise RowError(f"cannot read the time {value[:40]!r}")
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)
    return when


def parse_duration(value: str) -> int:
    text = value.strip()
    if re.fullmatch(r"\d{1,6}", text):
        return int(text)
    match = re.fullmatch(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})", text)
    if match:
        hours, minutes, seconds = (int(g or 0) for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    raise RowError(f"cannot read the duration {value[:20]!r} (use seconds or mm:ss)")


def _columns(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, str]:
    normal = {h.strip().lower().replace(" ", "_"): h for h in header}
    found: dict[str, str] = {}
    for key, aliases in wanted.items():
        for alias in aliases:
            if alias in normal:
                found[key] = normal[alias]
                break
    return found


def _rows(data: bytes, label: str) -> tuple[list[str], Iterator[dict[str, str]]] | Rejected:
    if looks_binary(data):
        return Rejected(label, "not a CSV file: binary data")
    text, _ = decode(data)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = list(reader.fieldnames or [])
    except csv.Error as exc:
        return Rejected(label, f"not a CSV file ({exc})")
    if not header:
        return Rejected(label, "empty CSV file: no header row")
    return header, iter(reader)


def parse_call_log(data: bytes, label: str, tz: tzinfo = LONDON) -> Iterator[ParseResult]:
    """Calls from a CSV with columns start, end or duration, staff, number, direction, notes."""
    rows = _rows(data, label)
    if isinstance(rows, Rejected):
        yield rows
        return
    header, reader = rows
    cols = _columns(header, CALL_COLUMNS)
    missing = [k for k in ("start", "number") if k not in cols]
    if missing or ("end" not in cols and "duration" not in cols):
        need = ", ".join(
            missing + ([] if "end" in cols or "duration" in cols else ["end or duration"])
        )
        yield Rejected(label, f"the call log has no column for: {need}")
        return
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejected(f"{label} line {line + 1}", f"unreadable CSV row ({exc})")
            return
        line += 1
        ref = f"{label} line {line}"
        try:
            yield _call(row, cols, ref, tz)
        except RowError as exc:
            yield Rejected(ref, str(exc))


def _get(row: dict[str, Any], cols: dict[str, str], key: str) -> str:
    value = row.get(cols[key]) if key in cols else None
    return str(value).strip() if value is not None else ""


def _call(row: dict[str, Any], cols: dict[str, str], ref: str, tz: tzinfo) -> Item:
    start = parse_time(_get(row, cols, "start"), tz)
    if _get(row, cols, "duration"):
        seconds = parse_duration(_get(row, cols, "duration"))
    elif _get(row, cols, "end"):
        end = parse_time(_get(row, cols, "end"), tz)
        seconds = int((end - start).total_seconds())
    else:
        raise RowError("neither an end time nor a duration")
    if not 0 <= seconds <= timedelta(hours=24).total_seconds():
        raise RowError("the call lasts less than nothing or more than a day")
    number = _get(row, cols, "number")
    if not number:
        raise RowError("no phone number")
    raw_direction = _get(row, cols, "direction").lower()
    if raw_direction in ("", "in", "inbound", "incoming", "received"):
        direction = "in"
    elif raw_direction in ("out", "outbound", "outgoing", "made"):
        direction = "out"
    else:
        raise RowError(f"unknown direction {raw_direction[:20]!r} (use in or out)")
    return Item(
        channel="phone",
        occurred_at=start,
        ref=ref,
        direction=direction,
        sender_kind="phone",
        sender=number[:40],
        body=_get(row, cols, "notes")[:20000],
        duration_seconds=seconds,
        staff_hint=_get(row, cols, "staff")[:150],
    )


def parse_social_csv(data: bytes, label: str, tz: tzinfo = LONDON) -> Iterator[ParseResult]:
    rows = _rows(data, label)
    if isinstance(rows, Rejected):
        yield rows
        return
    header, reader = rows
    cols = _columns(header, SOCIAL_COLUMNS)
    missing = [k for k in ("handle", "text", "time") if k not in cols]
    if missing:
        yield Rejected(label, f"the social-media export has no column for: {', '.join(missing)}")
        return
    for line, row in enumerate(reader, start=2):
        ref = f"{label} line {line}"
        try:
            yield _post({k: _get(row, cols, k) for k in SOCIAL_COLUMNS}, ref, tz)
        except RowError as exc:
            yield Rejected(ref, str(exc))


def parse_social_json(data: bytes, label: str, tz: tzinfo = LONDON) -> Iterator[ParseResult]:
    try:
        doc = json.loads(decode(data)[0])
    except (ValueError, RecursionError):
        yield Rejected(label, "not valid JSON")
        return
    posts = doc.get("items", doc.get("posts")) if isinstance(doc, dict) else doc
    if not isinstance(posts, list):
        yield Rejected(label, "expected a JSON list of posts (or an object with 'items')")
        return
    for index, post in enumerate(posts):
        ref = f"{label} item {index + 1}"
        if not isinstance(post, dict):
            yield Rejected(ref, "a post must be a JSON object")
            continue
        lowered = {str(k).lower(): v for k, v in post.items()}
        fields = {}
        for key, aliases in SOCIAL_COLUMNS.items():
            value = next((lowered[a] for a in aliases if a in lowered), "")
            fields[key] = value.strip() if isinstance(value, str) else str(value or "")
        try:
            yield _post(fields, ref, tz)
        except RowError as exc:
            yield Rejected(ref, str(exc))


def _post(fields: dict[str, str], ref: str, tz: tzinfo) -> Item:
    handle = fields["handle"].lstrip("@")
    if not handle or any(c.isspace() for c in handle):
        raise RowError("no usable author handle")
    if not fields["text"]:
        raise RowError("the post has no text")
    return Item(
        channel="social_media",
        occurred_at=parse_time(fields["time"], tz),
        ref=ref,
        sender_kind="social",
        sender=handle[:254],
        subject=(fields["platform"] or "social media")[:100],
        body=fields["text"][:100_000],
        url=fields["url"][:500],
    )
