"""The ``conduct`` command: the one entry point a user runs.

It is Django's management utility with the project's settings: ``conduct
serve``, ``conduct setup``, ``conduct createuser``, ``conduct policy load``,
``conduct audit verify``, ``conduct screen`` … Run ``conduct help`` for all.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conduct.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    args = ["conduct", *(sys.argv[1:] if argv is None else argv)]
    if args[1:2] == ["createsuperuser"]:
        # Roles are the only grant of access here; a saved superuser flag is refused.
        sys.stderr.write(
            "conduct: there are no superusers in Client Conduct; create an admin with "
            "`conduct createuser NAME --role admin`.\n"
        )
        sys.exit(2)
    try:
        execute_from_command_line(args)
    except DatabaseError as exc:
        # A database that is missing, unreachable or not yet migrated: say so
        # plainly instead of printing a traceback.
        sys.stderr.write(
            f"conduct: the database could not be used ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else 'no detail'}).\n"
            "Check DATABASE_URL / CONDUCT_DATA_DIR, and run `conduct setup` after installing a new version.\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
