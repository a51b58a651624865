"""Packing sections into a ZIP: JSON for machines, HTML (and PDF) for people,
the files themselves, and a manifest of SHA-256 hashes."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string

from conduct.clients.models import Client
from conduct.privacy.registry import Section


@dataclass(frozen=True)
class Row:
    label: str
    text: str
    block: bool


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def rows(record: dict[str, Any]) -> list[Row]:
    """A record as label/text pairs; nested values are shown as indented JSON."""
    out = []
    for key, value in record.items():
        if isinstance(value, dict | list):
            if not value:
                out.append(Row(_label(key), "None", False))
                continue
            out.append(Row(_label(key), json.dumps(value, indent=2, ensure_ascii=False), True))
        elif isinstance(value, bool):
            out.append(Row(_label(key), "Yes" if value else "No", False))
        else:
            out.append(Row(_label(key), "" if value is None else str(value), False))
    return out


def document(client: Client, sections: list[Section], *, generated_at: datetime) -> dict[str, Any]:
    return {
        "format": "client-conduct-subject-access/1",
        "client_id": client.pk,
        "generated_at": generated_at.isoformat(),
        "sections": [{"key": s.key, "title": s.title, "records": s.records} for s in sections],
    }


def render_html(
    client: Client, sections: list[Section], *, generated_at: datetime, redacted: bool
) -> str:
    return render_to_string(
        "privacy/subject_access_document.html",
        {
            "client": client,
            "generated_at": generated_at,
            "redacted": redacted,
            "sections": [
                {"title": s.title, "key": s.key, "records": [rows(r) for r in s.records]}
                for s in sections
            ],
        },
    )


def build_zip(
    client: Client,
    sections: list[Section],
    *,
    generated_at: datetime,
    redacted: bool,
    pdf: bool,
) -> bytes:
    """The whole export as ZIP bytes, with ``manifest.json`` listing every file's SHA-256."""
    html = render_html(client, sections, generated_at=generated_at, redacted=redacted)
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
        from conduct.core.pdf import PdfUnavailable, html_to_pdf

        with contextlib.suppress(PdfUnavailable):
            members.append(("subject-access.pdf", html_to_pdf(html)))
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
    return buffer.getvalue()
