"""The API client search and the incident form against the number of clients held, nothing
else in the database.

Run from the repository root (a throwaway data folder, SQLite):

    .venv/bin/python benchmarks/api_search.py                    # 200 then 20,000 clients
    .venv/bin/python benchmarks/api_search.py --clients 200,2000,20000
    .venv/bin/python benchmarks/api_search.py --db postgres      # a throwaway PostgreSQL database

The clients are `benchmarks/scale.py`'s ("Scale Client N", SC-000000N, scaleN@example.com),
200 and 20,000 being its worlds of 10,000 and 1,000,000 communications. Each client count runs
in its own process; it prints the median wall and CPU ms of 15 requests (on PostgreSQL the
database's own CPU is only in the wall figure) for a broad name ("Scale Client 1": 111 or 11,111
matches), the broadest contact text ("example.com": every client) and one reference, through
the API and through the client search page (`GET /clients/?q=`), then of the incident form
(`GET /casework/incidents/new/`) and its size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale

QUERIES = ["Scale Client 1", "example.com", "SC-0000012"]


def child(n: int) -> None:
    scale.setup_demo()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from conduct.accounts.services import create_api_token

    staff = get_user_model().objects.get(username="sam.staff")
    scale._clients_bulk(n, staff)
    scale.analyse()
    token = create_api_token(staff, "benchmark", actor=None)[1]
    api, headers = Client(), {"Authorization": f"Bearer {token}"}
    page = Client()
    page.force_login(staff)
    for q in QUERIES:
        r = _timed(
            f"{n:,} | API: {q}", lambda q=q: api.get("/api/clients/", {"q": q}, headers=headers)
        )
        print(f"| {r.json()['count']:,} |")
    for q in QUERIES:
        _timed(f"{n:,} | search page: {q}", lambda q=q: page.get("/clients/", {"q": q}))
        print("| - |")
    r = _timed(f"{n:,} | incident form", lambda: page.get("/casework/incidents/new/"))
    print(f"| {len(r.content):,} bytes |")


def _timed(label: str, request: Any) -> Any:
    """Prints the median wall and CPU ms of 15 calls of `request` (after one warm-up) and
    returns the last response."""
    request()
    walls, cpus = [], []
    for _ in range(15):
        w, c = time.perf_counter(), time.process_time()
        response = request()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    print(f"| {label} | {statistics.median(walls):.1f} | {statistics.median(cpus):.1f} ", end="")
    return response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="200,20000")
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print("| clients | request | wall ms | CPU ms | matches or size |")
    print("|---:|---|---:|---:|---:|")
    for n in (int(v) for v in args.clients.split(",")):
        with tempfile.TemporaryDirectory(prefix="conduct-api-search-") as data:
            env = scale.child_env(data)
            name = f"conduct_api_search_{os.getpid()}_{n}"
            with scale.child_database(args.db, env, name, args.pg_url):
                subprocess.run([sys.executable, __file__, "--child", str(n)], env=env, check=True)  # noqa: S603


if __name__ == "__main__":
    main()
