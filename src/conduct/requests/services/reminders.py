"""Reminders before (and on missing) a request's deadline, to those who answer it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework.wording import long_date
from conduct.notifications.services import notify
from conduct.requests import rules
from conduct.requests.models import ClientRequest


def handlers(kind: str) -> list[Any]:
    """Active users whose role answers ``kind`` (through their groups' permissions)."""
    app_label, codename = rules.HANDLER_PERMISSION[kind].split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None:
        return []
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .distinct()
    )


def send_request_reminders(on: date | None = None) -> int:
    """Remind who answers each open request when its deadline is near, and when it passes.

    Safe to run as often as you like: each reminder goes once per deadline.
    Returns how many notifications were created.
    """
    day = on or timezone.localdate()
    horizon = day + timedelta(days=int(settings.REQUESTS_REMINDER_DAYS))
    sent = 0
    by_kind = {kind: handlers(kind) for kind in rules.KINDS}
    with transaction.atomic():
        for request in ClientRequest.objects.filter(status=rules.OPEN).order_by("pk"):
            deadline = request.deadline
            if deadline > horizon:
                continue
            title = rules.KINDS[request.kind].lower()
            if deadline < day:
                key = f"request-overdue-{request.pk}-{deadline.isoformat()}"
                text = f"Request {request.reference} ({title}) is overdue: it was due by {long_date(deadline)}."
            else:
                key = f"request-due-{request.pk}-{deadline.isoformat()}"
                text = f"Request {request.reference} ({title}) is due by {long_date(deadline)}."
            sent += notify(
                by_kind[request.kind], key=key, text=text, url=f"/requests/{request.pk}/"
            )
        if sent:
            record_event(
                "requests.reminders.sent",
                actor=None,
                payload={"count": sent, "on": day.isoformat()},
            )
    return sent
