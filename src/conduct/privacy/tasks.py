"""Background tasks (django-tasks): the retention job (schedule it daily, e.g. from
cron with ``conduct retention run``, or enqueue ``run_retention_task``) and the
subject access export, queued by ``privacy.exports.request_subject_access_export``."""

from __future__ import annotations

from django_tasks import task

from conduct.privacy.exports import make_export
from conduct.privacy.retention import run_retention


@task()
def run_retention_task(dry_run: bool = False) -> str:
    return str(run_retention(actor=None, dry_run=dry_run))


@task()
def make_subject_access_export_task(export_id: int) -> str:
    """Make one subject access export; returns its final state (ready or failed)."""
    return str(make_export(export_id))
