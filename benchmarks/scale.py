"""Growth: how the pages of the load mix, the demand figures and `conduct audit verify` grow
with the size of the organisation.

    .venv/bin/python benchmarks/scale.py                                  # 10k and 100k, both databases
    .venv/bin/python benchmarks/scale.py --sizes 10000,100000,1000000 --db postgres
    .venv/bin/python benchmarks/scale.py --sizes 10000 --db sqlite --requests 10
    .venv/bin/python benchmarks/scale.py --sizes 10000,100000,1000000 --db sqlite --requests 10

For each size and database, in its own process with a fresh data folder (and, for PostgreSQL,
a throwaway database that is dropped afterwards), it builds an organisation through the real
services: the demo organisation (`conduct setup --demo`'s seed: staff, cases, the queue), then
one client per 50 communications (`create_client`, audited), then the communications through
`store_items` in chunks of 1,000 (matching, deduplication, the demand figures and one audit
event per chunk, exactly as an import), and staff time through `log_staff_time`. Only the
screener is memoised by text (the generated messages repeat a few hundred texts; each distinct
text is screened once, and every row gets the verdict the screener gives that text).
From 100,000 communications (or with --bulk yes) the clients and communications are written
by the bulk path instead, with the same rows (see ``_clients_bulk`` and ``_store_bulk``;
tests/correspondence/test_scale_bulk.py checks both paths agree).

Shape, the same at every size so that only the size changes: two years of history; 0.5 % of
the clients are heavy writers who send 10 % of everything (about 1,000 each, often the same
message, often asking for documents); the rest about 45 each; 60 % e-mail, 25 % phone calls,
10 % letters, 5 % web forms; a quarter of them to the client.

On PostgreSQL it then runs ``ANALYZE`` (`analyse`), as autovacuum would in a deployment.
Then it times, through Django's test client with the full middleware stack, each page over
--requests requests (different clients, a heavy writer among them): the client page, the demand
profile and the outlier list (both uncached: the cache is cleared before each request), the
case queue, client search and the API search; and one `conduct audit verify`. It prints
milliseconds per request (median), wall-clock and CPU of this process (on SQLite that
includes the database's work; PostgreSQL's own CPU is not in it), for each size and how many
times the smallest size's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PER_CLIENT = 50
CHUNK = 1000
DAYS = 730
ORDINARY = [
    "Please can you tell me when the repair to my {room} will be done? It has been {n} weeks.",
    "I am writing about the {room} again, nobody has come round yet and it is getting worse.",
    "Thank you for your letter about the {room}. I will be at home on {day} for the visit.",
    "Can someone call me back about my rent account please, I think there is a mistake.",
    "I would like to make a complaint about how long the {room} repair is taking.",
    "My neighbour is playing loud music every night and I cannot sleep, what can you do?",
]
DEMANDING = [
    "Please send me copies of all the documents you hold on me about the {room}.",
    "This is a subject access request: send me every record you hold on me.",
    "I am still waiting for the {room} documents, send me copies of all of them now.",
]
ROOMS = ["kitchen", "bathroom", "bedroom", "boiler", "roof", "window", "front door", "stairs"]
DAYS_OF_WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _bodies(rng: random.Random) -> list[str]:
    out = []
    for text in ORDINARY + DEMANDING:
        for room in ROOMS:
            for day in DAYS_OF_WEEK:
                out.append(text.format(room=room, n=rng.randrange(2, 9), day=day))
    return sorted(set(out))


def _memoise_screener() -> tuple[Any, dict[tuple[str, str], Any]]:
    """Screen each distinct (text, channel) once; returns the real screener and the memo."""
    from conduct.correspondence.services import ingest

    screen = ingest.screen_texts
    memo: dict[tuple[str, str], Any] = {}

    def memoised(texts: list[str], channel: str) -> list[Any]:
        missing = [t for t in dict.fromkeys(texts) if (t, channel) not in memo]
        for text, verdict in zip(missing, screen(missing, channel), strict=True):
            memo[(text, channel)] = verdict
        return [memo[(t, channel)] for t in texts]

    ingest.screen_texts = memoised  # type: ignore[assignment]
    return screen, memo


def _details(n: int) -> Any:
    from conduct.clients.services import ClientDetails

    return ClientDetails(
        name=f"Scale Client {n}",
        reference=f"SC-{n:07d}",
        emails=[f"scale{n}@example.com"],
        phones=[f"+4420{n:08d}"],
    )


def _clients_bulk(count: int, staff: Any) -> list[Any]:
    """The rows ``create_client`` writes (client, contact points, one audit event each),
    written with ``bulk_create`` in transactions of 1,000 clients."""
    from django.db import transaction

    from conduct.audit.services import record_event
    from conduct.clients.models import Client, ContactPoint

    out: list[Any] = []
    for first in range(0, count, CHUNK):
        with transaction.atomic():
            details = [_details(n) for n in range(first, min(first + CHUNK, count))]
            made = Client.objects.bulk_create(
                [Client(reference=d.reference, name=d.name) for d in details]
            )
            ContactPoint.objects.bulk_create(
                [
                    ContactPoint(client=c, kind=k, value=v, normalised=norm)
                    for c, d in zip(made, details, strict=True)
                    for k, v, norm in d.contacts()
                ]
            )
            for c in made:
                record_event(
                    "clients.client.created",
                    actor=staff,
                    target=c,
                    client_id=c.pk,
                    payload={"reference": c.reference},
                )
        out.extend(made)
    return out


def _items(
    rng: random.Random, size: int, seed: int, clients: list[Any], heavy: list[Any], now: Any
) -> Iterator[list[Any]]:
    """The communications, in chunks of ``CHUNK`` items (the same for either path)."""
    from conduct.correspondence.parsing.items import Item

    bodies = _bodies(rng)
    span = DAYS * 86400
    for first in range(0, size, CHUNK):
        items = []
        for n in range(first, min(first + CHUNK, size)):
            is_heavy = rng.random() < 0.1
            c = rng.choice(heavy) if is_heavy else rng.choice(clients)
            index = int(c.reference[3:])
            roll = rng.random()
            channel = (
                "email"
                if roll < 0.6
                else "phone"
                if roll < 0.85
                else "letter"
                if roll < 0.95
                else "web_form"
            )
            direction = "out" if rng.random() < 0.25 else "in"
            body = rng.choice(bodies)
            if is_heavy and rng.random() < 0.5:
                body = rng.choice(bodies[-len(DEMANDING) * len(ROOMS) * 5 :])
            phone = channel == "phone"
            items.append(
                Item(
                    channel=channel,
                    occurred_at=now - timedelta(seconds=rng.randrange(span)),
                    ref=f"scale #{n}",
                    direction=direction,
                    sender_kind="phone" if phone else "email",
                    sender=f"+4420{index:08d}" if phone else f"scale{index}@example.com",
                    subject="Repair" if not phone else "",
                    body="" if phone else body,
                    message_id="" if phone else f"scale-{seed}-{n}@example.com",
                    duration_seconds=rng.randrange(30, 1800) if phone else None,
                    client_reference=c.reference,
                )
            )
        yield items


def _store_bulk(chunks: Iterator[list[Any]], staff: Any) -> None:
    """The rows ``store_items`` writes for new items, without its per-chunk checks.

    Each chunk is built by the service's own code (``item_key``, ``Matcher``, ``_build``,
    ``_screen``): the same communications, screening results and flags. Left out, because
    generated items never need them: the lookup of rows already held (every key is new),
    routing to a single point of contact (no scale client has a restriction), attachments
    and kept originals (the items have none). Written with ``bulk_create`` in transactions
    of ten chunks, with the service's demand figures (``aggregates.apply`` of each chunk's
    rows, as ``communications_added`` does after reading them back) and its one audit event
    per chunk.
    """
    import uuid

    from django.db import transaction
    from django.utils import timezone

    from conduct.audit.services import record_event
    from conduct.correspondence import aggregates
    from conduct.correspondence.matching import Matcher
    from conduct.correspondence.models import Communication, ScreeningResult
    from conduct.correspondence.services import ingest

    done = False
    while not done:
        with transaction.atomic():
            for _ in range(10):
                items = next(chunks, None)
                if items is None:
                    done = True
                    break
                keyed = {ingest.item_key(i): i for i in items}
                batch, now = uuid.uuid4().hex, timezone.now()
                matcher = Matcher(list(keyed.values()))
                rows = [
                    ingest._build(item, key, batch, matcher, n, now)
                    for n, (key, item) in enumerate(keyed.items())
                ]
                verdicts = ingest._screen(rows)
                for row in rows:
                    verdict = verdicts.get(row.dedup_key)
                    if verdict is not None and verdict["flagged"]:
                        row.do_not_reply = True
                        row.review_state = Communication.PENDING
                Communication.objects.bulk_create(rows, batch_size=500)
                deltas = aggregates.Deltas.empty()
                for r in rows:
                    deltas.add_communication(*(getattr(r, f) for f in aggregates.FIELDS))
                aggregates.apply(deltas)
                mine = {r.dedup_key: r.pk for r in rows}
                ScreeningResult.objects.bulk_create(
                    [
                        ScreeningResult(communication_id=mine[k], screened_at=now, **v)
                        for k, v in verdicts.items()
                    ],
                    batch_size=500,
                )
                record_event(
                    "correspondence.communications.stored",
                    actor=staff,
                    target=None,
                    payload={
                        "run_id": None,
                        "added": len(rows),
                        "duplicates": len(items) - len(rows),
                        "rejected": 0,
                        "flagged": sum(1 for v in verdicts.values() if v["flagged"]),
                    },
                )


def build(size: int, seed: int = 7, *, bulk: bool = False, now: Any = None) -> dict[str, Any]:
    """The organisation, through the services or (``bulk``) the bulk path that writes the
    same rows (Django set up by the caller)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from conduct.clients.services import create_client
    from conduct.correspondence.services import ingest, log_staff_time, store_items

    screen, memo = _memoise_screener()
    rng = random.Random(seed)
    staff = get_user_model().objects.get(username="sam.staff")
    count = max(size // PER_CLIENT, 20)
    started = time.perf_counter()
    if bulk:
        clients = _clients_bulk(count, staff)
    else:
        clients = [create_client(_details(n), actor=staff) for n in range(count)]
    heavy = clients[: max(count // 200, 1)]
    now = now or timezone.now()
    built_clients = time.perf_counter() - started
    chunks = _items(rng, size, seed, clients, heavy, now)
    if bulk:
        _store_bulk(chunks, staff)
    else:
        for items in chunks:
            store_items(items, actor=staff)
    today = timezone.localdate(now)
    with transaction.atomic() if bulk else contextlib.nullcontext():
        for _ in range(max(size // 500, 10)):
            c = rng.choice(heavy) if rng.random() < 0.3 else rng.choice(clients)
            log_staff_time(
                c, on=today - timedelta(days=rng.randrange(DAYS)), minutes=rng.randrange(5, 90),
                actor=staff,
            )  # fmt: skip
    stored = time.perf_counter() - started - built_clients
    ingest.screen_texts = screen  # type: ignore[assignment]
    return {
        "clients": [c.pk for c in clients],
        "heavy": [c.pk for c in heavy],
        "build_clients_s": round(built_clients, 1),
        "build_communications_s": round(stored, 1),
        "distinct_texts_screened": len(memo),
        "bulk": bulk,
    }


def setup_demo() -> None:
    """Django set up, the schema, static files, the roles, the policy and the demo's people,
    in the throwaway data folder of the environment."""
    import django

    django.setup()
    from django.core.management import call_command

    from conduct.accounts.groups import sync_role_groups
    from conduct.demo.seed import seed_demo
    from conduct.policy.services import ensure_policy_loaded

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    sync_role_groups()
    ensure_policy_loaded()
    seed_demo()


def analyse() -> None:
    """On PostgreSQL, gather the planner's statistics, as autovacuum does in a deployment within
    a minute or so of a large write (this machine's server runs with autovacuum off, so without
    it the plans would be made with no statistics at all). Nothing on SQLite."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(size: int, requests: int, bulk: bool) -> dict[str, Any]:
    setup_demo()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client as HttpClient

    from conduct.accounts.services import create_api_token
    from conduct.correspondence.models import Communication

    world = build(size, bulk=bulk)
    analyse()
    users = get_user_model().objects
    staff, manager = users.get(username="sam.staff"), users.get(username="maria.manager")
    token = create_api_token(staff, "scale", actor=None)[1]
    as_staff, as_manager, api = HttpClient(), HttpClient(), HttpClient()
    as_staff.force_login(staff)
    as_manager.force_login(manager)
    rng = random.Random(11)
    sample = [world["heavy"][0], *rng.sample(world["clients"], min(requests, 50) - 1)]

    def uncached(path: str) -> Any:
        cache.clear()
        return as_manager.get(path)

    pages: dict[str, Any] = {
        "client page": lambda pk: as_staff.get(f"/clients/{pk}/"),
        "demand profile": lambda pk: uncached(f"/correspondence/clients/{pk}/demand/"),
        "outlier list": lambda pk: uncached("/correspondence/demand/"),
        "case queue": lambda pk: as_manager.get("/casework/queue/"),
        "search": lambda pk: as_staff.get("/clients/", {"q": f"SC-{pk % 997:04d}"}),
        "api search": lambda pk: api.get(
            "/api/clients/", {"q": "Scale Client 1"}, headers={"Authorization": f"Bearer {token}"}
        ),
    }
    result: dict[str, Any] = {
        "size": size,
        "communications": Communication.objects.count(),
        **{k: v for k, v in world.items() if not isinstance(v, list)},
    }
    for name, call in pages.items():
        call(sample[0])  # warm up: templates, connections
        times, cpu = [], []
        for i in range(requests):
            started, used = time.perf_counter(), time.process_time()
            response = call(sample[i % len(sample)])
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{name}: status {response.status_code}")
        result[name] = round(statistics.median(times), 1)
        result[name + " max"] = round(max(times), 1)
        result[name + " cpu"] = round(statistics.median(cpu), 1)
    started, used = time.perf_counter(), time.process_time()
    call_command("audit", "verify", stdout=open(os.devnull, "w"))  # noqa: SIM115
    result["audit verify"] = round((time.perf_counter() - started) * 1000, 1)
    result["audit verify cpu"] = round((time.process_time() - used) * 1000, 1)
    return result


PAGES = [
    "client page",
    "demand profile",
    "outlier list",
    "case queue",
    "search",
    "api search",
    "audit verify",
]


def report(rows: list[dict[str, Any]]) -> None:
    for db in sorted({r["db"] for r in rows}):
        mine = sorted((r for r in rows if r["db"] == db), key=lambda r: r["size"])
        base = mine[0]
        print(f"\n{db}: median ms per request (times the {base['size']:,} figure)")
        print("| page | " + " | ".join(f"{r['size']:,}" for r in mine) + " |")
        print("|---|" + "---:|" * len(mine))
        for page in PAGES:
            for key, label in ((page, "wall"), (page + " cpu", "CPU")):
                if key not in base:
                    continue
                cells = []
                for r in mine:
                    ratio = r[key] / base[key] if base[key] else 0
                    cells.append(f"{r[key]:,.1f}" + ("" if r is base else f" ({ratio:.2f}x)"))
                print(f"| {page}, {label} | " + " | ".join(cells) + " |")
        print(
            "build (clients s, communications s): "
            + ", ".join(
                f"{r['size']:,}: {r['build_clients_s']}, {r['build_communications_s']}"
                for r in mine
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="Communications, comma-separated.")
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both.")
    parser.add_argument("--requests", type=int, default=20, help="Timed requests per page.")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--bulk",
        choices=["auto", "yes", "no"],
        default="auto",
        help="Build through the bulk path (auto: for sizes of 100,000 and more).",
    )
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(
            "RESULT " + json.dumps(measure(args.child, args.requests, args.bulk == "yes")),
            flush=True,
        )
        return
    rows = []
    for db in args.db.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            rows.append(one(db, size, args))
            print(json.dumps(rows[-1]), flush=True)
    report(rows)


def child_env(data: str) -> dict[str, str]:
    """The environment of a measuring child process: SQLite in the throwaway folder `data`
    (the caller adds DATABASE_URL for PostgreSQL), quiet logs, one BLAS thread."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="conduct.settings",
        CONDUCT_DATA_DIR=data,
        CONDUCT_LOG_LEVEL="ERROR",
        CONDUCT_ALLOWED_HOSTS="testserver",
        CONDUCT_SECRET_KEY="benchmark-only-" + "x" * 40,
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
    )
    return env


@contextlib.contextmanager
def child_database(db: str, env: dict[str, str], name: str, pg_url: str) -> Iterator[None]:
    """For PostgreSQL, a throwaway database `name` for the child's environment `env`,
    dropped afterwards; for SQLite nothing (the child's data folder holds its database)."""
    if db != "postgres":
        yield
        return
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"{pg_url}/{name}"
    try:
        yield
    finally:
        with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def one(db: str, size: int, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="conduct-scale-") as data:
        env = child_env(data)
        database = f"conduct_scale_{os.getpid()}_{size}"
        try:
            with child_database(db, env, database, args.pg_url):
                bulk = args.bulk == "yes" or (args.bulk == "auto" and size >= 100_000)
                how = "bulk path" if bulk else "services"
                print(f"[{db}] building ({how}) and timing {size:,} communications …", flush=True)
                out = subprocess.run(  # noqa: S603 - our own script
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        str(size),
                        "--requests",
                        str(args.requests),
                        "--bulk",
                        "yes" if bulk else "no",
                    ],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
        except subprocess.CalledProcessError as exc:
            raise SystemExit(
                f"{db} {size}: failed\n{exc.stdout[-3000:]}\n{exc.stderr[-3000:]}"
            ) from None
        line = next(x for x in out.splitlines() if x.startswith("RESULT "))
        return {"db": db, **json.loads(line[len("RESULT ") :])}


if __name__ == "__main__":
    main()
