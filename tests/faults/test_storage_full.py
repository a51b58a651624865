"""The file store fills up: uploads get a clear message, and the database is unchanged.

The store is a real 64 KiB tmpfs filled to the last byte when the test may mount one
(root); otherwise every file write goes to /dev/full, which fails with the same ENOSPC.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework.models import Evidence, Incident
from conduct.casework.services import record_incident
from conduct.correspondence.models import Attachment, Communication, ImportRun
from tests.casework.conftest import details

pytestmark = [pytest.mark.faults, pytest.mark.django_db]

PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"


def _fill(folder: Path) -> None:
    with (folder / ".filler").open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


@pytest.fixture
def full_store(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    store = tmp_path / "files"
    store.mkdir()
    settings.MEDIA_ROOT = store
    mounted = (
        os.geteuid() == 0
        and subprocess.run(  # noqa: S603 - our own command
            ["/usr/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(store)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if not mounted:
        real_fdopen = os.fdopen

        def full(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if "w" in mode:
                return real_fdopen(os.open("/dev/full", os.O_WRONLY), mode, *args, **kwargs)
            return real_fdopen(fd, mode, *args, **kwargs)

        monkeypatch.setattr(os, "fdopen", full)
    try:
        if mounted:
            for sub in ("evidence", "correspondence"):
                (store / sub).mkdir()
            _fill(store)
        yield store
    finally:
        if mounted:
            subprocess.run(["/usr/bin/umount", str(store)], check=True)  # noqa: S603 - fixed command  # noqa: S603, S607 - our own command


def stored_files(store: Path) -> list[str]:
    return sorted(p.name for p in store.rglob("*") if p.is_file() and p.name != ".filler")


def counts() -> tuple[int, ...]:
    return (
        Incident.objects.count(),
        Evidence.objects.count(),
        AuditEvent.objects.count(),
        Communication.objects.count(),
        Attachment.objects.count(),
    )


def test_incident_form_with_evidence_says_the_store_is_full_and_records_nothing(
    as_staff: HttpClient, client_record: Any, full_store: Path
) -> None:
    as_staff.get("/casework/incidents/new/")  # loads the policy (and its audit event) first
    before = counts()
    response = as_staff.post(
        "/casework/incidents/new/",
        {
            "client": client_record.pk,
            "channel": "phone",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "categories": ["threatening_communication"],
            "what_happened": "Caller threatened to come to the office.",
            "evidence": SimpleUploadedFile("recording.pdf", PDF),
        },
    )
    assert response.status_code == 200
    assert "no room left to store files" in response.content.decode()
    assert "Caller threatened to come to the office." in response.content.decode()  # kept
    assert counts() == before
    assert stored_files(full_store) == []


def test_evidence_added_later_says_the_store_is_full_and_changes_nothing(
    as_staff: HttpClient, staff: Any, client_record: Any, full_store: Path
) -> None:
    incident = record_incident(details(client_record), actor=staff)
    before = counts()
    response = as_staff.post(
        f"/casework/incidents/{incident.pk}/evidence/",
        {"file": SimpleUploadedFile("letter.pdf", PDF)},
    )
    assert response.status_code == 302
    assert counts() == before
    assert stored_files(full_store) == []
    page = as_staff.get(response["Location"])
    assert "no room left to store files" in page.content.decode()


def test_evidence_sent_to_the_casework_api_when_the_store_is_full_is_507(
    as_staff: HttpClient, staff: Any, client_record: Any, full_store: Path
) -> None:
    """The refusal carries its own status: 507, as every other full-store answer."""
    incident = record_incident(details(client_record), actor=staff)
    before = counts()
    response = as_staff.post(
        f"/api/casework/incidents/{incident.pk}/evidence",
        {"file": SimpleUploadedFile("letter.pdf", PDF)},
    )
    assert response.status_code == 507
    assert response.json()["rule"] == "storage_full"
    assert "no room left to store files" in response.json()["detail"]
    assert counts() == before
    assert stored_files(full_store) == []


def email_with_attachment() -> bytes:
    msg = EmailMessage()
    msg["From"] = "jane@example.com"
    msg["To"] = "enquiries@example.org"
    msg["Subject"] = "My documents"
    msg["Date"] = "Mon, 02 Mar 2026 10:30:00 +0000"
    msg["Message-ID"] = "<full-store@example.com>"
    msg.set_content("Please see the attached statement.")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="statement.pdf")
    return msg.as_bytes()


def test_correspondence_upload_page_and_api_say_the_store_is_full_and_store_no_message(
    as_admin: HttpClient, admin_user: Any, client_record: Any, full_store: Path
) -> None:
    before = counts()
    page = as_admin.post(
        "/correspondence/imports/",
        {"upload": SimpleUploadedFile("statement.eml", email_with_attachment())},
    )
    assert page.status_code == 507
    assert "File store full" in page.content.decode()
    assert "no room left to store files" in page.content.decode()
    api = as_admin.post(
        "/api/correspondence/imports",
        {"file": SimpleUploadedFile("statement.eml", email_with_attachment())},
    )
    assert api.status_code == 507
    assert api.json()["code"] == "storage_full"
    assert "no room left to store files" in api.json()["detail"]
    # No message, attachment row or partial file. The two import runs are recorded
    # as stopped (never finished), with the reason.
    assert (Communication.objects.count(), Attachment.objects.count()) == before[3:]
    runs = ImportRun.objects.filter(finished_at__isnull=True)
    assert runs.count() == 2
    assert all("file store is full" in run.stopped_reason for run in runs)
    assert stored_files(full_store) == []
