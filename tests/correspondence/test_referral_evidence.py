"""A referred message becomes its incident's evidence, as received, with its SHA-256,
and goes into the police pack; the incident reads as a person would write it."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from conduct.audit.models import AuditEvent
from conduct.casework.models import Evidence, Incident
from conduct.casework.services import PoliceReferralInput, record_police_referral
from conduct.correspondence.models import Communication
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import refer_communication, store_items
from conduct.letters.services import generate_police_pack

from .conftest import ABUSE, mail

pytestmark = pytest.mark.django_db

# Latin-1 in an 8bit body: stored byte for byte whatever the charset.
RAW = mail(3, body=ABUSE + " Caf\u00e9.", subject="Your staff").replace(b"Caf\xc3\xa9", b"Caf\xe9")


@pytest.fixture
def flagged(client_record: Any, staff: Any, media: Any) -> Communication:
    item = parse_email(RAW, "inbox #3")
    assert isinstance(item, Item)
    store_items([item], actor=staff)
    return Communication.objects.get(review_state="pending")


def test_a_flagged_email_is_kept_as_received(flagged: Communication) -> None:
    assert flagged.original_sha256 == hashlib.sha256(RAW).hexdigest()
    assert flagged.original_type == "message/rfc822" and flagged.original_size == len(RAW)


def test_an_unflagged_email_is_not_kept_twice(client_record: Any, staff: Any, media: Any) -> None:
    item = parse_email(mail(4), "inbox #4")
    assert isinstance(item, Item)
    store_items([item], actor=staff)
    assert Communication.objects.get().original_sha256 == ""


def test_referring_attaches_the_eml_with_its_hash(
    as_staff: HttpClient, flagged: Communication
) -> None:
    response = as_staff.post(reverse("correspondence:refer", args=[flagged.pk]), follow=True)
    flagged.refresh_from_db()
    incident = Incident.objects.get(pk=flagged.incident_id)
    [evidence] = incident.evidence.all()
    assert evidence.sha256 == hashlib.sha256(RAW).hexdigest()
    assert evidence.content_type == "message/rfc822"
    assert evidence.original_name.endswith(".eml") and evidence.size == len(RAW)
    page = response.content.decode()
    # The confirmation is a link to what was created.
    assert f'<a href="/casework/incidents/{incident.pk}/">incident {incident.pk}</a>' in page
    detail = as_staff.get(f"/casework/incidents/{incident.pk}/").content.decode()
    assert evidence.sha256 in detail and "No evidence" not in detail
    api = as_staff.get(f"/api/casework/incidents/{incident.pk}").json()
    assert [e["sha256"] for e in api["evidence"]] == [evidence.sha256]
    download = as_staff.get(f"/casework/evidence/{evidence.pk}/")
    assert download.content == RAW


def test_referring_writes_one_event_with_the_incident_and_the_evidence(
    flagged: Communication, staff: Any
) -> None:
    before = max(AuditEvent.objects.values_list("seq", flat=True), default=0)
    refer_communication(flagged, actor=staff)
    # (The first use of the policy records that it was loaded: not the referral's event.)
    [event] = AuditEvent.objects.filter(seq__gt=before).exclude(action="policy.version.loaded")
    incident = Incident.objects.get()
    evidence = Evidence.objects.get()
    assert event.action == "correspondence.communication.referred"
    assert event.client_id == flagged.client_id
    payload = event.payload
    assert payload["communication_id"] == flagged.pk
    assert payload["incident_id"] == incident.pk and payload["case_id"] == incident.case_id
    assert "violence" in payload["categories"] and payload["channel"] == "email"
    assert payload["via"] == "correspondence"
    assert payload["evidence_id"] == evidence.pk
    assert payload["evidence_sha256"] == evidence.sha256 == hashlib.sha256(RAW).hexdigest()
    assert payload["evidence_size"] == len(RAW)
    assert payload["evidence_content_type"] == "message/rfc822"
    assert payload["evidence_name"] == evidence.original_name
    assert not AuditEvent.objects.filter(
        action__in=["casework.incident.recorded", "casework.evidence.added"]
    ).exists()


def test_the_police_pack_holds_the_message(
    flagged: Communication, staff: Any, manager: Any
) -> None:
    refer_communication(flagged, actor=staff)
    flagged.refresh_from_db()
    incident = Incident.objects.get(pk=flagged.incident_id)
    assert incident.case is not None
    record_police_referral(
        incident.client,  # type: ignore[arg-type]
        PoliceReferralInput(referred_on=datetime.now(UTC).date(), force="West Yorkshire Police"),
        actor=manager,
        case=incident.case,
    )
    _, data = generate_police_pack(incident.case, actor=manager)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    evidence = Evidence.objects.get(incident=incident)
    [path] = [p for p in files if p.startswith("evidence/")]
    assert path.endswith(".eml") and files[path] == RAW
    manifest = json.loads(files["manifest.json"])
    [entry] = [e for e in manifest["files"] if e["kind"] == "evidence"]
    assert entry["sha256"] == entry["recorded_sha256"] == evidence.sha256


def test_a_message_without_its_original_is_attached_as_text(
    flagged: Communication, staff: Any
) -> None:
    Communication.objects.filter(pk=flagged.pk).update(original_sha256="")
    flagged.refresh_from_db()
    refer_communication(flagged, actor=staff)
    evidence = Evidence.objects.get()
    assert evidence.original_name.endswith(".txt") and evidence.content_type == "text/plain"


def test_the_referred_incident_reads_plainly(flagged: Communication, as_staff: HttpClient) -> None:
    as_staff.post(reverse("correspondence:refer", args=[flagged.pk]))
    flagged.refresh_from_db()
    incident = Incident.objects.get(pk=flagged.incident_id)
    first = incident.what_happened.splitlines()[0]
    assert first == (
        "An email from jane@example.com, received on 2 March 2026 at 10:30, subject “Your staff”."
    )
    assert "A from the client" not in incident.what_happened
    assert "a member of staff referred it without replying" in incident.what_happened
    page = as_staff.get(f"/casework/incidents/{incident.pk}/").content.decode()
    assert "Did not reply. Referred the email to the Senior Management team." in page
    assert "Refer the call" not in page
    assert "<dd>Email</dd>" in page


def test_opening_a_case_on_demands_links_to_the_case(
    as_manager: HttpClient, client_record: Any
) -> None:
    response = as_manager.post(
        reverse("correspondence:demand_case", args=[client_record.pk]), {"note": ""}, follow=True
    )
    incident = Incident.objects.get()
    assert f'<a href="/casework/cases/{incident.case_id}/">Case {incident.case_id}</a> opened' in (
        response.content.decode()
    )


def test_erasing_the_client_removes_the_kept_original(
    flagged: Communication,
    client_record: Any,
    manager: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core.files.storage import storages

    from conduct.correspondence.attachments import name_for
    from conduct.privacy.registry import record_types

    name = name_for(flagged.original_sha256)
    assert storages["default"].exists(name)
    correspondence = next(t for t in record_types() if t.key == "correspondence")
    with django_capture_on_commit_callbacks(execute=True):
        correspondence.erase(client_record, manager)
    assert not storages["default"].exists(name)


def test_the_kept_original_is_in_the_subject_access_export(
    flagged: Communication, client_record: Any, admin_user: Any
) -> None:
    from conduct.privacy.subject_access import export_subject_access

    export = export_subject_access(
        client_record, actor=admin_user, redact_third_parties=True, pdf=False
    )
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        originals = [n for n in archive.namelist() if "originals/" in n]
        assert len(originals) == 1
        assert archive.read(originals[0]) == RAW
