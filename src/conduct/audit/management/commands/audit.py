from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.audit.services import accept_rewind, verify_audit, write_anchor


class Command(BaseCommand):
    help = (
        "Work with the audit trail. 'audit verify' walks the hash chain and checks it "
        "against every anchor kept outside the database; 'audit anchor' writes one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "verify",
            help="Check every event's hash and link, then every anchor outside the "
            "database; exit 1 at the first problem.",
        )
        anchor = sub.add_parser(
            "anchor",
            help="Anchor the chain head now (CONDUCT_AUDIT_ANCHOR_FILE); it is also done "
            "after every commit.",
        )
        anchor.add_argument(
            "--accept-rewind",
            action="store_true",
            help="After restoring a backup: accept that the chain is shorter than its "
            "anchor says, and anchor it again from here (recorded in the chain).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "anchor":
                if options["accept_rewind"]:
                    seq = accept_rewind(actor=None)
                    self.stdout.write(f"anchors start again from event #{seq}")
                else:
                    self.stdout.write(f"audit chain anchored at event #{write_anchor(actor=None)}")
                return
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc), returncode=1) from None
        result = verify_audit()
        if not result.ok:
            raise CommandError(str(result), returncode=1)
        self.stdout.write(str(result))
