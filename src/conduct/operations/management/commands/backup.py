"""``conduct backup``: an online backup of the embedded database and file store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.operations.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the embedded SQLite database (with SQLite's online backup API, safe while the "
        "server runs) and the file store (evidence, attachments) into a new timestamped folder "
        "with a manifest of SHA-256 hashes. On PostgreSQL, explains how to use pg_dump."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            metavar="DIR",
            help="Folder to create the backup in (default: <data dir>/backups).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"] or Path(settings.DATA_DIR) / "backups")
        try:
            result = make_backup(output.resolve())
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for name in result.missing:
            self.stderr.write(f"{name}: removed while the backup ran; not copied")
        self.stdout.write(
            f"Backup written to {result.path} "
            f"({result.audit_events} audit events, {result.files} stored files)."
        )
