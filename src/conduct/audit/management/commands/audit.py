from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.audit.services import verify_chain


class Command(BaseCommand):
    help = "Work with the audit trail. 'audit verify' walks the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "verify", help="Check every event's hash and link; exit 1 at the first broken one."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            result = verify_chain()
            if not result.ok:
                raise CommandError(str(result), returncode=1)
            self.stdout.write(str(result))
