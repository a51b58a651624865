"""Load: the production server (gunicorn via `conduct serve`) under a realistic, time-bounded mix.

Run from the repository root:

    .venv/bin/python benchmarks/load.py                      # SQLite (20 users) then PostgreSQL (100)
    .venv/bin/python benchmarks/load.py --db sqlite --users 20 --duration 60
    .venv/bin/python benchmarks/load.py --db postgres --users 100 --workers 4

Each run makes a throwaway data folder (and, for PostgreSQL, a throwaway database on
127.0.0.1:5432, dropped afterwards), runs `conduct setup --demo`, starts `conduct serve` on a free
loopback port, signs every virtual user in through the sign-in form, then for --duration seconds
each user repeatedly picks an action and pauses (think time) between actions:

    search      GET  /clients/?q=<name>                      staff and managers
    client      GET  /clients/<id>/   (an audited view: writes an audit event)
    incident    GET  /casework/incidents/new/ then POST the form with its CSRF token (staff)
    queue       GET  /casework/queue/                         (managers)
    api         GET  /api/clients/?q=… or /api/casework/cases (Bearer token)

It prints requests/s, p50/p95/p99 latency and errors (any status other than the expected one,
or no answer) overall and per action. Traffic goes to 127.0.0.1 only. The load driver is threads
in one process, on the same machine as the server: its own CPU use is part of what is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "demo-pass-2026"  # noqa: S105 - the demo organisation's, printed by `conduct serve`
STAFF = [
    "sam.staff",
    "alex.frontdesk",
    "jo.calls",
    "priya.casework",
    "tom.letters",
    "ellie.support",
]
MANAGERS = ["maria.manager", "david.manager", "ruth.director", "owen.manager"]
SEARCHES = ["Smith", "Jones", "Patel", "Taylor", "Brown", "CL-0000", "example.com", "07700", "Ali"]

WORLD = """
import json
import django
django.setup()
from django.contrib.auth import get_user_model
from conduct.accounts.services import create_api_token
from conduct.clients.models import Client
User = get_user_model()
print(json.dumps({
    "staff_token": create_api_token(User.objects.get(username="sam.staff"), "load", actor=None)[1],
    "manager_token": create_api_token(
        User.objects.get(username="maria.manager"), "load", actor=None
    )[1],
    "clients": list(Client.objects.values_list("pk", flat=True)),
}))
"""

# `conduct setup --demo` minus collectstatic, for a second run that reuses the static files.
SETUP_NO_STATIC = """
import django
django.setup()
from django.core.management import call_command
from conduct.accounts.groups import sync_role_groups
from conduct.demo.seed import seed_demo
from conduct.policy.services import ensure_policy_loaded
call_command("migrate", interactive=False, verbosity=0)
sync_role_groups()
ensure_policy_loaded()
seed_demo()
"""


@dataclass
class Stats:
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, ok: bool, why: str = "") -> None:
        with self.lock:
            self.samples.setdefault(kind, []).append(seconds)
            if not ok:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                if len(self.examples) < 10:
                    self.examples.append(f"{kind}: {why}")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


class User:
    """One virtual user: a signed-in browser session, or the API with a token."""

    def __init__(self, base: str, username: str, world: dict[str, Any]) -> None:
        self.base, self.username, self.clients = base, username, world["clients"]
        self.manager = username in MANAGERS
        # An integration reads clients with a staff token, the queue with a manager's.
        self.staff_token, self.manager_token = world["staff_token"], world["manager_token"]
        self.http = requests.Session()
        self.rng = random.Random(username + str(id(self)))

    def sign_in(self) -> None:
        self.http.get(f"{self.base}/accounts/sign-in/", timeout=60)
        response = self.http.post(
            f"{self.base}/accounts/sign-in/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.http.cookies["csrftoken"],
            },
            allow_redirects=False,
            timeout=60,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.username} could not sign in: {response.status_code}")

    def timed(
        self, stats: Stats, kind: str, call: Callable[[], requests.Response], expect: int
    ) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = call()
        except requests.RequestException as exc:
            stats.add(kind, time.perf_counter() - started, False, f"{type(exc).__name__}: {exc}")
            return None
        ok = response.status_code == expect
        stats.add(kind, time.perf_counter() - started, ok, str(response.status_code))
        return response

    def get(self, path: str, **kw: Any) -> Callable[[], requests.Response]:
        return lambda: self.http.get(self.base + path, timeout=60, allow_redirects=False, **kw)

    def step(self, stats: Stats) -> None:
        roll = self.rng.random()
        if roll < 0.25:
            term = self.rng.choice(SEARCHES)
            self.timed(stats, "search", self.get("/clients/", params={"q": term}), 200)
        elif roll < 0.50:
            pk = self.rng.choice(self.clients)
            self.timed(stats, "client", self.get(f"/clients/{pk}/"), 200)
        elif roll < 0.65:
            if self.manager:
                self.timed(stats, "queue", self.get("/casework/queue/"), 200)
            else:
                self.record_incident(stats)
        elif roll < 0.75:
            if self.manager:
                self.timed(stats, "queue", self.get("/casework/queue/"), 200)
            else:
                self.timed(stats, "search", self.get("/clients/", params={"q": "Jo"}), 200)
        else:
            if self.rng.random() < 0.5:
                auth = {"Authorization": f"Bearer {self.staff_token}"}
                term = self.rng.choice(SEARCHES)
                call = self.get("/api/clients/", params={"q": term}, headers=auth)
            else:
                auth = {"Authorization": f"Bearer {self.manager_token}"}
                call = self.get("/api/casework/cases", headers=auth)
            self.timed(stats, "api", call, 200)

    def record_incident(self, stats: Stats) -> None:
        form = self.timed(stats, "incident form", self.get("/casework/incidents/new/"), 200)
        if form is None:
            return
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        if not match:
            stats.add("incident", 0.0, False, "no CSRF token")
            return
        when = (datetime.now(UTC) - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
        data = {
            "csrfmiddlewaretoken": match.group(1),
            "client": str(self.rng.choice(self.clients)),
            "channel": "phone",
            "occurred_at": when,
            "categories": ["abusive_language"],
            "what_happened": "Caller swore at me repeatedly while I explained the delay.",
            "staff_actions": ["end_call"],
        }
        self.timed(
            stats,
            "incident",
            lambda: self.http.post(
                f"{self.base}/casework/incidents/new/",
                data=data,
                allow_redirects=False,
                timeout=60,
            ),
            302,
        )

    def run(self, stats: Stats, until: float, think: tuple[float, float]) -> None:
        while time.monotonic() < until:
            self.step(stats)
            time.sleep(self.rng.uniform(*think))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_checked(argv: list[str], env: dict[str, str], timeout: float = 900) -> str:
    proc = subprocess.run(  # noqa: S603 - our own command
        argv, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:3])} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def pg_database(url: str, name: str, *, create: bool) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
        else:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not answer in time")


def one_run(args: argparse.Namespace, engine: str, users: int, data_dir: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="conduct.settings",
        CONDUCT_DATA_DIR=str(data_dir),
        CONDUCT_LOG_LEVEL="WARNING",
    )
    database = ""
    if engine == "postgres":
        database = f"conduct_load_{os.getpid()}"
        pg_database(args.pg_url, database, create=True)
        env["DATABASE_URL"] = f"{args.pg_url}/{database}"
    proc: subprocess.Popen[bytes] | None = None
    try:
        print(f"[{engine}] preparing the demo organisation …", flush=True)
        if (data_dir / "static" / "staticfiles.json").exists():
            run_checked([str(BIN / "python"), "-c", SETUP_NO_STATIC], env)
        else:
            run_checked([str(BIN / "conduct"), "setup", "--demo"], env)
        world = json.loads(run_checked([str(BIN / "python"), "-c", WORLD], env).splitlines()[-1])
        workers = args.workers or (2 if engine == "sqlite" else 4)
        log = (data_dir / f"server-{engine}.log").open("wb")
        port = free_port()
        proc = subprocess.Popen(  # noqa: S603 - our own command
            [str(BIN / "conduct"), "serve", "--port", str(port), "--workers", str(workers),
             "--threads", str(args.threads)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        wait_up(base, proc)
        names = [[*STAFF, *MANAGERS][i % 10] for i in range(users)]
        crowd = [User(base, name, world) for name in names]
        print(f"[{engine}] signing in {users} users …", flush=True)
        for user in crowd:
            user.sign_in()
        stats = Stats()
        until = time.monotonic() + args.duration
        print(f"[{engine}] {users} users for {args.duration} s, {workers} workers …", flush=True)
        started = time.monotonic()
        threads = [
            threading.Thread(target=u.run, args=(stats, until, (args.think_min, args.think_max)))
            for u in crowd
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 120)
        elapsed = time.monotonic() - started
        result = report(engine, users, workers, args.threads, elapsed, stats)
        log.close()
        problems = [
            line
            for line in (data_dir / f"server-{engine}.log").read_text().splitlines()
            if any(level in line for level in ("ERROR", "CRITICAL", "Traceback"))
        ]
        print(f"server log: {len(problems)} error lines", *problems[:5], sep="\n  ")
        return result
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if database:
            pg_database(args.pg_url, database, create=False)


def report(
    engine: str, users: int, workers: int, threads: int, elapsed: float, stats: Stats
) -> dict[str, Any]:
    everything = [s for values in stats.samples.values() for s in values]
    errors = sum(stats.errors.values())
    print(f"\n{engine}: {users} users, {workers} workers x {threads} threads, {elapsed:.0f} s")
    print("| action | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    rows = [*sorted(stats.samples.items()), ("**all**", everything)]
    for kind, values in rows:
        failed = errors if kind == "**all**" else stats.errors.get(kind, 0)
        print(
            f"| {kind} | {len(values)} | {len(values) / elapsed:.1f} | "
            f"{percentile(values, 50) * 1000:.0f} | {percentile(values, 95) * 1000:.0f} | "
            f"{percentile(values, 99) * 1000:.0f} | {failed} |"
        )
    for example in stats.examples:
        print(f"  error: {example}")
    return {
        "engine": engine,
        "users": users,
        "requests": len(everything),
        "rps": len(everything) / elapsed,
        "p50": percentile(everything, 50),
        "p95": percentile(everything, 95),
        "p99": percentile(everything, 99),
        "mean": statistics.fmean(everything) if everything else 0.0,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--users", type=int, help="Concurrent users (default 20 SQLite, 100 PG).")
    parser.add_argument("--duration", type=int, default=60, help="Seconds of load per run.")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default 2 SQLite, 4 PG).")
    parser.add_argument("--threads", type=int, default=4, help="Threads per worker.")
    parser.add_argument("--think-min", type=float, default=0.5, help="Least pause between actions.")
    parser.add_argument(
        "--think-max", type=float, default=1.5, help="Longest pause between actions."
    )
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    if not 1 <= args.duration <= 600:
        parser.error("--duration must be between 1 and 600 seconds")
    if "127.0.0.1" not in args.pg_url and "localhost" not in args.pg_url:
        parser.error("--pg-url must be on this machine (loopback only)")
    engines = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    folder = Path(tempfile.mkdtemp(prefix="conduct-load-"))
    results = []
    try:
        for engine in engines:
            users = args.users or (20 if engine == "sqlite" else 100)
            results.append(one_run(args, engine, users, folder / "data"))
            if engine == "sqlite":  # keep the collected static files for the next run
                for name in ("conduct.sqlite3", "conduct.sqlite3-wal", "conduct.sqlite3-shm"):
                    (folder / "data" / name).unlink(missing_ok=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print()
    for r in results:
        print(
            f"{r['engine']}: {r['users']} users, {r['rps']:.1f} req/s, p50 {r['p50'] * 1000:.0f} ms, "
            f"p95 {r['p95'] * 1000:.0f} ms, p99 {r['p99'] * 1000:.0f} ms, {r['errors']} errors"
        )


if __name__ == "__main__":
    main()
