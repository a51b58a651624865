from pathlib import Path

from conduct.core.clidoc import project_commands, render

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_is_generated_from_the_real_help() -> None:
    names = {name for name, _ in project_commands()}
    assert {"serve", "setup", "createuser", "policy", "audit"} <= names
    assert (ROOT / "docs/cli.md").read_text() == render(), "docs/cli.md is stale: run `make docs`"
