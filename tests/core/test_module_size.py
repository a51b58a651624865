"""No module of the application grows past 400 lines (migrations and demo data aside):
a longer one is split by what its parts do before it becomes hard to read."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "conduct"
LIMIT = 400


def _is_checked(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return "migrations" not in parts and parts[0] != "demo" and path.name != "demo.py"


def long_modules() -> dict[str, int]:
    lengths = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text().splitlines())
        for path in PACKAGE.rglob("*.py")
        if _is_checked(path)
    }
    return {name: lines for name, lines in sorted(lengths.items()) if lines > LIMIT}


def test_the_scan_sees_the_package() -> None:
    assert (PACKAGE / "settings.py").exists()
    assert not _is_checked(PACKAGE / "casework" / "demo.py")
    assert not _is_checked(PACKAGE / "casework" / "migrations" / "0001_initial.py")


def test_no_module_is_over_the_limit() -> None:
    over = long_modules()
    assert not over, f"over {LIMIT} lines: {over}"
