"""Retention: the dry run lists, legal hold stops it, the real run removes what is
due (exporting it first) and the audit chain still verifies."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient

from conduct.audit.models import AuditEvent
from conduct.audit.redaction import redact_event
from conduct.audit.services import verify_chain
from conduct.casework.models import Evidence, Incident, Restriction
from conduct.casework.services.evidence import path_for
from conduct.clients.models import Client
from conduct.privacy.holds import lift_legal_hold, set_legal_hold
from conduct.privacy.retention import RetentionRefused, plan_retention, run_retention
from tests.privacy.conftest import History

pytestmark = pytest.mark.django_db


def due_types(client: Client) -> set[str]:
    return {d.record_type for d in plan_retention().due if d.client_id == client.pk}


def test_recent_clients_are_kept_and_old_ones_are_listed(
    history: History, old_history: History
) -> None:
    assert due_types(history.client) == set()
    assert due_types(old_history.client) == {"casework", "clients", "audit"}
    casework = next(d for d in plan_retention().due if d.record_type == "casework")
    assert casework.counts["incidents"] == 1 and casework.counts["evidence files"] == 1
    # The verbal warning given on the call stayed in force for a year.
    assert casework.last_activity == date(2019, 3, 1)
    assert casework.due_on == date(2025, 3, 1)


def test_the_dry_run_changes_nothing(old_history: History, capsys: Any) -> None:
    before = Incident.objects.count()
    call_command("retention", "run", "--dry-run")
    out = capsys.readouterr().out
    assert "would go: client" in out and "CL-000100" in out and "casework" in out
    assert Incident.objects.count() == before
    assert Client.objects.get(pk=old_history.client.pk).name == "Olaf Oldcase"
    run = AuditEvent.objects.get(action="privacy.retention.run")
    assert run.payload["dry_run"] is True and run.actor_label == "system"


def test_a_real_run_removes_what_is_due_and_the_chain_still_verifies(
    history: History, old_history: History, capsys: Any, django_capture_on_commit_callbacks: Any
) -> None:
    old = old_history.client
    sha = Evidence.objects.get(incident=old_history.incident).sha256
    with django_capture_on_commit_callbacks(execute=True):
        call_command("retention", "run")
    out = capsys.readouterr().out
    assert "removed: client" in out
    old.refresh_from_db()
    assert old.name == "Anonymised client" and old.reference == f"ANON-{old.pk}"
    assert not old.contact_points.exists() and old.postal_address == ""
    assert not Incident.objects.filter(client=old).exists()
    assert not Restriction.objects.filter(client=old).exists()
    # The recent client is untouched, and shares the evidence file, so it stays.
    assert Incident.objects.filter(client=history.client).count() == 1
    assert path_for(sha).exists()
    # Audit rows stay; their payloads are redacted, each redaction recorded.
    about_old = AuditEvent.objects.filter(client_id=old.pk)
    created = about_old.get(action="clients.client.created")
    assert created.payload == {"redacted": True} and created.redacted_at is not None
    assert AuditEvent.objects.filter(
        action="audit.event.redacted", payload__event_id=created.seq
    ).exists()
    assert "Olaf" not in json.dumps(list(AuditEvent.objects.values_list("payload", flat=True)))
    assert verify_chain().ok
    call_command("audit", "verify")
    assert "audit chain intact" in capsys.readouterr().out
    # A second run finds nothing more to do.
    assert plan_retention().due == []


def test_files_no_longer_used_by_anyone_are_removed(
    old_history: History, django_capture_on_commit_callbacks: Any
) -> None:
    sha = Evidence.objects.get().sha256
    with django_capture_on_commit_callbacks(execute=True):
        result = run_retention(actor=None, dry_run=False)
    assert not result.failed
    assert not path_for(sha).exists()


def test_legal_hold_stops_retention_until_lifted(old_history: History, admin_user: Any) -> None:
    hold = set_legal_hold(old_history.client, "Claim in the county court.", actor=admin_user)
    with pytest.raises(ValueError, match="already on legal hold"):
        set_legal_hold(old_history.client, "again", actor=admin_user)
    plan = plan_retention()
    assert plan.due == [] and [h.client_id for h in plan.held] == [old_history.client.pk]
    result = run_retention(actor=None, dry_run=False)
    assert result.done == []
    assert Incident.objects.filter(client=old_history.client).exists()
    lift_legal_hold(hold, "Claim settled.", actor=admin_user)
    with pytest.raises(ValueError, match="already lifted"):
        lift_legal_hold(hold, "again", actor=admin_user)
    assert run_retention(actor=None, dry_run=False).done
    assert not Incident.objects.filter(client=old_history.client).exists()
    assert verify_chain().ok
    codes = list(AuditEvent.objects.values_list("action", flat=True))
    assert codes.count("privacy.legal_hold.set") == 1
    assert codes.count("privacy.legal_hold.lifted") == 1


def test_what_is_removed_is_exported_first(
    old_history: History, settings: Any, tmp_path: Any
) -> None:
    folder = tmp_path / "exports"
    settings.PRIVACY_RETENTION_EXPORT_DIR = str(folder)
    result = run_retention(actor=None, dry_run=False)
    assert len(result.exported) == 3
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    casework = next(p for p in result.exported if p.name.endswith("-casework.zip"))
    assert oct(casework.stat().st_mode & 0o777) == "0o600"
    with zipfile.ZipFile(io.BytesIO(casework.read_bytes())) as archive:
        document = json.loads(archive.read("subject-access.json"))
        keys = {s["key"] for s in document["sections"]}
        assert "casework.incidents" in keys and "client" not in keys
        assert any(n.startswith("evidence/") for n in archive.namelist())
    erased = AuditEvent.objects.filter(action="privacy.retention.erased")
    assert {e.payload["exported"] for e in erased} == {p.name for p in result.exported}


def test_an_unusable_export_folder_stops_the_run_before_anything_goes(
    old_history: History, settings: Any, tmp_path: Any
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    settings.PRIVACY_RETENTION_EXPORT_DIR = str(blocker / "exports")
    with pytest.raises(RetentionRefused):
        run_retention(actor=None, dry_run=False)
    assert Incident.objects.filter(client=old_history.client).exists()


def test_periods_are_configurable_per_record_type(old_history: History, settings: Any) -> None:
    settings.PRIVACY_RETENTION_YEARS = {**settings.PRIVACY_RETENTION_YEARS, "casework": 50}
    assert due_types(old_history.client) == {"clients", "audit"}
    assert plan_retention(today=date(2070, 1, 1)).due


def test_redacting_an_event_keeps_the_chain_and_refuses_redaction_records(
    client_record: Any, admin_user: Any
) -> None:
    event = AuditEvent.objects.get(action="clients.client.created")
    redact_event(event, actor=admin_user)
    assert verify_chain().ok
    record = AuditEvent.objects.get(action="audit.event.redacted")
    with pytest.raises(ValueError, match="never itself redacted"):
        redact_event(record, actor=admin_user)
    assert redact_event(event, actor=admin_user).redacted_at is not None  # idempotent
    assert AuditEvent.objects.filter(action="audit.event.redacted").count() == 1


def test_the_scheduled_task_runs_retention(old_history: History) -> None:
    from conduct.privacy.tasks import run_retention_task

    result = run_retention_task.enqueue(dry_run=True)
    assert "would go" in str(result.return_value)


def test_retention_and_hold_pages(
    old_history: History,
    as_staff: HttpClient,
    as_manager: HttpClient,
    as_admin: HttpClient,
    as_outsider: HttpClient,
) -> None:
    client = old_history.client
    for http in (as_staff, as_manager, as_outsider):
        assert http.get("/privacy/retention/").status_code == 403
        assert (
            http.post(f"/privacy/clients/{client.pk}/legal-hold", {"reason": "x"}).status_code
            == 403
        )
    page = as_admin.get("/privacy/retention/")
    assert page.status_code == 200 and b"CL-000100" in page.content
    assert AuditEvent.objects.filter(action="privacy.retention.previewed").exists()
    response = as_admin.post(f"/privacy/clients/{client.pk}/legal-hold", {"reason": "Complaint."})
    assert response.status_code == 302
    hold = client.legal_holds.get()
    assert b"On legal hold" in as_admin.get(f"/privacy/clients/{client.pk}/").content
    assert b"legal hold" in as_admin.get("/privacy/retention/").content
    for http in (as_staff, as_manager, as_outsider):
        assert http.post(f"/privacy/legal-holds/{hold.pk}/lift", {"reason": "x"}).status_code == 403
    as_admin.post(f"/privacy/legal-holds/{hold.pk}/lift", {"reason": ""})
    hold.refresh_from_db()
    assert hold.active
    as_admin.post(f"/privacy/legal-holds/{hold.pk}/lift", {"reason": "Resolved."})
    hold.refresh_from_db()
    assert not hold.active
    assert as_admin.post("/privacy/legal-holds/999999/lift", {"reason": "x"}).status_code == 404
