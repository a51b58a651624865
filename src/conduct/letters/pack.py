"""What goes into a police referral pack, read from the records. Nothing here writes.

The pack is a ZIP: ``summary.pdf``, the evidence files as stored, an
``audit-log.json`` excerpt (every event about the client or the case, with
the fields its hash covers), ``manifest.json``, and ``MANIFEST.sha256`` in
the format ``sha256sum -c`` checks.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from conduct.audit.models import AuditEvent, ChainHead
from conduct.audit.services import verify_chain
from conduct.casework import published
from conduct.core.pdf import html_to_pdf
from conduct.core.refusals import CONFLICT, Refused
from conduct.letters.facts import terms_of
from conduct.policy.document import CHANNEL_TITLES, OUTCOME_TITLES
from conduct.policy.services import policy_of

if TYPE_CHECKING:
    from conduct.casework.models import Case, Evidence

MANIFEST_JSON = "manifest.json"
MANIFEST_SHA256 = "MANIFEST.sha256"
HOW_TO_CHECK = (
    "Run `sha256sum -c MANIFEST.sha256` in the unpacked folder to check every file. "
    "In audit-log.json each event's `hash` is the SHA-256 of the canonical JSON "
    "(keys sorted, separators ',' and ':', UTF-8) of its fields seq, at, actor_id, "
    "actor_label, action, target_type, target_id, client_id, payload_sha256 and "
    "prev_hash; `payload_sha256` is the SHA-256 of the canonical JSON of `payload` "
    "(unless the event was later redacted). The events are an excerpt: `prev_hash` "
    "links to the event before it in the whole log, which the organisation can "
    "produce to show the chain is unbroken."
)


class PackRefused(Refused):
    """An evidence file is missing or no longer matches its recorded hash."""

    rule = "evidence_intact"
    status = CONFLICT


@dataclass
class PackFile:
    path: str
    data: bytes
    kind: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username()) if user is not None else ""


def _safe(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "file"
    return cleaned[:80]


def case_evidence(case: Case) -> list[Evidence]:
    return published.evidence_of_case(case)


def audit_excerpt(case: Case, evidence: list[Evidence]) -> list[dict[str, Any]]:
    """Every audit event about the client or this case's records, oldest first."""
    about = Q(target_type="casework.case", target_id=str(case.pk))
    incident_ids = [str(pk) for pk in case.incidents.values_list("pk", flat=True)]
    about |= Q(target_type="casework.incident", target_id__in=incident_ids)
    about |= Q(target_type="casework.evidence", target_id__in=[str(e.pk) for e in evidence])
    if case.client_id is not None:
        about |= Q(client_id=case.client_id)
    return [
        {
            "seq": e.seq,
            "at": e.at.isoformat(),
            "actor_id": e.actor_id,
            "actor_label": e.actor_label,
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "client_id": e.client_id,
            "payload_sha256": e.payload_sha256,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
            "payload": e.payload,
            "redacted": e.redacted_at is not None,
            "sentence": e.sentence,
        }
        for e in AuditEvent.objects.filter(about).order_by("seq")
    ]


def _incident_rows(case: Case) -> list[dict[str, Any]]:
    rows = []
    for i in case.incidents.select_related("recorded_by", "policy_version").order_by(
        "occurred_at", "pk"
    ):
        policy = policy_of(i.policy_version)
        rights = {r.id: r.text for r in policy.staff_rights}
        steps = {s.id: s.text for s in policy.procedure}
        rows.append(
            {
                "pk": i.pk,
                "occurred_at": timezone.localtime(i.occurred_at),
                "channel": CHANNEL_TITLES.get(i.channel, i.channel),
                "categories": [
                    policy.category(c).title if policy.has_category(c) else c for c in i.categories
                ],
                "what_happened": i.what_happened,
                "verbatim_words": i.verbatim_words,
                "staff_actions": [rights.get(a, a.replace("_", " ")) for a in i.staff_actions],
                "warning_given": i.warning_given,
                "client_response": i.client_response,
                "witnesses": i.witnesses,
                "felt_unsafe": i.felt_unsafe,
                "call_steps": [
                    {"text": steps.get(s.get("step", ""), s.get("step", "")), "at": s.get("at", "")}
                    for s in i.call_steps
                    if isinstance(s, dict)
                ],
                "caller": i.caller_number or i.caller_address,
                "recorded_by": _name(i.recorded_by),
            }
        )
    return rows


