"""Background tasks through Django's Tasks interface (immediate backend in tests)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from conduct.correspondence.models import Communication
from conduct.correspondence.tasks import (
    ingest_messages_task,
    ingest_path_task,
    poll_imap_task,
)
from conduct.correspondence.worker import Worker

from .conftest import mail, write_mbox

pytestmark = pytest.mark.django_db


def test_ingest_messages_task_is_idempotent(client_record: Any) -> None:
    chunk = [
        ["box #1", base64.b64encode(mail(1)).decode()],
        ["box #2", base64.b64encode(b"\x00junk").decode()],
    ]
    first = ingest_messages_task.enqueue(chunk).return_value
    assert first == {"added": 1, "duplicates": 0, "rejected": 1}
    second = ingest_messages_task.enqueue(chunk).return_value
    assert second == {"added": 0, "duplicates": 1, "rejected": 1}
    assert Communication.objects.get().client == client_record


def test_ingest_path_task(tmp_path: Path) -> None:
    box = write_mbox(tmp_path / "t.mbox", [mail(1), mail(2)])
    assert ingest_path_task.enqueue(str(box)).return_value["added"] == 2


def test_poll_without_a_mailbox_does_nothing() -> None:
    assert poll_imap_task.enqueue().return_value == {"added": 0, "error": "no mailbox configured"}


def test_worker_never_logs_job_descriptions(monkeypatch: pytest.MonkeyPatch) -> None:
    from rq.worker import Worker as RQWorker

    seen: dict[str, Any] = {}

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        seen.update(kwargs)

    monkeypatch.setattr(RQWorker, "__init__", init)
    Worker(["default"], log_job_description=True)
    assert seen["log_job_description"] is False
