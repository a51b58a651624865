"""Subject access exports in the background: progress, the ready link, an audited
download, the time budget, failures, and files removed after their keeping period."""

from __future__ import annotations

import io
import json
import re
import stat
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone
from pypdf import PdfReader

from conduct.audit.models import AuditEvent
from conduct.clients.models import Client
from conduct.privacy import exports
from conduct.privacy.exports import make_export, request_subject_access_export
from conduct.privacy.models import SubjectAccessExport
from tests.privacy.conftest import History

pytestmark = pytest.mark.django_db
State = SubjectAccessExport.State


@pytest.fixture(autouse=True)
def export_folder(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVACY_SUBJECT_ACCESS_DIR = tmp_path / "subject-access"
    return tmp_path / "subject-access"


def actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="privacy.subject_access")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_page_queues_it_shows_progress_then_a_link_and_the_download_is_audited(
    history: History,
    as_admin: HttpClient,
    admin_user: Any,
    export_folder: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    url = f"/privacy/clients/{history.client.pk}/subject-access"
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = as_admin.post(url, {"redact_third_parties": "on", "request_reference": "SAR-7"})
    export = SubjectAccessExport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/privacy/exports/{export.pk}/"
    assert export.state == State.QUEUED and export.request_reference == "SAR-7"
    assert export.requested_by == admin_user and len(queued) == 1
    page = as_admin.get(f"/privacy/exports/{export.pk}/")
    assert b"Waiting to start" in page.content and b"<progress" in page.content
    assert b"Download the subject access export" not in page.content
    status = as_admin.get(f"/privacy/exports/{export.pk}/status").json()
    assert status == {
        "state": "queued",
        "state_label": "Waiting to start",
        "progress": 0,
        "step": "Waiting for the background worker",
        "finished": False,
    }

    queued[0]()  # the worker runs the task (the test backend runs it at once)

    export.refresh_from_db()
    assert export.state == State.READY and export.progress == 100, export.error
    assert export.started_at and export.finished_at and export.expires_at
    assert export.expires_at - export.finished_at == timedelta(days=7)
    path = export_folder / export.file_name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(export_folder.stat().st_mode) == 0o700
    assert as_admin.get(f"/privacy/exports/{export.pk}/status").json()["finished"] is True
    page = as_admin.get(f"/privacy/exports/{export.pk}/")
    assert b"Download the subject access export" in page.content
    assert actions() == ["privacy.subject_access.requested", "privacy.subject_access.exported"]

    download = as_admin.get(f"/privacy/exports/{export.pk}/download")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert "attachment" in download["Content-Disposition"]
    files = unzip(b"".join(download.streaming_content))
    assert json.loads(files["subject-access.json"])["client_id"] == history.client.pk
    text = pdf_text(files["subject-access.pdf"])
    assert "reference SAR-7" in text and "Incidents" in text
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), "ISO timestamp in the PDF"
    assert '{"' not in text and "Staff member 1" in text
    event = AuditEvent.objects.get(action="privacy.subject_access.downloaded")
    assert event.actor == admin_user and event.client_id == history.client.pk
    assert event.payload == {
        "client_id": history.client.pk,
        "export_id": export.pk,
        "sha256": export.sha256,
        "door": "export",
    }


def test_progress_is_recorded_step_by_step(
    client_record: Client, admin_user: Any, monkeypatch: Any
) -> None:
    export = _queued(client_record, admin_user)
    seen: list[tuple[str, int]] = []
    save = exports._save

    def spy(export_id: int, **fields: Any) -> None:
        if "step" in fields and "progress" in fields:
            seen.append((fields["step"], fields["progress"]))
        save(export_id, **fields)

    monkeypatch.setattr(exports, "_save", spy)
    assert make_export(export.pk) == State.READY
    steps = [step for step, _ in seen]
    assert steps[0] == "Starting" or steps[0].startswith("Gathering")
    assert any(s.startswith("Making the PDF") for s in steps) and steps[-1] == "Ready"
    percents = [p for _, p in seen]
    assert percents == sorted(percents) and percents[-1] == 100


def _queued(client: Client, actor: Any, **options: Any) -> SubjectAccessExport:
    # Outside a captured on-commit block the task is not queued: the test runs it.
    return request_subject_access_export(client, actor=actor, **options)