def summary_context(case: Case, evidence: list[Evidence], actor: Any) -> dict[str, Any]:
    client = case.client
    decisions = published.decisions_about(case)
    return {
        "organisation": settings.LETTERS_ORGANISATION_NAME,
        "generated_at": timezone.localtime(),
        "generated_by": _name(actor),
        "case": case,
        "client": client,
        "contact_points": list(client.contact_points.all()) if client else [],
        "incidents": _incident_rows(case),
        "warnings": published.warnings_of_client(client.pk) if client else [],
        "decisions": [
            {
                "decision": d,
                "outcomes": [OUTCOME_TITLES.get(o, o) for o in d.outcomes],
                "decided_by": _name(d.decided_by),
                "restrictions": [{"r": r, "terms": terms_of(r)} for r in d.restrictions.all()],
            }
            for d in decisions
        ],
        "referrals": published.police_referrals_about(case),
        "evidence": [{"e": e, "uploaded_by": _name(e.uploaded_by)} for e in evidence],
    }


def build_files(case: Case, actor: Any) -> list[PackFile]:
    """Every file of the pack except the two manifests, in order."""
    evidence = case_evidence(case)
    files: list[PackFile] = []
    html = render_to_string("letters/police_pack.html", summary_context(case, evidence, actor))
    files.append(PackFile("summary.pdf", html_to_pdf(html), "summary"))
    for item in evidence:
        path = published.evidence_file(item.sha256)
        if not path.exists():
            raise PackRefused(f"Evidence file {item.original_name} is missing from the store.")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != item.sha256:
            raise PackRefused(
                f"Evidence file {item.original_name} no longer matches the SHA-256 recorded "
                "when it was uploaded; the pack was not produced."
            )
        files.append(
            PackFile(
                f"evidence/{item.pk:05d}-{_safe(item.original_name)}",
                data,
                "evidence",
                {
                    "evidence_id": item.pk,
                    "original_name": item.original_name,
                    "content_type": item.content_type,
                    "recorded_sha256": item.sha256,
                    "uploaded_at": item.uploaded_at.isoformat(),
                    "uploaded_by": _name(item.uploaded_by),
                },
            )
        )
    events = audit_excerpt(case, evidence)
    files.append(
        PackFile(
            "audit-log.json",
            json.dumps(events, indent=2, ensure_ascii=False, default=str).encode(),
            "audit_log",
            {"events": len(events)},
        )
    )
    return files


def manifest(case: Case, files: list[PackFile], actor: Any) -> dict[str, Any]:
    head = ChainHead.objects.filter(pk=1).first()
    result = verify_chain()
    return {
        "pack": "police referral pack",
        "organisation": settings.LETTERS_ORGANISATION_NAME,
        "case_id": case.pk,
        "client_reference": case.client.reference if case.client else None,
        "generated_at": timezone.now().isoformat(),
        "generated_by": actor.get_username(),
        "files": [
            {"path": f.path, "sha256": f.sha256, "size": len(f.data), "kind": f.kind, **f.extra}
            for f in files
        ],
        "audit_chain": {
            "verified_when_generated": result.ok,
            "result": str(result),
            "head_seq": head.last_seq if head else 0,
            "head_hash": head.last_hash if head else "",
        },
        "how_to_check": HOW_TO_CHECK,
    }


def zip_pack(files: list[PackFile], manifest_data: dict[str, Any]) -> bytes:
    """The ZIP: the files, manifest.json, and MANIFEST.sha256 covering all of them."""
    manifest_bytes = json.dumps(manifest_data, indent=2, ensure_ascii=False).encode()
    everything = [*files, PackFile(MANIFEST_JSON, manifest_bytes, "manifest")]
    sums = "".join(f"{f.sha256}  {f.path}\n" for f in everything).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for f in [*everything, PackFile(MANIFEST_SHA256, sums, "checksums")]:
            archive.writestr(f.path, f.data)
    return buffer.getvalue()
