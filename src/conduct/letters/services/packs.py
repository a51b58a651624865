"""Producing a police referral pack for a case. Audited, with the pack's hashes."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.letters import pack
from conduct.letters.models import PolicePack

if TYPE_CHECKING:
    from conduct.casework.models import Case


def generate_police_pack(case: Case, *, actor: Any) -> tuple[PolicePack, bytes]:
    """Build the referral pack (summary PDF, evidence, audit excerpt, manifests) as a ZIP.

    Returns the record of the pack and the ZIP's bytes. Refuses
    (PermissionDenied) anyone but a senior manager; (PackRefused) an
    evidence file that is missing or no longer matches its recorded hash.
    """
    if not actor.has_perm("letters.add_policepack"):
        raise PermissionDenied("Only senior managers produce police referral packs.")
    files = pack.build_files(case, actor)
    manifest = pack.manifest(case, files, actor)
    data = pack.zip_pack(files, manifest)
    digest = hashlib.sha256(data).hexdigest()
    manifest_sha256 = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()
    with transaction.atomic():
        record = PolicePack.objects.create(
            case=case,
            client=case.client,
            generated_by=actor,
            generated_at=timezone.now(),
            zip_sha256=digest,
            manifest=manifest,
        )
        record_event(
            "letters.police_pack.generated",
            actor=actor,
            target=record,
            client_id=case.client_id,
            payload={
                "case_id": case.pk,
                "files": len(manifest["files"]) + 2,
                "evidence_files": sum(1 for f in manifest["files"] if f["kind"] == "evidence"),
                "sha256": digest,
                "sha256_short": digest[:12],
                "manifest_sha256": manifest_sha256,
            },
        )
    return record, data


def pack_name(record: PolicePack) -> str:
    stamp = timezone.localtime(record.generated_at).strftime("%Y%m%d-%H%M")
    return f"police-pack-case-{record.case_id}-{stamp}.zip"
