"""The scheduled retention job (django-tasks). Schedule it daily, e.g. from cron
with ``conduct retention run``, or enqueue ``run_retention_task``."""

from __future__ import annotations

from django_tasks import task

from conduct.privacy.retention import run_retention


@task()
def run_retention_task(dry_run: bool = False) -> str:
    return str(run_retention(actor=None, dry_run=dry_run))
