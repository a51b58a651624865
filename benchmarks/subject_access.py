"""Subject access export benchmark: how long the export of one client takes, step by step.

    .venv/bin/python benchmarks/subject_access.py               # ordinary client and 1 MB notes
    .venv/bin/python benchmarks/subject_access.py --profile     # also the top functions (cProfile)

Runs in its own process with a fresh data folder (SQLite): `conduct setup --demo`-like data
(the demo organisation, 50 clients), then the busiest demo client is given extra history through
the services until it holds about 270 records (incidents with revisions, case notes,
communications, and the audit entries these make), like the ordinary client that took 29-35 s.
Its export is timed as the background task runs it (gathering, the readable HTML, the PDF, the
ZIP), then again after giving the same client 1 MB of notes. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ORDINARY_RECORDS = 270


def child(profile: bool, ordinary_only: bool) -> dict[str, object]:
    import cProfile
    import io
    import pstats
    import time

    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from conduct.casework.models import Case
    from conduct.casework.services import add_case_note, edit_incident, record_incident
    from conduct.clients.models import Client
    from conduct.demo.seed import seed_demo

    try:
        from conduct.privacy.subject_access import build_export
    except ImportError:  # an older tree (--src): no steps, the audited export
        from conduct.privacy.subject_access import export_subject_access

        def build_export(client: Any, *, progress: Any = None, **options: Any) -> Any:
            return export_subject_access(client, actor=None, **options)

    from tests.casework.conftest import details

    call_command("migrate", verbosity=0)
    seed_demo(clients=50)
    client = Client.objects.annotate(n=Count("incidents")).order_by("-n", "pk").first()
    assert client is not None
    from django.contrib.auth import get_user_model

    from conduct.accounts.roles import Role
    from conduct.casework.services.common import roles_of

    users = list(get_user_model().objects.filter(is_active=True).order_by("pk"))
    staff = next(u for u in users if roles_of(u) == {Role.STAFF.value})
    manager = next(u for u in users if Role.SENIOR_MANAGER.value in roles_of(u))

    def records() -> int:
        return build_export(client, redact_third_parties=True, pdf=False).records

    n = 0
    while records() < ORDINARY_RECORDS:
        incident = record_incident(
            details(client, what_happened=f"Shouted at the front desk, visit {n}. " * 6),
            actor=staff,
        )
        incident = edit_incident(
            incident,
            details(client, what_happened=f"Shouted at the front desk, visit {n}; corrected."),
            actor=staff,
            expected_version=1,
        )
        if incident.case_id:
            add_case_note(Case.objects.get(pk=incident.case_id), f"Note {n}.", actor=manager)
        n += 1

    def timed(label: str) -> dict[str, object]:
        steps: dict[str, float] = {}
        last: list[Any] = [time.perf_counter(), "Starting"]

        def progress(step: str, percent: int) -> None:
            # Each step's time runs from its start to the start of the next one.
            now = time.perf_counter()
            steps[last[1]] = round(now - last[0], 2)
            last[:] = [now, step]

        profiler = cProfile.Profile() if profile else None
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        export = build_export(client, redact_third_parties=True, pdf=True, progress=progress)
        if profiler:
            profiler.disable()
        total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        out: dict[str, object] = {
            "case": label,
            "records": export.records,
            "seconds": round(total, 2),
            "cpu_seconds": round(cpu, 2),
            "zip_bytes": len(export.content),
            "steps": steps,
        }
        if profiler:
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
            out["profile"] = text.getvalue()
        return out

    ordinary = timed("ordinary client")
    if ordinary_only:
        return {"load": round(os.getloadavg()[0], 2), "runs": [ordinary]}
    Client.objects.filter(pk=client.pk).update(notes="Long note about the account. " * 36_200)
    client.refresh_from_db()
    big = timed(f"ordinary client with {len(client.notes):,} characters of notes")
    return {"load": round(os.getloadavg()[0], 2), "runs": [ordinary, big]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true", help="print the top functions too")
    parser.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the code to measure (default: this tree)"
    )
    parser.add_argument(
        "--ordinary-only", action="store_true", help="skip the client with 1 MB of notes"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.profile, args.ordinary_only)))
        return
    with tempfile.TemporaryDirectory(prefix="conduct-bench-") as tmp:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("CONDUCT_", "DJANGO_", "DATABASE_URL"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="tests.settings",
            CONDUCT_DATA_DIR=tmp,
            CONDUCT_LOG_LEVEL="ERROR",
            PYTHONPATH=f"{args.src.resolve()}:{ROOT}",
        )
        command = [sys.executable, __file__, "--child"]
        command += ["--profile"] if args.profile else []
        command += ["--ordinary-only"] if args.ordinary_only else []
        out = subprocess.run(  # noqa: S603 - this script, with fixed arguments
            command, env=env, capture_output=True, text=True, check=False
        )
        if out.returncode:
            sys.exit(out.stderr[-3000:])
        result = json.loads(out.stdout.strip().splitlines()[-1])
    for run in result["runs"]:
        profile = run.pop("profile", None)
        print(json.dumps(run, indent=2))
        if profile:
            print(profile)
    print(f"load average {result['load']}")


if __name__ == "__main__":
    main()
