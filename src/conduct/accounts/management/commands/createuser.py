from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.accounts.roles import Role, parse_role
from conduct.accounts.services import create_user


class Command(BaseCommand):
    help = "Create a user with one role: staff, senior_manager or admin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--role", required=True, help="staff, senior_manager (or senior-manager) or admin"
        )
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )
        parser.add_argument(
            "--no-password",
            action="store_true",
            help="No password: the user signs in only through the identity provider, "
            "matched by this username at their first sign-in.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            role: Role = parse_role(options["role"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        password: str | None
        if options["no_password"]:
            password = None
        elif options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        elif sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the passwords do not match")
        else:
            raise CommandError("give the password with --password-stdin, or run in a terminal")
        try:
            create_user(
                options["username"],
                role=role,
                password=password,
                actor=None,
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Created {options['username']} with role {role.label.lower()}.")
