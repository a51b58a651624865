"""``conduct poll_imap``: take new messages from the configured IMAP mailbox once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.correspondence.imap import poll
from conduct.correspondence.tasks import configured_account, poll_imap_task


class Command(BaseCommand):
    help = (
        "Poll the IMAP mailbox set by CONDUCT_IMAP_HOST, _PORT, _USER, _PASSWORD (or _AUTH "
        "for an OAuth token), _MAILBOX and _SSL. Each message is taken once (UIDVALIDITY and "
        "the last UID are remembered). A flagged message is moved to "
        "CONDUCT_IMAP_FLAGGED_FOLDER or marked, as CONDUCT_IMAP_FLAGGED_ACTION says. "
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
        self.stdout.write(
            f"{account.label}: {result.stored.added} new message(s), "
            f"{result.shielded} flagged message(s) {_done(account.shield.action)}"
        )
        if result.error:
            raise CommandError(result.error)


def _done(action: str) -> str:
    return {"move": "moved", "keyword": "marked"}.get(action, "left in place")
