"""`make run` says what matters: pip's notices about missing package folders are
dropped, nothing else is, and the README tells a newcomer how to change the port
and start again with fresh demo data."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOISE = (
    "WARNING: Location 'file:///opt/pypi-more/simple/pip/' is ignored: "
    "it is neither a file nor a directory."
)


def quiet_pip(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [str(ROOT / "scripts/quiet-pip"), "bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_only_the_missing_folder_notices_are_dropped() -> None:
    done = quiet_pip(f'for i in 1 2 3; do echo "{NOISE}" >&2; done; echo "Installed."')
    assert done.returncode == 0
    assert done.stdout == "Installed.\n" and "Location" not in done.stdout + done.stderr


def test_real_errors_and_the_exit_status_are_kept() -> None:
    done = quiet_pip(
        f'echo "{NOISE}" >&2; echo "ERROR: No matching distribution found for nothing" >&2; '
        'echo "WARNING: Retrying after a timeout" >&2; exit 3'
    )
    assert done.returncode == 3
    assert "ERROR: No matching distribution found for nothing" in done.stdout
    assert "WARNING: Retrying after a timeout" in done.stdout
    assert "Location" not in done.stdout


def test_the_makefile_installs_through_the_filter_and_serves_on_a_chosen_port() -> None:
    makefile = (ROOT / "Makefile").read_text()
    filtered = makefile.count("scripts/quiet-pip $(BIN)/python -m pip install")
    assert filtered >= 2 and filtered == makefile.count("-m pip install")  # every install
    assert "conduct serve --port $(PORT)" in makefile and "PORT   ?= 8000" in makefile


def test_the_readme_says_how_to_use_another_port_and_start_again() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make run PORT=8080" in readme and "conduct serve --port 8080" in readme
    assert "make clean-data" in readme and "Fresh demo data" in readme
