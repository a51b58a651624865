"""Generate docs/cli.md from the real ``--help`` of every ``conduct`` command."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stdout

from django.core.management import get_commands, load_command_class

HEADER = """# The `conduct` command

`conduct` is the one entry point: it runs Django's management commands with
Client Conduct's settings. This page is generated from each command's `--help`
by `make docs` (a test fails when it is out of date). Django's own commands
(`migrate`, `check`, `shell`, …) are available too.
"""


def project_commands() -> list[tuple[str, str]]:
    """(command, app module) for the commands Client Conduct itself provides."""
    return sorted((name, app) for name, app in get_commands().items() if app.startswith("conduct."))


def help_text(app: str, name: str) -> str:
    command = load_command_class(app, name)
    parser = command.create_parser("conduct", name)
    buffer = io.StringIO()
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        with redirect_stdout(buffer):
            parser.print_help()
    finally:
        if columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = columns
    return buffer.getvalue().rstrip()


def render() -> str:
    parts = [HEADER]
    for name, app in project_commands():
        parts.append(f"## `conduct {name}`\n\n```\n{help_text(app, name)}\n```\n")
    return "\n".join(parts)
