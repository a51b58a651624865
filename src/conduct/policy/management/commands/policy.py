from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.policy.loader import PolicyError, load_policy_file
from conduct.policy.services import (
    PolicyConflict,
    current_policy,
    current_version,
    export_policy,
    load_policy_version,
)
from conduct.screening.categories import DETECTABLE


class Command(BaseCommand):
    help = "Load, check, show or export the organisation's policy."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Validate FILE and make it the policy in force.")
        load.add_argument("file")
        check = sub.add_parser("check", help="Validate FILE without loading it.")
        check.add_argument("file")
        sub.add_parser("show", help="Print the version in force and its category ids.")
        export = sub.add_parser(
            "export",
            help="Write the version in force to FILE as YAML that 'load' accepts, "
            "and its verbatim text beside it as FILE's name with .txt.",
        )
        export.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "check":
                policy = load_policy_file(options["file"], known_screener=DETECTABLE)
                self.stdout.write(
                    f"{options['file']}: valid, version {policy.version}, {len(policy.categories)} categories"
                )
            elif action == "load":
                version, created = load_policy_version(options["file"], actor=None)
                state = "loaded and now in force" if created else "already loaded; now in force"
                self.stdout.write(f"Policy version {version.version} {state}.")
            elif action == "export":
                written, text = export_policy(options["file"], actor=None)
                version = current_version()
                beside = f" and its text to {text}" if text is not None else ""
                self.stdout.write(f"Policy version {version.version} written to {written}{beside}.")
            else:
                version = current_version()
                policy = current_policy()
                self.stdout.write(
                    f"{policy.title} — version {version.version} (sha256 {version.sha256[:12]})"
                )
                for category in policy.categories:
                    self.stdout.write(f"  {category.id:32} {category.title}")
        except PolicyError as exc:
            raise CommandError(exc.describe()) from None
        except PolicyConflict as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(
                f"{options.get('file')}: cannot be written: {exc.strerror}"
            ) from None
