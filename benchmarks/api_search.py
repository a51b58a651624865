"""The API client search and the incident form against the number of clients held, nothing
else in the database.

Run from the repository root (a throwaway data folder, SQLite):

    .venv/bin/python benchmarks/api_search.py                    # 200 then 20,000 clients
    .venv/bin/python benchmarks/api_search.py --clients 200,2000,20000

The clients are `benchmarks/scale.py`'s ("Scale Client N", SC-000000N, scaleN@example.com),
200 and 20,000 being its worlds of 10,000 and 1,000,000 communications. Each client count runs
in its own process; it prints the median CPU ms of 15 requests for a broad name ("Scale Client
1": 111 or 11,111 matches), the broadest contact text ("example.com": every client) and one
reference, then of the incident form (`GET /casework/incidents/new/`) and its size.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    token = create_api_token(staff, "benchmark", actor=None)[1]
    api, headers = Client(), {"Authorization": f"Bearer {token}"}
    api.get("/api/clients/", {"q": QUERIES[0]}, headers=headers)
    for q in QUERIES:
        times = []
        for _ in range(15):
            t = time.process_time()
            r = api.get("/api/clients/", {"q": q}, headers=headers)
            times.append((time.process_time() - t) * 1000)
        print(f"| {n:,} | {q} | {r.json()['count']:,} | {statistics.median(times):.1f} |")
    page = Client()
    page.force_login(staff)
    page.get("/casework/incidents/new/")
    times = []
    for _ in range(15):
        t = time.process_time()
        r = page.get("/casework/incidents/new/")
        times.append((time.process_time() - t) * 1000)
    size = f"{len(r.content):,} bytes"
    print(f"| {n:,} | incident form ({size}) | - | {statistics.median(times):.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="200,20000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print("| clients | text | matches | CPU ms (median of 15) |")
    print("|---:|---|---:|---:|")
    for n in (int(v) for v in args.clients.split(",")):
        with tempfile.TemporaryDirectory(prefix="conduct-api-search-") as data:
            env = scale.child_env(data)
            subprocess.run([sys.executable, __file__, "--child", str(n)], env=env, check=True)  # noqa: S603


if __name__ == "__main__":
    main()
