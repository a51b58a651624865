"""Imports run one way: an app imports only apps below it in ``conduct.layers.TIERS``.

Every module under ``src/conduct`` (migrations aside) is read as source; an
import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import conduct
from conduct.layers import PROJECT_MODULES, TIERS, tier_of

SRC = Path(conduct.__file__).resolve().parent

# Imports against the order that changes under way remove; each names the change.
# (importing app, imported app): why it is still here.
# Imports against the order that are accepted for now, each with what removes it.
# Empty: every app imports only the tiers below its own.
KNOWN_UPWARD: dict[tuple[str, str], str] = {}


def app_of(path: Path) -> str:
    rel = path.relative_to(SRC)
    if len(rel.parts) == 1:
        return "project"
    return rel.parts[0]


def imported_app(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "conduct":
        return None
    if len(parts) == 1:
        return "project"
    return "project" if parts[1] in PROJECT_MODULES else parts[1]


def modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.relative_to(SRC).parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every absolute import of a ``conduct`` module in ``path``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return [(line, name) for line, name in found if name.split(".")[0] == "conduct"]


def violations(paths: list[Path]) -> list[str]:
    """``file:line importer -> imported`` for every import that is not of a lower tier."""
    bad: list[str] = []
    for path in paths:
        source = app_of(path)
        for line, name in imports(path):
            target = imported_app(name)
            if target is None or target == source or source == "project":
                continue
            if tier_of(target) < tier_of(source):
                continue
            if (source, target) in KNOWN_UPWARD:
                continue
            rel = path.relative_to(SRC.parent)
            bad.append(f"{rel}:{line} {source} -> {target} ({name})")
    return bad


def test_every_app_has_a_tier() -> None:
    apps = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    missing = sorted(app for app in apps if not any(app in tier for tier in TIERS))
    assert not missing, f"apps with no place in conduct.layers.TIERS: {missing}"


def test_no_app_imports_upwards_or_sideways() -> None:
    bad = violations(modules())
    assert not bad, "imports against conduct.layers.TIERS:\n" + "\n".join(bad)


def test_the_known_exceptions_are_still_needed() -> None:
    # An entry whose import has gone must go too, so the list only ever shrinks.
    pairs = {(app_of(path), imported_app(name)) for path in modules() for _, name in imports(path)}
    stale = sorted(pair for pair in KNOWN_UPWARD if pair not in pairs)
    assert not stale, f"KNOWN_UPWARD entries with no such import left: {stale}"


def test_nothing_imports_the_api_but_the_urls() -> None:
    users = sorted(
        f"{path.relative_to(SRC.parent)}:{line}"
        for path in modules()
        if app_of(path) != "api" and path.name != "urls.py"
        for line, name in imports(path)
        if imported_app(name) == "api"
    )
    assert not users, f"only conduct.urls mounts the API: {users}"


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("core/example.py", "from conduct.accounts.roles import Role", "core -> accounts"),
        ("audit/example.py", "import conduct.policy.models", "audit -> policy"),
        (
            "letters/example.py",
            "from conduct.correspondence import rules",
            "letters -> correspondence",
        ),
        ("casework/example.py", "from conduct.urls import urlpatterns", "casework -> project"),
    ],
)
def test_an_upward_or_sideways_import_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, line: str, expected: str
) -> None:
    fake = tmp_path / "conduct"
    path = fake / module
    path.parent.mkdir(parents=True)
    path.write_text(f"def later():\n    {line}\n", encoding="utf-8")
    monkeypatch.setattr(__name__ + ".SRC", fake)
    [found] = violations([path])
    assert found.startswith(f"conduct/{module}:2 {expected} ")
