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
from conduct.privacy.archive import build_zip
from conduct.privacy.redaction import Redactor
from conduct.privacy.registry import Section, record_types


@dataclass(frozen=True)
class Export:
    filename: str
    content: bytes
    sha256: str
    records: int


def gather(client: Client, *, redact: bool, only: set[str] | None = None) -> list[Section]:
    """Every registered app's sections about ``client`` (or only the record types named)."""
    redactor = Redactor(enabled=redact, known_users=get_user_model().objects.all())
    found: list[Section] = []
    for record_type in record_types():
        if only is None or record_type.key in only:
            found.extend(record_type.sections(client, redactor))
    return found


def export_subject_access(
    client: Client, *, actor: Any, redact_third_parties: bool, pdf: bool = True
) -> Export:
    """Build the subject access archive for ``client`` and audit that it was made.

    With ``redact_third_parties`` staff are named "Staff member N" (in free
    text too) and witnesses, representatives and police officers are removed.
    """
    now = timezone.now()
    sections = gather(client, redact=redact_third_parties)
    content = build_zip(client, sections, generated_at=now, redacted=redact_third_parties, pdf=pdf)
    digest = hashlib.sha256(content).hexdigest()
    records = sum(len(s.records) for s in sections)
    with transaction.atomic():
        record_event(
            "privacy.subject_access.exported",
            actor=actor,
            target=client,
            client_id=client.pk,
            payload={
                "client_id": client.pk,
                "records": records,
                "redacted": redact_third_parties,
                "sha256": digest,
            },
        )
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return Export(f"subject-access-client-{client.pk}-{stamp}.zip", content, digest, records)
