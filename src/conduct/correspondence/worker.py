"""An RQ worker for Client Conduct.

* It loads the screening model once, before it forks for each job; without the
  preload every job's forked process would import and load it again (seconds per job).
* It never logs a job's description: ours carry message bytes, and logs must not
  contain personal data.

Run it with ``conduct rqworker --worker-class conduct.correspondence.worker.Worker
--job-class django_tasks_rq.Job default``.
"""

from __future__ import annotations

from typing import Any

from rq.worker import Worker as RQWorker


class Worker(RQWorker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["log_job_description"] = False
        super().__init__(*args, **kwargs)

    def work(self, *args: Any, **kwargs: Any) -> bool:
        from conduct.screening.engine.api import default_screener

        default_screener()
        return bool(super().work(*args, **kwargs))
