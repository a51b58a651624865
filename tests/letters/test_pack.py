"""The police referral pack: open the ZIP, recompute every hash, check the audit excerpt."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from pypdf import PdfReader

from conduct.audit.chain import Link, payload_digest
from conduct.audit.models import AuditEvent
from conduct.casework.models import Decision, Evidence, Incident
from conduct.casework.services import PoliceReferralInput, add_evidence, record_police_referral
from conduct.casework.services.evidence import path_for
from conduct.letters.models import PolicePack
from conduct.letters.services import PackRefused, generate_police_pack

pytestmark = pytest.mark.django_db

LINK_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "client_id",
    "payload_sha256",
    "prev_hash",
)


@pytest.fixture
def evidence(incident: Incident, staff: Any) -> Evidence:
    return add_evidence(
        io.BytesIO(b"Voicemail transcript: you'll regret this.\n"),
        "voicemail transcript.txt",
        actor=staff,
        incident=incident,
    )


@pytest.fixture
def referred(restriction_decision: Decision, manager: Any) -> Decision:
    record_police_referral(
        restriction_decision.client,
        PoliceReferralInput(
            referred_on=timezone.localdate() - timedelta(days=1),
            force="West Yorkshire Police",
            crime_reference="13/123456/26",
        ),
        actor=manager,
        case=restriction_decision.case,
    )
    return restriction_decision


def open_pack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_pack_holds_every_file_and_every_hash_matches(
    evidence: Evidence, referred: Decision, manager: Any
) -> None:
    record, data = generate_police_pack(referred.case, actor=manager)
    files = open_pack(data)
    assert record.zip_sha256 == hashlib.sha256(data).hexdigest()
    evidence_path = f"evidence/{evidence.pk:05d}-voicemail_transcript.txt"
    assert set(files) == {
        "summary.pdf",
        evidence_path,
        "audit-log.json",
        "manifest.json",
        "MANIFEST.sha256",
    }
    # MANIFEST.sha256: `sha256sum -c` lines for every other file.
    lines = files["MANIFEST.sha256"].decode().splitlines()
    listed = {}
    for line in lines:
        match = re.fullmatch(r"([0-9a-f]{64})  (.+)", line)
        assert match, line
        listed[match[2]] = match[1]
    assert set(listed) == set(files) - {"MANIFEST.sha256"}
    for name, digest in listed.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name
    # manifest.json: the same hashes, and the evidence still matches what was uploaded.
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        assert hashlib.sha256(files[entry["path"]]).hexdigest() == entry["sha256"]
        assert len(files[entry["path"]]) == entry["size"]
    [item] = [e for e in manifest["files"] if e["kind"] == "evidence"]
    assert item["recorded_sha256"] == evidence.sha256 == item["sha256"]
    assert files[evidence_path] == path_for(evidence.sha256).read_bytes()
    assert manifest["audit_chain"]["verified_when_generated"] is True
    assert record.manifest == manifest


def test_the_audit_excerpt_can_be_checked_event_by_event(
    evidence: Evidence, referred: Decision, manager: Any
) -> None:
    _, data = generate_police_pack(referred.case, actor=manager)
    excerpt = json.loads(open_pack(data)["audit-log.json"])
    actions = [e["action"] for e in excerpt]
    assert actions[:1] == ["clients.client.created"]
    for action in (
        "casework.incident.recorded",
        "casework.evidence.added",
        "casework.decision.recorded",
        "casework.police_referral.recorded",
    ):
        assert action in actions
    assert [e["seq"] for e in excerpt] == sorted(e["seq"] for e in excerpt)
    for event in excerpt:
        link = Link(**{name: event[name] for name in LINK_FIELDS})
        assert link.digest() == event["hash"]
        assert payload_digest(event["payload"]) == event["payload_sha256"]
        stored = AuditEvent.objects.get(seq=event["seq"])
        assert stored.hash == event["hash"]


def test_the_summary_pdf_tells_the_story_in_order(
    evidence: Evidence, referred: Decision, manager: Any
) -> None:
    _, data = generate_police_pack(referred.case, actor=manager)
    pdf = PdfReader(io.BytesIO(open_pack(data)["summary.pdf"]))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pdf.pages))
    for expected in (
        "Jane Example",
        "CL-000900",
        "Caller shouted and threatened to come to the office.",
        "You'll regret this.",
        "End the call.",
        "Contact restriction",
        "West Yorkshire Police",
        "13/123456/26",
        evidence.sha256[:32],
    ):
        assert expected in text, expected


def test_producing_a_pack_is_audited_once(referred: Decision, manager: Any) -> None:
    record, data = generate_police_pack(referred.case, actor=manager)
    [event] = AuditEvent.objects.filter(action="letters.police_pack.generated")
    assert event.payload["sha256"] == hashlib.sha256(data).hexdigest()
    assert event.client_id == referred.client_id
    assert event.target_id == str(record.pk)
    assert event.sentence.startswith(f"produced a police referral pack for case {referred.case_id}")


def test_tampered_evidence_stops_the_pack(
    evidence: Evidence, referred: Decision, manager: Any
) -> None:
    path = path_for(evidence.sha256)
    original = path.read_bytes()
    path.write_bytes(b"something else")
    try:
        with pytest.raises(PackRefused, match="no longer matches"):
            generate_police_pack(referred.case, actor=manager)
    finally:
        path.write_bytes(original)  # the store is shared by the whole test run
    assert not PolicePack.objects.exists()
    assert not AuditEvent.objects.filter(action="letters.police_pack.generated").exists()


def test_staff_cannot_produce_a_pack(referred: Decision, staff: Any) -> None:
    with pytest.raises(PermissionDenied):
        generate_police_pack(referred.case, actor=staff)
