"""The issue's acceptance checks, on the demo organisation."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.core.management import call_command

from conduct.audit.services import verify_chain
from conduct.clients.models import Client
from conduct.demo.seed import seed_demo
from conduct.privacy.retention import plan_retention
from conduct.privacy.subject_access import export_subject_access

pytestmark = pytest.mark.django_db


def test_demo_subject_access_retention_and_a_verified_chain(
    settings: Any, tmp_path: Any, capsys: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    assert seed_demo(clients=12)
    busiest = max(Client.objects.all(), key=lambda c: c.incidents.count())
    export = export_subject_access(busiest, actor=None, redact_third_parties=True, pdf=False)
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        document = json.loads(archive.read("subject-access.json"))
    held = {s["key"] for s in document["sections"] if s["records"]}
    assert {"client", "casework.incidents", "casework.decisions", "audit.events"} <= held
    plan = plan_retention()
    assert {d.reference for d in plan.due} == {"DEMO-FORMER-1"}
    assert [h.reference for h in plan.held] == ["DEMO-FORMER-2"]
    call_command("retention", "run", "--dry-run")
    assert "would go: client" in capsys.readouterr().out
    call_command("retention", "run")
    assert Client.objects.filter(reference__startswith="ANON-").count() == 1
    assert verify_chain().ok
    call_command("audit", "verify")
