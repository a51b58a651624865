"""``conduct demand rebuild``: recompute the demand figures from the communications."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from conduct.correspondence.services import rebuild_demand


class Command(BaseCommand):
    help = (
        "Work with the demand figures. 'demand rebuild' recomputes the per-client, per-day "
        "figures from every communication and time entry (they are otherwise kept up to date "
        "with each change); safe to run at any time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="Recompute the figures from scratch.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rebuild_demand(actor=None)
        self.stdout.write(
            "Demand figures rebuilt: "
            + ", ".join(f"{n:,} {what.replace('_', ' ')}" for what, n in counts.items())
        )
