"""Serving evidence: always a download, never rendered; each download audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from conduct.audit.reads import Door, record_view
from conduct.casework.models import Evidence
from conduct.casework.services.evidence import path_for


def evidence_response(item: Evidence, *, actor: Any, door: Door) -> HttpResponse:
    path = path_for(item.sha256)
    if not path.exists():
        raise Http404("The file is missing from the store.")
    with transaction.atomic():
        record_view(
            "casework.evidence.downloaded",
            actor=actor,
            door=door,
            target=item,
            payload={"name": item.original_name, "sha256_short": item.sha256[:12]},
        )
    # Evidence is size-limited, so reading it whole is fine and leaves no file open.
    response = HttpResponse(path.read_bytes(), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, item.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