def test_past_its_time_budget_it_fails_clearly_and_keeps_nothing(
    client_record: Client,
    admin_user: Any,
    settings: Any,
    export_folder: Path,
    as_admin: HttpClient,
) -> None:
    settings.PRIVACY_SUBJECT_ACCESS_TIME_LIMIT = 0
    export = _queued(client_record, admin_user)
    assert make_export(export.pk) == State.FAILED
    export.refresh_from_db()
    assert export.state == State.FAILED and export.finished_at is not None
    assert export.error.startswith("Stopped after 0 seconds, while: ")
    assert not any(export_folder.glob("*.zip"))
    event = AuditEvent.objects.get(action="privacy.subject_access.failed")
    assert event.payload["export_id"] == export.pk and "Stopped after" in event.sentence
    page = as_admin.get(f"/privacy/exports/{export.pk}/")
    assert b"The export failed." in page.content and b"Stopped after 0 seconds" in page.content
    refused = as_admin.get(f"/privacy/exports/{export.pk}/download", follow=True)
    assert b"The export failed; ask for a new one." in refused.content
    assert not AuditEvent.objects.filter(action="privacy.subject_access.downloaded").exists()


def test_an_error_while_making_it_fails_it_with_the_kind_of_error_only(
    client_record: Client, admin_user: Any, monkeypatch: Any, as_admin: HttpClient
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("Jane Example's notes could not be read")

    monkeypatch.setattr(exports, "build_export", broken)
    export = _queued(client_record, admin_user)
    assert make_export(export.pk) == State.FAILED
    export.refresh_from_db()
    assert export.error == "The export could not be made (RuntimeError)."
    assert "Jane" not in json.dumps(
        AuditEvent.objects.get(action="privacy.subject_access.failed").payload
    )
    response = as_admin.get(f"/api/privacy/subject-access/{export.pk}/download")
    assert response.status_code == 409
    assert response.json()["detail"] == "The export failed; ask for a new one."


def test_running_the_task_again_does_nothing(client_record: Client, admin_user: Any) -> None:
    export = _queued(client_record, admin_user)
    assert make_export(export.pk) == State.READY
    assert make_export(export.pk) == State.READY
    assert actions().count("privacy.subject_access.exported") == 1
    assert make_export(999_999) == "missing"


def _expire(export: SubjectAccessExport) -> None:
    """As if its keeping period (checked above to be 7 days) had passed."""
    SubjectAccessExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )


def test_after_its_keeping_period_the_file_is_refused_and_removed(
    client_record: Client, admin_user: Any, as_admin: HttpClient, export_folder: Path
) -> None:
    export = _queued(client_record, admin_user)
    make_export(export.pk)
    export.refresh_from_db()
    path = export_folder / export.file_name
    assert path.exists()
    _expire(export)
    refused = as_admin.get(f"/privacy/exports/{export.pk}/download", follow=True)
    assert b"removed after its keeping period" in refused.content
    export.refresh_from_db()
    assert export.state == State.REMOVED and export.removed_at is not None
    assert not path.exists()
    assert "privacy.subject_access.removed" in actions()
    assert "privacy.subject_access.downloaded" not in actions()


def test_the_next_export_removes_expired_files(
    client_record: Client, admin_user: Any, export_folder: Path
) -> None:
    old = _queued(client_record, admin_user)
    make_export(old.pk)
    old.refresh_from_db()
    _expire(old)
    new = _queued(client_record, admin_user)
    make_export(new.pk)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.state == State.REMOVED and not (export_folder / old.file_name).exists()
    assert new.state == State.READY and (export_folder / new.file_name).exists()


def test_a_client_with_a_megabyte_of_notes_finishes_within_the_budget(
    client_record: Client, admin_user: Any, settings: Any, export_folder: Path
) -> None:
    # The stated bound (docs/data-protection.md): 60 seconds on one shared core.
    settings.PRIVACY_SUBJECT_ACCESS_TIME_LIMIT = 60
    notes = "Long note about the account, written over the years. " * 20_000
    assert len(notes) > 1_000_000
    Client.objects.filter(pk=client_record.pk).update(notes=notes)
    export = _queued(client_record, admin_user)
    assert make_export(export.pk) == State.READY
    export.refresh_from_db()
    files = unzip((export_folder / export.file_name).read_bytes())
    sections = json.loads(files["subject-access.json"])["sections"]
    record = next(s for s in sections if s["key"] == "client")["records"][0]
    assert record["notes"] == notes  # the machine-readable part holds all of it
    text = pdf_text(files["subject-access.pdf"])
    assert "Shortened here: the full text of this record is in subject-access.json" in text
    assert len(text) < 20_000
    assert notes in files["subject-access.html"].decode()


