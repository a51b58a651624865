"""Letters: plain text, or PDF with extractable text."""

from __future__ import annotations

import hashlib
import io
import logging
import re
from datetime import datetime
from typing import Any

from conduct.correspondence.parsing.items import Item, ParseResult, Rejected
from conduct.correspondence.parsing.tabular import LONDON, RowError, parse_time
from conduct.correspondence.parsing.text import decode, looks_binary

_REFERENCE = re.compile(r"\b(CL-\d{6})\b")
_DATE_LINE = re.compile(
    r"^\s*(?:date[d]?:?\s*)?(\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2})\s*$", re.I
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MAX_PDF_PAGES = 200


def _letter_date(text: str) -> datetime | None:
    for line in text.splitlines()[:20]:
        match = _DATE_LINE.match(line)
        if not match:
            continue
        raw = match.group(1)
        for fmt in ("%d %B %Y", "%d %b %Y"):
            try:
                return datetime.strptime(raw, fmt).replace(hour=9, tzinfo=LONDON)
            except ValueError:
                continue
        try:
            return parse_time(raw + "T09:00:00")
        except RowError:
            continue
    return None


def _item(
    text: str, ref: str, received: datetime, original: bytes, original_type: str
) -> ParseResult:
    body = text.strip()
    if len(body) < 2:
        return Rejected(ref, "the letter has no text")
    problems = []
    when = _letter_date(body)
    if when is None:
        problems.append("no date found in the letter; the file's time is used")
        when = received
    reference = _REFERENCE.search(body)
    address = _EMAIL.search(body[:2000])
    return Item(
        channel="letter",
        occurred_at=when,
        ref=ref,
        sender_kind="email" if address else "",
        sender=address.group(0).lower() if address else "",
        subject=body.splitlines()[0][:200],
        body=body,
        client_reference=reference.group(1) if reference else "",
        problems=problems,
        original=original,
        original_type=original_type,
        # A letter is its text: the same letter in another folder is the same letter.
        content_digest=hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def parse_letter_text(data: bytes, ref: str, received: datetime) -> ParseResult:
    if looks_binary(data):
        return Rejected(ref, "not a text letter: binary data")
    text, _ = decode(data)
    return _item(text, ref, received, data, "text/plain")


def parse_letter_pdf(data: bytes, ref: str, received: datetime) -> ParseResult:
    if not data.startswith(b"%PDF-"):
        return Rejected(ref, "not a PDF file")
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return Rejected(ref, "the PDF is encrypted")
        pages: list[Any] = list(reader.pages)[:MAX_PDF_PAGES]
        text = "\n".join((page.extract_text() or "") for page in pages)
    except Exception as exc:
        # pypdf raises far more than PdfReadError on hostile files (LimitReachedError,
        # AttributeError, AssertionError, NotImplementedError, RecursionError, ...):
        # any of them means this one file cannot be read, never that the import stops.
        return Rejected(ref, f"cannot read the PDF ({exc.__class__.__name__})")
    if not text.strip():
        return Rejected(ref, "the PDF has no extractable text (a scanned image?)")
    return _item(text, ref, received, data, "application/pdf")
