"""Background work through Django's Tasks interface (django-tasks).

Embedded: the database backend (``conduct db_worker``), no broker. At scale:
``CONDUCT_TASKS_BACKEND=django_tasks_rq.RQBackend`` with Redis workers
(``conduct rqworker default``) on any machine that reaches the database.
Every task is idempotent, so a task that dies and runs again stores nothing twice.
Review reminders and restriction lapses are casework's task
(``conduct.casework.tasks.run_scheduled_casework``).
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django_tasks import task

from conduct.correspondence.imap import ImapAccount, poll
from conduct.correspondence.models import ImportRun
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.pipeline import ingest_path, limits
from conduct.correspondence.services.ingest import store_items
from conduct.correspondence.shield import Shield


def _run(run_id: int | None) -> ImportRun | None:
    return ImportRun.objects.filter(pk=run_id).first() if run_id else None


@task()
def ingest_path_task(path: str, run_id: int | None = None) -> dict[str, int]:
    """Import a file or folder the worker can read (shared storage)."""
    result = ingest_path(Path(path), actor=None, run=_run(run_id))
    return {"added": result.added, "duplicates": result.duplicates, "rejected": result.rejected}


@task()
def ingest_messages_task(messages: list[list[str]], run_id: int | None = None) -> dict[str, int]:
    """Store raw e-mail messages carried in the task itself: [[ref, base64 bytes], ...].

    Workers need no shared disk: the broker carries the bytes.
    """
    items: list[Item] = []
    rejected: list[Rejected] = []
    now = datetime.now(UTC)
    for ref, encoded in messages:
        parsed = parse_email(
            base64.b64decode(encoded),
            ref,
            fallback_time=now,
            max_bytes=limits().max_message_bytes,
        )
        if isinstance(parsed, Rejected):
            rejected.append(parsed)
        else:
            items.append(parsed)
    result = store_items(items, rejected, actor=None, run=_run(run_id))
    return {"added": result.added, "duplicates": result.duplicates, "rejected": result.rejected}


def configured_account() -> ImapAccount | None:
    conf: dict[str, Any] = settings.CORRESPONDENCE_IMAP
    if not conf.get("host") or not conf.get("user"):
        return None
    return ImapAccount(
        host=conf["host"],
        port=int(conf["port"]),
        user=conf["user"],
        password=conf["password"],
        mailbox=conf["mailbox"],
        ssl=bool(conf["ssl"]),
        auth=conf.get("auth", "password"),
        shield=Shield(
            action=conf.get("flagged_action", "move"),
            folder=conf.get("flagged_folder", "Client Conduct/Flagged"),
            keyword=conf.get("flagged_keyword", "ClientConductFlagged"),
            placeholder=bool(conf.get("placeholder", False)),
        ),
    )


@task()
def poll_imap_task() -> dict[str, Any]:
    """Poll the configured mailbox (CONDUCT_IMAP_*); does nothing if none is configured."""
    account = configured_account()
    if account is None:
        return {"added": 0, "error": "no mailbox configured"}
    result = poll(account)
    return {"added": result.stored.added, "shielded": result.shielded, "error": result.error}
