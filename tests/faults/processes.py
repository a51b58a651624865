"""Real processes for the fault tests: `conduct` commands, Django snippets and the
production server (`conduct serve`, gunicorn), each on a data folder of its own.

Children always use the embedded SQLite database in their own data folder, the real
settings (``conduct.settings``) and no inherited DATABASE_URL.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

PYTHON = sys.executable
CONDUCT = str(Path(sys.executable).with_name("conduct"))
PASSWORD = "a-long-fault-test-password"
PRELUDE = "import json, os, sys, time\nimport django\ndjango.setup()\n"


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="conduct.settings",
        CONDUCT_DATA_DIR=str(data_dir),
        CONDUCT_LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
        **extra,
    )
    return env


def conduct(
    data_dir: Path, *args: str, timeout: float = 120, check: bool = True, **extra: str
) -> str:
    proc = subprocess.run(  # noqa: S603 - our own command
        [CONDUCT, *args],
        env=child_env(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check:
        assert proc.returncode == 0, f"conduct {' '.join(args)}: {proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


def django(data_dir: Path, code: str, *, timeout: float = 120, **extra: str) -> Any:
    """Run ``code`` with Django set up; it prints one JSON line last, returned here."""
    proc = subprocess.run(  # noqa: S603 - our own command
        [PYTHON, "-c", PRELUDE + textwrap.dedent(code)],
        env=child_env(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


def spawn(data_dir: Path, argv: list[str], **extra: str) -> subprocess.Popen[bytes]:
    """A child in its own process group, so a kill reaches every process it started."""
    return subprocess.Popen(  # noqa: S603 - our own command
        argv,
        env=child_env(data_dir, **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def kill(proc: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=30)
    finally:
        if proc.stderr is not None:
            proc.stderr.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate: Any, *, timeout: float, what: str, interval: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@dataclass
class Running:
    base: str
    proc: subprocess.Popen[bytes]


@contextmanager
def server(data_dir: Path, *, patch: str = "", threads: int = 4, **extra: str) -> Iterator[Running]:
    """`conduct serve` on a free loopback port; ``patch`` runs in the server first
    (a test-only slowdown). Always SIGKILLed on exit, whatever happened."""
    port = free_port()
    code = (
        PRELUDE
        + textwrap.dedent(patch)
        + (
            "from conduct.cli import main\n"
            f"main(['serve', '--port', '{port}', '--workers', '1', '--threads', '{threads}'])\n"
        )
    )
    proc = spawn(data_dir, [PYTHON, "-c", code], **extra)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        assert proc.poll() is None, "the server exited: " + (
            proc.stderr.read().decode()[-3000:] if proc.stderr else ""
        )
        try:
            return requests.get(f"{base}/healthz", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    try:
        wait_until(up, timeout=120, what="the server to answer", interval=0.3)
        yield Running(base, proc)
    finally:
        kill(proc)


def sign_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/sign-in/", timeout=30)
    response = session.post(
        f"{base}/accounts/sign-in/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    return session


def form_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, page.status_code
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, "no CSRF token on the form"
    return match.group(1)
