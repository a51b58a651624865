"""Scale-out: real RQ worker processes against the machine's Redis and PostgreSQL.

Ingests a mailbox through two workers, kills one mid-job, re-queues the source
(the documented recovery), and shows every message stored exactly once.
Marked ``scaleout``; skipped when Redis or PostgreSQL is not there, except in CI.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from redis import Redis
from rq import Queue, Worker

from conduct.correspondence import synthetic

pytestmark = pytest.mark.scaleout

PG = os.environ.get("CONDUCT_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_SERVER = os.environ.get("CONDUCT_TEST_REDIS_SERVER", "redis://127.0.0.1:6379")
MESSAGES = 1200
CONDUCT = str(Path(sys.executable).parent / "conduct")


def unavailable(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}, and CI=true requires the scale-out test")
    pytest.skip(why)


@pytest.fixture
def redis_db() -> Iterator[str]:
    """A Redis database of its own: another test run on the same server (a second checkout, the
    other database leg) must not flush or take this run's jobs. Database 0 holds the claims."""
    claims = Redis.from_url(f"{REDIS_SERVER}/0", socket_connect_timeout=3)
    try:
        claims.ping()
    except Exception:  # any failure means "no Redis here"
        claims.close()
        unavailable(f"no Redis answers at {REDIS_SERVER}")
    owner = uuid.uuid4().hex
    for number in range(1, 16):
        key = f"conduct:test-redis-db:{number}"
        if claims.set(key, owner, nx=True, ex=3600):
            try:
                yield f"{REDIS_SERVER}/{number}"
            finally:
                if claims.get(key) == owner.encode():
                    claims.delete(key)
                claims.close()
            return
    claims.close()
    pytest.fail(f"every Redis database on {REDIS_SERVER} is claimed by another test run")


@pytest.fixture
def services(redis_db: str) -> Iterator[tuple[str, Redis]]:
    if os.environ.get("DATABASE_URL"):
        pytest.skip("runs once, on the SQLite leg (it makes its own PostgreSQL database)")
    redis = Redis.from_url(redis_db, socket_connect_timeout=3)
    name = f"conduct_scaleout_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        redis.close()
        unavailable(f"no PostgreSQL answers at {PG}")
    redis.flushdb()
    try:
        yield f"{PG}/{name}", redis
    finally:
        redis.flushdb()
        redis.close()
        with psycopg.connect(PG + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url: str, redis_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONDUCT_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="conduct.settings",
        DATABASE_URL=database_url,
        CONDUCT_DATA_DIR=str(data_dir),
        CONDUCT_SECRET_KEY="scale-out-test-" + "x" * 40,
        CONDUCT_TASKS_BACKEND="django_tasks_rq.RQBackend",
        CONDUCT_REDIS_URL=redis_url,
        CONDUCT_LOG_LEVEL="WARNING",
    )
    return env


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(  # noqa: S603 - our own command
            [
                CONDUCT,
                "rqworker",
                "--worker-class",
                "conduct.correspondence.worker.Worker",
                "--job-class",
                "django_tasks_rq.Job",
                "-v",
                "0",
                "default",
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stored(database_url: str) -> tuple[int, int]:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT message_id) FROM correspondence_communication"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def waiting(database_url: str) -> int:
    """Worker connections waiting for a lock on our database."""
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(PG + "/postgres") as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
            (name,),
        ).fetchone()
    return int(row[0]) if row else 0


