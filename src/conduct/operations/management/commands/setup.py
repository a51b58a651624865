from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from conduct.accounts.groups import sync_role_groups
from conduct.policy.services import ensure_policy_loaded


class Command(BaseCommand):
    help = "Prepare the database and static files: migrate, load the policy, and (with --demo) the demo organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Load the demo organisation if the database has no clients.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("check", fail_level="ERROR")
        call_command("migrate", interactive=False, verbosity=0)
        sync_role_groups()
        version = ensure_policy_loaded()
        self.stdout.write(f"Database ready; policy version {version.version} in force.")
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["demo"]:
            from conduct.demo.seed import seed_demo

            if seed_demo():
                self.stdout.write("Loaded the demo organisation.")
            else:
                self.stdout.write(
                    "Demo organisation already present (clients exist); left as it is. "
                    f"To start again with fresh demo data, delete {settings.DATA_DIR} "
                    "(make clean-data) and run setup again."
                )
