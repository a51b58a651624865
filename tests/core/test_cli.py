import os
import subprocess
import sys
from pathlib import Path


def test_an_unmigrated_database_gets_a_plain_message_not_a_traceback(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CONDUCT_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "conduct.settings",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "conduct", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "the database could not be used" in result.stderr
    assert "conduct setup" in result.stderr
    assert "Traceback" not in result.stderr
