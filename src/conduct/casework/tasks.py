"""Background tasks (django-tasks). A scheduler (cron, systemd timer) enqueues
``run_scheduled_casework`` daily, or runs ``conduct casework run-scheduled``."""

from __future__ import annotations

from django_tasks import task

from conduct.casework.models import Incident
from conduct.casework.services import refer_unfinished_call, run_scheduled


@task()
def run_scheduled_casework() -> str:
    """Lapse restrictions due today and send overdue-case and review reminders."""
    return str(run_scheduled())


@task()
def refer_unfinished_call_task(incident_id: int) -> bool:
    """Refer a live call whose record is still unfinished when this runs (queued at start)."""
    incident = Incident.objects.filter(pk=incident_id).first()
    return incident is not None and refer_unfinished_call(incident)
