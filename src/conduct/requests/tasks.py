"""Background task (django-tasks): a scheduler enqueues it daily, or run
``conduct requests run-scheduled``."""

from __future__ import annotations

from django_tasks import task

from conduct.requests.services import send_request_reminders


@task()
def send_request_reminders_task() -> int:
    """Remind who answers each open request that is due soon or overdue."""
    return send_request_reminders()
