from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.privacy.retention import RetentionRefused, run_retention


class Command(BaseCommand):
    help = (
        "Apply the retention periods. 'retention run' anonymises or deletes what is due "
        "(exporting it first when CONDUCT_RETENTION_EXPORT_DIR is set); "
        "'retention run --dry-run' only lists it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="Remove what is due; clients on legal hold are kept.")
        run.add_argument(
            "--dry-run", action="store_true", help="List what would go; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = run_retention(actor=None, dry_run=options["dry_run"])
        except RetentionRefused as exc:
            raise CommandError(str(exc), returncode=1) from None
        verb = "would go" if result.dry_run else "removed"
        for item in result.plan.due if result.dry_run else result.done:
            self.stdout.write(f"{verb}: {item}")
        for item, reason in result.failed:
            self.stdout.write(f"held back: {item}: {reason}")
        for held in result.plan.held:
            self.stdout.write(f"kept: {held}")
        for path in result.exported:
            self.stdout.write(f"exported: {path}")
        self.stdout.write(str(result))
