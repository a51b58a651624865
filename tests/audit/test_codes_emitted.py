"""Every registered audit code is written somewhere, and every code written is registered.

A code nothing writes promises an audit trail that does not exist; the source is read
for the literal first argument of each ``record_event`` and ``record_view`` call.
"""

from __future__ import annotations

import ast
from pathlib import Path

import conduct
from conduct.audit.actions import ACTIONS

SOURCE = Path(conduct.__file__).parent
WRITERS = {"record_event", "record_view"}


def emitted_codes() -> dict[str, list[str]]:
    """Each code passed as a literal to a writer, with where; a non-literal is reported."""
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in WRITERS or not node.args:
                continue
            where = f"{path.relative_to(SOURCE)}:{node.lineno}"
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, []).append(where)
            elif where != "audit/reads.py:" + str(node.lineno):
                # Only record_view may pass its caller's code on to record_event.
                found.setdefault(f"<not a literal at {where}>", []).append(where)
    return found


def test_every_code_written_is_a_literal_and_registered() -> None:
    assert sorted(set(emitted_codes()) - set(ACTIONS)) == []


def test_every_registered_code_is_written_somewhere() -> None:
    assert sorted(set(ACTIONS) - set(emitted_codes())) == []
