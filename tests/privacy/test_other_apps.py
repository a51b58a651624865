"""Correspondence and letters contribute their records through the registry."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.core.files.storage import storages
from freezegun import freeze_time

from conduct.audit.services import verify_chain
from conduct.casework.models import Decision
from conduct.privacy.registry import record_types
from conduct.privacy.retention import plan_retention, run_retention
from conduct.privacy.subject_access import export_subject_access
from tests.privacy.conftest import OLD, History

pytestmark = pytest.mark.django_db

ATTACHMENT = b"A note the client attached."

needs_correspondence = pytest.mark.skipif(
    not apps.is_installed("conduct.correspondence"), reason="correspondence app not installed"
)
needs_letters = pytest.mark.skipif(
    not apps.is_installed("conduct.letters"), reason="letters app not installed"
)


def test_every_installed_provider_is_registered_in_erasure_order() -> None:
    keys = [t.key for t in record_types()]
    assert keys[-3:] == ["casework", "clients", "audit"]
    holding = ["correspondence", "letters", "requests", "casework", "clients", "audit"]
    installed = [key for key in holding if apps.is_installed(f"conduct.{key}")]
    assert keys == installed


def sections(export: Any) -> dict[str, list[dict[str, Any]]]:
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        return {
            s["key"]: s["records"]
            for s in json.loads(archive.read("subject-access.json"))["sections"]
        }


def add_correspondence(client: Any, staff: Any) -> None:
    from conduct.correspondence.parsing.items import Item, ParsedAttachment
    from conduct.correspondence.services import log_staff_time, store_items

    store_items(
        [
            Item(
                channel="email",
                occurred_at=client.created_at,
                ref="test #1",
                sender_kind="email",
                sender=client.contact_points.get(kind="email").value,
                subject="About my account",
                body="Please call me back about my account.",
                client_reference=client.reference,
                attachments=[ParsedAttachment("note.txt", "text/plain", ATTACHMENT)],
            )
        ],
        actor=staff,
    )
    log_staff_time(client, on=client.created_at.date(), minutes=30, note="Letter", actor=staff)


def add_letter(history: History, manager: Any) -> None:
    from conduct.letters.services.letters import generate_letter

    generate_letter("restriction", actor=manager, decision=Decision.objects.get(case=history.case))


@needs_correspondence
@needs_letters
def test_communications_and_letters_are_exported(
    history: History, staff: Any, manager: Any, admin_user: Any
) -> None:
    add_correspondence(history.client, staff)
    add_letter(history, manager)
    export = export_subject_access(
        history.client, actor=admin_user, redact_third_parties=False, pdf=False
    )
    found = sections(export)
    communication = found["correspondence.communications"][0]
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        assert archive.read(communication["attachments"][0]["file"]) == ATTACHMENT
    assert communication["body"] == "Please call me back about my account."
    assert communication["screening"] is not None
    assert found["correspondence.time"][0]["minutes"] == 30
    assert found["letters.letters"][0]["kind"] == "restriction"


@needs_correspondence
@needs_letters
def test_retention_removes_communications_and_letters_first(
    old_history: History, staff: Any, manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with freeze_time(OLD):
        add_correspondence(old_history.client, staff)
        add_letter(old_history, manager)
    from conduct.correspondence.attachments import name_for
    from conduct.correspondence.models import Attachment

    sha = Attachment.objects.get().sha256
    assert storages["default"].exists(name_for(sha))
    due = {d.record_type for d in plan_retention(today=date(2030, 1, 1)).due}
    assert {"correspondence", "letters", "casework"} <= due
    with django_capture_on_commit_callbacks(execute=True):
        result = run_retention(actor=None, dry_run=False, today=date(2030, 1, 1))
    assert not storages["default"].exists(name_for(sha))
    assert not result.failed, result.failed
    assert not old_history.client.communications.exists()
    assert not old_history.client.letters.exists()
    assert verify_chain().ok
