"""``conduct poll_imap``: take new messages from the configured IMAP mailbox once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.correspondence.imap import poll
from conduct.correspondence.tasks import configured_account, poll_imap_task


class Command(BaseCommand):
    help = (
        "Poll the IMAP mailbox set by CONDUCT_IMAP_HOST, _PORT, _USER, _PASSWORD, _MAILBOX and "
        "_SSL. Each message is taken once (UIDVALIDITY and the last UID are remembered). "
        "Run it from cron or a timer, or with --background to queue it as a task."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--background", action="store_true", help="Queue as a task.")

    def handle(self, *args: Any, **options: Any) -> None:
        account = configured_account()
        if account is None:
            raise CommandError(
                "No mailbox configured: set CONDUCT_IMAP_HOST and CONDUCT_IMAP_USER."
            )
        if options["background"]:
            self.stdout.write(f"queued as task {poll_imap_task.enqueue().id}")
            return
        result = poll(account)
        self.stdout.write(f"{account.label}: {result.stored.added} new message(s)")
        if result.error:
            raise CommandError(result.error)
