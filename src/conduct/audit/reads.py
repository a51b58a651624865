"""Recording that someone read a client's records, and through which door.

Reads are audited in one place: the access helpers that fetch a sensitive
object for a user (``get_case_for_user`` and its siblings) and the few read
functions that build a sensitive page (demand profile, audit log, reports)
call :func:`record_view`. Views and API handlers never write audit events;
they say which door the read came through and the helper records it.

A helper that fetches an object only to check access before a change has a
``..._for_change`` twin that records nothing: the change writes its own event.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import models

from conduct.audit.models import AuditEvent
from conduct.audit.services import record_event


class Door(StrEnum):
    """How a read reached the records; stored as ``door`` in the event's payload."""

    PAGE = "page"  # an HTML page in the browser
    API = "api"  # the JSON API
    EXPORT = "export"  # a file handed out by a page (CSV, PDF, letter, evidence)


def record_view(
    action: str,
    *,
    actor: Any,
    door: Door,
    target: models.Model | tuple[str, object] | None = None,
    client_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append the one view event of a read, with its door, in the caller's transaction."""
    return record_event(
        action,
        actor=actor,
        target=target,
        client_id=client_id,
        payload={**(payload or {}), "door": Door(door).value},
    )
