"""``conduct restore PATH``: check a backup's manifest and bring it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.audit.services import verify_anchor, verify_chain
from conduct.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `conduct backup` into the data folder (CONDUCT_DATA_DIR), "
        "after checking every file against its manifest, then verify the audit chain. Stop the "
        "server first. Refuses a data folder that already holds data unless --force."
    )
    # The database may not exist yet; checks must not open it before it is restored.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", metavar="PATH", help="A backup folder made by `conduct backup`."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace existing data; the current database and files are moved aside "
            "(renamed *.replaced-<time>), never deleted.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_backup(Path(options["path"]).resolve(), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for path in result.moved_aside:
            self.stdout.write(f"Previous data kept as {path}")
        chain = verify_chain()
        self.stdout.write(f"Restored the database and {result.files} stored files; {chain}.")
        if not chain.ok:
            raise CommandError("the restored audit chain does not verify", returncode=1)
        anchored = verify_anchor()
        if not anchored.ok:
            # Expected when restoring over a folder that carried on after the backup.
            self.stdout.write(
                f"The audit anchor goes further than this backup: {anchored.problem}. "
                "Those events are lost with everything written since the backup; once you "
                "accept that, run `conduct audit anchor --accept-rewind`."
            )
