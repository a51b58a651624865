"""Background tasks (django-tasks). A scheduler (cron, systemd timer) enqueues
``run_scheduled_casework`` daily, or runs ``conduct casework run-scheduled``."""

from __future__ import annotations

from django_tasks import task

from conduct.casework.services import run_scheduled


@task()
def run_scheduled_casework() -> str:
    """Lapse restrictions due today and send overdue-case and review reminders."""
    return str(run_scheduled())
