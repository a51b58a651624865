"""`conduct serve` runs the database task worker beside the web server, so that the
embedded set-up (`make run`) finishes background work such as subject access exports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conduct.operations.management.commands.serve import DATABASE_BACKEND, wants_embedded_worker


def test_the_worker_runs_beside_the_server_only_with_the_database_backend() -> None:
    database = {"default": {"BACKEND": DATABASE_BACKEND}}
    assert wants_embedded_worker(database, no_worker=False)
    assert not wants_embedded_worker(database, no_worker=True)
    assert not wants_embedded_worker(
        {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}, no_worker=False
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(cmdline)
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads child processes from /proc")
def test_serve_starts_the_worker_and_stops_it_with_the_server(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONDUCT_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="conduct.settings",
        CONDUCT_DATA_DIR=str(tmp_path),
        CONDUCT_SECRET_KEY="serve-test-" + "x" * 40,
    )
    env.pop("DATABASE_URL", None)
    conduct = [sys.executable, "-m", "conduct"]
    subprocess.run([*conduct, "migrate", "-v0"], env=env, check=True, timeout=300)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [*conduct, "serve", "--port", str(_free_port()), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            lines.append(line)
            if line.startswith("Press Ctrl+C") or not line:
                break
        output = "".join(lines)
        assert "Background worker: conduct db_worker" in output, output
        worker_pid = int(output.split("(process ")[1].split(")")[0])
        assert any("db_worker" in c for c in _children(server.pid))
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and Path(f"/proc/{worker_pid}").exists():
            stat = Path(f"/proc/{worker_pid}/stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":  # a zombie has stopped
                break
            time.sleep(0.2)
        alive = Path(f"/proc/{worker_pid}").exists() and (
            Path(f"/proc/{worker_pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        )
        assert not alive, "the worker outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()


def test_what_is_loaded_before_serving_is_left_out_of_collections() -> None:
    import gc

    from conduct.operations.management.commands.serve import freeze_startup_objects

    try:
        freeze_startup_objects()
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()
