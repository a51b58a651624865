from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.casework.services import run_scheduled


class Command(BaseCommand):
    help = (
        "Casework jobs. 'casework run-scheduled' refers unfinished live-call records, lapses "
        "restrictions at their review date and sends overdue-case and review-due reminders; "
        "safe to run repeatedly (run it every 15 minutes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser(
            "run-scheduled",
            help="Refer unfinished live calls, lapse due restrictions and send reminders now.",
        )
        run.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD), for catching up."
        )
        run.add_argument(
            "--enqueue", action="store_true", help="Queue it as a background task instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "run-scheduled":
            if options.get("enqueue"):
                from conduct.casework.tasks import run_scheduled_casework

                result = run_scheduled_casework.enqueue()
                self.stdout.write(f"queued task {result.id}")
                return
            on = None
            if options.get("date"):
                try:
                    on = date.fromisoformat(options["date"])
                except ValueError:
                    raise CommandError("--date must be YYYY-MM-DD") from None
            self.stdout.write(str(run_scheduled(on)))
