"""Packing sections into a ZIP: JSON for machines, HTML (and PDF) for people,
the files themselves, and a manifest of SHA-256 hashes."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from conduct.clients.models import Client
from conduct.privacy.readable import readable, uk_time
from conduct.privacy.registry import Section

# Told each step as it starts: (what is being done, per cent done so far).
Progress = Callable[[str, int], None]


def quiet(step: str, percent: int) -> None:
    return None


def document(client: Client, sections: list[Section], *, generated_at: datetime) -> dict[str, Any]:
    return {
        "format": "client-conduct-subject-access/1",
        "client_id": client.pk,
        "generated_at": generated_at.isoformat(),
        "sections": [{"key": s.key, "title": s.title, "records": s.records} for s in sections],
    }


# Records per WeasyPrint document: the PDF is made in parts (their pages joined),
# so that progress and the time budget are checked between parts.
PDF_PART_RECORDS = 80


def _readable(sections: list[Section], *, limit: int | None) -> list[dict[str, Any]]:
    tz = timezone.get_current_timezone()
    return [
        {
            "key": s.key,
            "title": s.title,
            "count": len(s.records),
            "continued": False,
            "records": [readable(r, n, tz=tz, limit=limit) for n, r in enumerate(s.records, 1)],
        }
        for s in sections
    ]


def _parts(view: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    """The sections cut into parts of at most ``size`` records (a heading counts as one)."""
    parts: list[list[dict[str, Any]]] = [[]]
    room = size
    for section in view:
        records = section["records"]
        start = 0
        while True:
            if room <= 0:
                parts.append([])
                room = size
            taken = records[start : start + max(room - 1, 1)]
            parts[-1].append({**section, "records": taken, "continued": start > 0})
            room -= len(taken) + 1
            start += len(taken)
            if start >= len(records):
                break
    return parts


def _context(
    client: Client,
    *,
    generated_at: datetime,
    redacted: bool,
    limit: int | None,
    request_reference: str,
) -> dict[str, Any]:
    return {
        "client": client,
        "generated_at": uk_time(timezone.localtime(generated_at)),
        "redacted": redacted,
        "limit": limit,
        "request_reference": request_reference,
    }


def render_html(
    client: Client,
    sections: list[Section],
    *,
    generated_at: datetime,
    redacted: bool,
    limit: int | None = None,
    request_reference: str = "",
) -> str:
    """The readable copy: a summary, then a heading per kind of record; UK dates.

    ``limit`` shortens each record's text to that many characters.
    """
    view = _readable(sections, limit=limit)
    context = _context(
        client,
        generated_at=generated_at,
        redacted=redacted,
        limit=limit,
        request_reference=request_reference,
    )
    return render_to_string(
        "privacy/subject_access_document.html",
        {**context, "summary": view, "sections": view, "first": True},
    )


def render_pdf(
    client: Client,
    sections: list[Section],
    *,
    generated_at: datetime,
    redacted: bool,
    limit: int,
    request_reference: str = "",
    progress: Progress = quiet,
) -> bytes:
    """The readable copy as PDF, each record's text shortened to ``limit`` characters.

    Raises ``PdfUnavailable`` when WeasyPrint's system libraries are missing.
    """
    from conduct.core.pdf import html_to_pdf_pages

    view = _readable(sections, limit=limit)
    context = _context(
        client,
        generated_at=generated_at,
        redacted=redacted,
        limit=limit,
        request_reference=request_reference,
    )
    parts = _parts(view, PDF_PART_RECORDS)
    documents = [
        render_to_string(
            "privacy/subject_access_document.html",
            {**context, "summary": view, "sections": part, "first": index == 0},
        )
        for index, part in enumerate(parts)
    ]

    def step(index: int) -> None:
        progress(
            f"Making the PDF (part {index + 1} of {len(parts)})", 50 + 40 * index // len(parts)
        )

    return html_to_pdf_pages(documents, progress=step)


def build_zip(
    client: Client,
    sections: list[Section],
    *,
    generated_at: datetime,
    redacted: bool,
    pdf: bool,
    request_reference: str = "",
    pdf_text_limit: int | None = None,
    progress: Progress = quiet,
) -> bytes:
    """The whole export as ZIP bytes, with ``manifest.json`` listing every file's SHA-256."""
    from conduct.core.pdf import PdfUnavailable

    progress("Writing the readable copy", 40)
    html = render_html(
        client,
        sections,
        generated_at=generated_at,
        redacted=redacted,
        request_reference=request_reference,
    )
    members: list[tuple[str, bytes]] = [
        (
            "subject-access.json",
            json.dumps(
                document(client, sections, generated_at=generated_at),
                indent=2,
                ensure_ascii=False,
            ).encode(),
        ),
        ("subject-access.html", html.encode()),
    ]
    if pdf:
        limit = pdf_text_limit or int(settings.PRIVACY_SUBJECT_ACCESS_PDF_TEXT_LIMIT)
        with contextlib.suppress(PdfUnavailable):
            rendered = render_pdf(
                client,
                sections,
                generated_at=generated_at,
                redacted=redacted,
                limit=limit,
                request_reference=request_reference,
                progress=progress,
            )
            members.append(("subject-access.pdf", rendered))
    progress("Packing the archive", 90)
    for section in sections:
        for name, source in section.files:
            members.append((name, source if isinstance(source, bytes) else source.read_bytes()))
    manifest = [
        {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in members
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    progress("Done", 100)
    return buffer.getvalue()
