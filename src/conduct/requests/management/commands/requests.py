from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.requests.services import send_request_reminders


class Command(BaseCommand):
    help = (
        "Clients' requests. 'requests run-scheduled' reminds admins of subject access requests "
        "and senior managers of review requests that are due soon or overdue; safe to run "
        "repeatedly (run it daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run-scheduled", help="Send request deadline reminders now.")
        run.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD), for catching up."
        )
        run.add_argument(
            "--enqueue", action="store_true", help="Queue it as a background task instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("enqueue"):
            from conduct.requests.tasks import send_request_reminders_task

            result = send_request_reminders_task.enqueue()
            self.stdout.write(f"queued task {result.id}")
            return
        on = None
        if options.get("date"):
            try:
                on = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be YYYY-MM-DD") from None
        self.stdout.write(f"{send_request_reminders(on)} request reminder(s) sent")