def stored_unlocked(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT count(*) FROM correspondence_communication").fetchone()
    return int(row[0]) if row else 0


def wait_until_drained(redis: Redis, alive: list[subprocess.Popen[bytes]], timeout: float) -> None:
    queue = Queue("default", connection=redis)
    deadline = time.monotonic() + timeout
    pids = {p.pid for p in alive}
    while time.monotonic() < deadline:
        workers = [w for w in Worker.all(connection=redis) if w.pid in pids]
        if queue.count == 0 and workers and all(w.get_state() == "idle" for w in workers):
            return
        time.sleep(0.2)
    raise AssertionError("the workers did not finish the queue in time")


@pytest.fixture
def workdir() -> Iterator[Path]:
    # Not tmp_path: other pytest sessions on the machine prune old basetemps mid-run.
    with tempfile.TemporaryDirectory(prefix="conduct-scaleout-") as name:
        yield Path(name)


def test_workers_store_every_message_exactly_once_despite_a_killed_worker(
    services: tuple[str, Redis], redis_db: str, workdir: Path
) -> None:
    tmp_path = workdir
    database_url, redis = services
    redis_url = redis_db
    t0 = time.monotonic()
    env = environment(database_url, redis_url, tmp_path / "data")
    subprocess.run([CONDUCT, "migrate", "-v0"], env=env, check=True, timeout=120)  # noqa: S603
    mbox = tmp_path / "big.mbox"
    senders = [f"client{n}@example.com" for n in range(200)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with mbox.open("wb") as handle:
        for chunk in synthetic.mbox_bytes(
            synthetic.mailbox(senders, MESSAGES, start=start, days=90, seed=42, heavy=senders[:3])
        ):
            handle.write(chunk)
    queue_cmd = [CONDUCT, "ingest", "--background", "--chunk", "20", str(mbox)]
    subprocess.run(queue_cmd, env=env, check=True, timeout=120, capture_output=True)  # noqa: S603
    assert Queue("default", connection=redis).count == MESSAGES // 20

    print(f"{time.monotonic() - t0:.1f}s: migrated and queued")
    workers = [start_worker(env, tmp_path / f"worker{n}.log") for n in range(2)]
    try:
        # Let the workers store some messages, then hold them mid-job: an exclusive
        # lock on the table makes each worker's next job wait inside its transaction.
        deadline = time.monotonic() + 60
        while stored(database_url)[0] < 100 and time.monotonic() < deadline:
            time.sleep(0.05)
        with psycopg.connect(database_url) as lock:
            lock.execute("LOCK TABLE correspondence_communication IN ACCESS EXCLUSIVE MODE")
            while waiting(database_url) < 2:
                assert time.monotonic() < deadline + 30, "the workers never blocked mid-job"
                time.sleep(0.05)
            before_kill = stored_unlocked(lock)
            victim = workers[0]
            horses = children(victim.pid)  # RQ runs each job in a forked "work horse"
            assert horses, "the worker was not running a job"
            for pid in [victim.pid, *horses]:  # the worker and the job it was running
                os.kill(pid, signal.SIGKILL)
            victim.wait(10)
            lock.rollback()
        print(
            f"{time.monotonic() - t0:.1f}s: killed worker {victim.pid} mid-job; {before_kill} stored"
        )
        survivors = workers[1:]
        wait_until_drained(redis, survivors, timeout=240)
        after_kill, _ = stored(database_url)
        print(f"{time.monotonic() - t0:.1f}s: drained; {after_kill} stored")
        queue = Queue("default", connection=redis)
        assert queue.started_job_registry.count == 1, "the killed worker's job is abandoned"
        assert after_kill < MESSAGES, "the killed job's messages are missing until the re-run"

        # Recovery: queue the same source again. Idempotent storage keeps every message once.
        subprocess.run(queue_cmd, env=env, check=True, timeout=120, capture_output=True)  # noqa: S603
        wait_until_drained(redis, survivors, timeout=240)
        total, distinct = stored(database_url)
        print(f"stored {after_kill} before the re-run, {total} after; {MESSAGES} expected")
        assert total == distinct == MESSAGES
        with psycopg.connect(database_url) as conn:
            ids = {
                r[0] for r in conn.execute("SELECT message_id FROM correspondence_communication")
            }
        assert ids == {f"syn-42-{n}@example.com" for n in range(MESSAGES)}
        survivor_log = (tmp_path / "worker1.log").read_bytes()
        assert b"Traceback" not in survivor_log
        assert b"example.com" not in survivor_log and b"RnJvbT" not in survivor_log
    except BaseException:
        for n in range(2):
            print(f"--- worker{n}.log", (tmp_path / f"worker{n}.log").read_text()[-3000:])
        raise
    finally:
        for process in workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
