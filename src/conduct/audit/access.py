"""The one way pages and the API read the audit log: each read is recorded once, with its door."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from conduct.audit.models import AuditEvent
from conduct.audit.reads import Door, record_view


def audit_log_for_user(user: Any, *, door: Door) -> QuerySet[AuditEvent]:
    """Every event, newest first, for a user the caller has let read the log; records the read."""
    record_view("audit.log.viewed", actor=user, door=door)
    return AuditEvent.objects.select_related("actor").all()
