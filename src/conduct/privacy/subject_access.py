"""Subject access: everything held about a client, in one archive."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.clients.models import Client
from conduct.privacy.archive import Progress, build_zip, quiet
from conduct.privacy.redaction import Redactor
from conduct.privacy.registry import Section, record_types


@dataclass(frozen=True)
class Export:
    filename: str
    content: bytes
    sha256: str
    records: int


def gather(
    client: Client, *, redact: bool, only: set[str] | None = None, progress: Progress = quiet
) -> list[Section]:
    """Every registered app's sections about ``client`` (or only the record types named)."""
    redactor = Redactor(enabled=redact, known_users=get_user_model().objects.all())
    found: list[Section] = []
    chosen = [rt for rt in record_types() if only is None or rt.key in only]
    for index, record_type in enumerate(chosen):
        progress(f"Gathering {record_type.title.lower()}", 40 * index // max(len(chosen), 1))
        found.extend(record_type.sections(client, redactor))
    return found


def build_export(
    client: Client,
    *,
    redact_third_parties: bool,
    pdf: bool = True,
    request_reference: str = "",
    progress: Progress = quiet,
) -> Export:
    """The subject access archive for ``client``, not audited (callers audit what they do)."""
    now = timezone.now()
    sections = gather(client, redact=redact_third_parties, progress=progress)
    content = build_zip(
        client,
        sections,
        generated_at=now,
        redacted=redact_third_parties,
        pdf=pdf,
        request_reference=request_reference,
        progress=progress,
    )
    digest = hashlib.sha256(content).hexdigest()
    records = sum(len(s.records) for s in sections)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return Export(f"subject-access-client-{client.pk}-{stamp}.zip", content, digest, records)


def export_subject_access(
    client: Client, *, actor: Any, redact_third_parties: bool, pdf: bool = True
) -> Export:
    """Build the subject access archive for ``client`` and audit that it was made.

    With ``redact_third_parties`` staff are named "Staff member N" (in free
    text too) and witnesses, representatives and police officers are removed.
    """
    export = build_export(client, redact_third_parties=redact_third_parties, pdf=pdf)
    with transaction.atomic():
        record_event(
            "privacy.subject_access.exported",
            actor=actor,
            target=client,
            client_id=client.pk,
            payload={
                "client_id": client.pk,
                "records": export.records,
                "redacted": redact_third_parties,
                "sha256": export.sha256,
            },
        )
    return export