def test_only_admins_see_make_or_download_exports(
    client_record: Client,
    admin_user: Any,
    as_staff: HttpClient,
    as_manager: HttpClient,
    as_outsider: HttpClient,
    as_admin: HttpClient,
) -> None:
    export = _queued(client_record, admin_user)
    make_export(export.pk)
    for http in (as_staff, as_manager, as_outsider):
        for path in ("", "status", "download"):
            assert http.get(f"/privacy/exports/{export.pk}/{path}").status_code == 403
        assert http.get(f"/api/privacy/subject-access/{export.pk}").status_code == 403
        assert http.get(f"/api/privacy/subject-access/{export.pk}/download").status_code == 403
    assert as_admin.get("/privacy/exports/999999/").status_code == 404
    assert as_admin.get("/api/privacy/subject-access/999999").status_code == 404
    assert "privacy.subject_access.downloaded" not in actions()


def test_over_the_api_it_answers_202_then_a_status_then_the_file(
    client_record: Client,
    as_admin: HttpClient,
    admin_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = as_admin.post(
            f"/api/privacy/clients/{client_record.pk}/subject-access"
            "?redact_third_parties=false&reference=SAR-2026-14"
        )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["state"] == "queued" and body["download_url"] is None
    assert body["request_reference"] == "SAR-2026-14" and body["redact_third_parties"] is False
    status = as_admin.get(body["status_url"]).json()
    assert status["state"] == "ready" and status["progress"] == 100
    download = as_admin.get(status["download_url"])
    assert download.status_code == 200
    assert "subject-access.json" in unzip(b"".join(download.streaming_content))
    assert actions() == [
        "privacy.subject_access.requested",
        "privacy.subject_access.exported",
        "privacy.subject_access.downloaded",
    ]
    too_long = as_admin.post(
        f"/api/privacy/clients/{client_record.pk}/subject-access?reference={'x' * 101}"
    )
    assert too_long.status_code == 422
    assert as_admin.post("/api/privacy/clients/99999/subject-access").status_code == 404


def test_a_queued_export_cannot_be_downloaded_yet(
    client_record: Client, admin_user: Any, as_admin: HttpClient
) -> None:
    export = _queued(client_record, admin_user)
    response = as_admin.get(f"/api/privacy/subject-access/{export.pk}/download")
    assert response.status_code == 409
    assert response.json()["detail"] == "The export has not started yet."


def test_the_retention_run_removes_expired_exports(
    client_record: Client, admin_user: Any, export_folder: Path
) -> None:
    from conduct.privacy.retention import run_retention

    export = _queued(client_record, admin_user)
    make_export(export.pk)
    export.refresh_from_db()
    run_retention(actor=None, dry_run=True)
    assert (export_folder / export.file_name).exists()
    _expire(export)
    run_retention(actor=None, dry_run=True)  # a dry run removes nothing
    assert (export_folder / export.file_name).exists()
    run_retention(actor=None, dry_run=False)
    export.refresh_from_db()
    assert export.state == State.REMOVED and not (export_folder / export.file_name).exists()


def test_an_export_whose_worker_died_is_failed(
    client_record: Client, admin_user: Any, settings: Any
) -> None:
    settings.PRIVACY_SUBJECT_ACCESS_TIME_LIMIT = 60
    dead = _queued(client_record, admin_user)
    SubjectAccessExport.objects.filter(pk=dead.pk).update(
        state=State.RUNNING, started_at=timezone.now() - timedelta(seconds=200)
    )
    recent = _queued(client_record, admin_user)
    SubjectAccessExport.objects.filter(pk=recent.pk).update(
        state=State.RUNNING, started_at=timezone.now() - timedelta(seconds=100)
    )
    assert exports.fail_abandoned_exports() == 1
    dead.refresh_from_db()
    recent.refresh_from_db()
    assert dead.state == State.FAILED
    assert dead.error == "The background worker stopped while making it. Nothing was kept."
    assert recent.state == State.RUNNING  # still within twice its budget (and a minute)
    make_export(_queued(client_record, admin_user).pk)  # the next export does the same
    assert exports.fail_abandoned_exports() == 0
