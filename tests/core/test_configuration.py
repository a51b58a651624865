"""Every environment variable the code reads is documented (datasette's habit)."""

import re
from pathlib import Path

import pytest

from conduct.core import env

ROOT = Path(__file__).resolve().parents[2]
READERS = re.compile(
    r"""(?:env_(?:str|bool|int|list|choice)\(|os\.environ\.get\(|os\.getenv\(|os\.environ\[)\s*["']([A-Z][A-Z0-9_]+)["']"""
)
NOT_OURS = {"DJANGO_SETTINGS_MODULE", "CI", "UPDATE_SCREENSHOTS", "COLUMNS"}


def documented() -> set[str]:
    text = (ROOT / "docs/configuration.md").read_text()
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)`", text, flags=re.MULTILINE))


def test_every_variable_read_in_the_source_is_documented() -> None:
    read = set()
    for path in (ROOT / "src").rglob("*.py"):
        read.update(READERS.findall(path.read_text()))
    missing = sorted(read - NOT_OURS - documented())
    assert read, "the scan found nothing: the pattern is wrong"
    assert not missing, f"undocumented in docs/configuration.md: {missing}"


def test_every_variable_read_at_start_up_is_documented() -> None:
    assert env.READ
    assert not sorted(env.READ - documented())


def test_typed_helpers_refuse_bad_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "READ", set())
    monkeypatch.setenv("CONDUCT_X", "maybe")
    with pytest.raises(env.ConfigError, match="CONDUCT_X='maybe' is not a boolean"):
        env.env_bool("CONDUCT_X")
    monkeypatch.setenv("CONDUCT_X", "3")
    with pytest.raises(env.ConfigError, match="below the minimum"):
        env.env_int("CONDUCT_X", 5, minimum=4)
    monkeypatch.setenv("CONDUCT_X", "a, b,,c")
    assert env.env_list("CONDUCT_X", []) == ["a", "b", "c"]
    monkeypatch.setenv("CONDUCT_X", "Wales")
    with pytest.raises(env.ConfigError, match="CONDUCT_X='wales' is not one of: a, b"):
        env.env_choice("CONDUCT_X", "a", ("a", "b"))
    assert {"CONDUCT_X"} == env.READ
