"""Subject access: one archive with everything held about the client, audited."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.audit.models import AuditEvent
from conduct.privacy.models import SubjectAccessExport
from conduct.privacy.subject_access import export_subject_access
from tests.privacy.conftest import EVIDENCE, History

pytestmark = pytest.mark.django_db


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sections_of(files: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    document = json.loads(files["subject-access.json"])
    return {s["key"]: s["records"] for s in document["sections"]}


def test_the_export_holds_every_kind_of_record(history: History, admin_user: Any) -> None:
    export = export_subject_access(
        history.client, actor=admin_user, redact_third_parties=False, pdf=False
    )
    files = unzip(export.content)
    sections = sections_of(files)
    for key in [
        "client",
        "client.contact_points",
        "casework.incidents",
        "casework.evidence",
        "casework.cases",
        "casework.warnings",
        "casework.decisions",
        "casework.restrictions",
        "casework.reviews",
        "casework.police_referrals",
        "audit.events",
    ]:
        assert sections[key], f"nothing in {key}"
    assert sections["client"][0]["name"] == "Jane Example"
    incident = sections["casework.incidents"][0]
    assert incident["revisions"][0]["before"]["what_happened"].startswith("Caller shouted at")
    assert "wellbeing_note" not in incident and "wellbeing_note" not in json.dumps(sections)
    assert incident["revisions"][0]["before"]["witnesses"] == "Bob Witness at the front desk"
    assert sections["casework.restrictions"][0]["representative_name"] == "Rita Representative"
    evidence = sections["casework.evidence"][0]
    assert files[evidence["file"]] == EVIDENCE
    actions = {e["action"] for e in sections["audit.events"]}
    assert {"clients.client.created", "casework.incident.recorded"} <= actions
    assert b"Jane Example" in files["subject-access.html"]
    manifest = json.loads(files["manifest.json"])
    for entry in manifest:
        assert hashlib.sha256(files[entry["name"]]).hexdigest() == entry["sha256"]
    assert {e["name"] for e in manifest} == set(files) - {"manifest.json"}


def test_redaction_names_staff_by_pseudonym_and_removes_third_parties(
    history: History, admin_user: Any
) -> None:
    export = export_subject_access(
        history.client, actor=admin_user, redact_third_parties=True, pdf=False
    )
    files = unzip(export.content)
    text = files["subject-access.json"].decode() + files["subject-access.html"].decode()
    for name in ["staff1", "manager1", "manager2", "Bob Witness", "Rita Representative", "Olivia"]:
        assert name not in text, name
    assert "Staff member 1" in text
    sections = sections_of(files)
    assert sections["client"][0]["name"] == "Jane Example"  # the client's own data stays
    assert sections["casework.incidents"][0]["verbatim_words"] == "You'll regret this."


def test_the_export_is_audited_without_personal_data(history: History, admin_user: Any) -> None:
    export = export_subject_access(
        history.client, actor=admin_user, redact_third_parties=True, pdf=False
    )
    event = AuditEvent.objects.get(action="privacy.subject_access.exported")
    assert event.actor == admin_user and event.client_id == history.client.pk
    assert event.payload["sha256"] == export.sha256 and event.payload["redacted"] is True
    assert "Jane" not in json.dumps(event.payload)


def test_the_export_includes_a_pdf(client_record: Any, admin_user: Any) -> None:
    export = export_subject_access(client_record, actor=admin_user, redact_third_parties=False)
    assert unzip(export.content)["subject-access.pdf"].startswith(b"%PDF-")


def test_only_admins_may_ask_for_it(
    client_record: Any,
    as_staff: HttpClient,
    as_manager: HttpClient,
    as_admin: HttpClient,
    as_outsider: HttpClient,
) -> None:
    url = f"/privacy/clients/{client_record.pk}/subject-access"
    for http in (as_staff, as_manager, as_outsider):
        assert http.post(url, {"redact_third_parties": "on"}).status_code == 403
        assert http.get(f"/privacy/clients/{client_record.pk}/").status_code == 403
    assert not SubjectAccessExport.objects.exists()
    page = as_admin.get(f"/privacy/clients/{client_record.pk}/")
    assert page.status_code == 200 and b"Make a subject access export" in page.content
    assert as_admin.get(url).status_code == 405
    response = as_admin.post(url, {"redact_third_parties": "on"})
    export = SubjectAccessExport.objects.get()
    assert response.status_code == 302 and export.redact_third_parties
    assert AuditEvent.objects.get(action="privacy.subject_access.requested").payload["redacted"]
    assert b"Recent exports" in as_admin.get(f"/privacy/clients/{client_record.pk}/").content
    refused = as_admin.post(url, {"request_reference": "x" * 101}, follow=True)
    assert b"at most 100 characters" in refused.content
    assert SubjectAccessExport.objects.count() == 1
    assert as_admin.post("/privacy/clients/999999/subject-access").status_code == 404


def test_admins_see_the_link_on_the_client_record(
    client_record: Any, as_admin: HttpClient, as_staff: HttpClient
) -> None:
    link = f"/privacy/clients/{client_record.pk}/".encode()
    assert link in as_admin.get(f"/clients/{client_record.pk}/").content
    assert link not in as_staff.get(f"/clients/{client_record.pk}/").content
