"""CPU per request, per action of the load mix, in one process (no server, no network).

    .venv/bin/python benchmarks/pages.py                     # SQLite, 200 requests per action
    .venv/bin/python benchmarks/pages.py --db postgres --requests 300
    .venv/bin/python benchmarks/pages.py --profile client    # cProfile of one action

Builds the demo organisation (`conduct setup --demo`'s seed) in a throwaway data folder (and,
for PostgreSQL, a throwaway database), then sends each action of `benchmarks/load.py`'s mix
through Django's test client with the full middleware stack: signed-in sessions, CSRF
checked, the API with a Bearer token. For each action it prints the process CPU time per
request (what one core spends in Python and, on SQLite, the database), the wall time, and
the SQL queries per request. PostgreSQL's own CPU is not in the figure.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = ["Smith", "Jones", "Patel", "Taylor", "Brown", "CL-0000", "example.com", "07700", "Ali"]


def child(requests: int, profile: str) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext

    from conduct.accounts.groups import sync_role_groups
    from conduct.accounts.services import create_api_token
    from conduct.clients.models import Client
    from conduct.demo.seed import seed_demo
    from conduct.operations.management.commands.serve import freeze_startup_objects
    from conduct.policy.services import ensure_policy_loaded

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    sync_role_groups()
    ensure_policy_loaded()
    seed_demo()
    users = get_user_model().objects
    staff, manager = users.get(username="sam.staff"), users.get(username="maria.manager")
    staff_token = create_api_token(staff, "pages", actor=None)[1]
    manager_token = create_api_token(manager, "pages", actor=None)[1]
    clients = list(Client.objects.values_list("pk", flat=True))
    as_staff, as_manager = HttpClient(), HttpClient()
    as_staff.force_login(staff)
    as_manager.force_login(manager)
    api = HttpClient()
    n = [0]

    def pick(seq: list[Any]) -> Any:
        n[0] += 1
        return seq[n[0] % len(seq)]

    def incident_post() -> Any:
        form = as_staff.get("/casework/incidents/new/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())
        when = (datetime.now(UTC) - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
        return as_staff.post(
            "/casework/incidents/new/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "client": str(pick(clients)),
                "channel": "phone",
                "occurred_at": when,
                "categories": ["abusive_language"],
                "what_happened": "Caller swore at me repeatedly while I explained the delay.",
                "staff_actions": ["end_call"],
            },
        )

    as_staff.enforce_csrf_checks = True
    freeze_startup_objects()  # as `conduct serve` does before its workers start
    actions: dict[str, tuple[Callable[[], Any], int]] = {
        "search": (lambda: as_staff.get("/clients/", {"q": pick(SEARCHES)}), 200),
        "client": (lambda: as_staff.get(f"/clients/{pick(clients)}/"), 200),
        "incident form": (lambda: as_staff.get("/casework/incidents/new/"), 200),
        "incident form + POST": (incident_post, 302),
        "queue": (lambda: as_manager.get("/casework/queue/"), 200),
        "api clients": (
            lambda: api.get(
                "/api/clients/",
                {"q": pick(SEARCHES)},
                headers={"Authorization": f"Bearer {staff_token}"},
            ),
            200,
        ),
        "api cases": (
            lambda: api.get(
                "/api/casework/cases", headers={"Authorization": f"Bearer {manager_token}"}
            ),
            200,
        ),
    }
    if profile:
        import cProfile
        import pstats

        call, _ = actions[profile]
        for _ in range(10):
            call()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            call()
        profiler.disable()
        stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
        stats.print_stats(60)
        stats.sort_stats("tottime").print_stats(30)
        return
    print(f"{'action':<22} {'CPU ms/req':>10} {'wall ms/req':>11} {'queries/req':>11}")
    for name, (call, expect) in actions.items():
        for _ in range(10):
            status = call().status_code
            if status != expect:
                raise SystemExit(f"{name}: status {status}, expected {expect}")
        with CaptureQueriesContext(connection) as queries:
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(requests):
                call()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"{name:<22} {cpu / requests * 1000:>10.2f} {wall / requests * 1000:>11.2f} "
            f"{len(queries) / requests:>11.1f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per action.")
    parser.add_argument("--profile", default="", help="Profile one action with pyinstrument.")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.requests, args.profile)
        return
    with tempfile.TemporaryDirectory(prefix="conduct-pages-") as data:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="conduct.settings",
            CONDUCT_DATA_DIR=data,
            CONDUCT_LOG_LEVEL="WARNING",
            CONDUCT_ALLOWED_HOSTS="testserver",
            CONDUCT_SECRET_KEY="benchmark-only-" + "x" * 40,
            OMP_NUM_THREADS="1",
            OPENBLAS_NUM_THREADS="1",
        )
        database = f"conduct_pages_{os.getpid()}"
        if args.db == "postgres":
            import psycopg

            with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{database}"')
            env["DATABASE_URL"] = f"{args.pg_url}/{database}"
        try:
            argv = [sys.executable, __file__, "--child", "--requests", str(args.requests)]
            if args.profile:
                argv += ["--profile", args.profile]
            subprocess.run(argv, env=env, check=True)  # noqa: S603 - our own script
        finally:
            if args.db == "postgres":
                import psycopg

                with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
