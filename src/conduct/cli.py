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

    args = ["conduct", *(sys.argv[1:] if argv is None else argv)]
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
