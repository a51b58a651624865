from __future__ import annotations

import gc
import signal
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from conduct.core.env import env_int

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def wants_embedded_worker(tasks: Mapping[str, Mapping[str, Any]], *, no_worker: bool) -> bool:
    """Whether ``serve`` runs the database task worker beside the web server: only when the
    default task backend is the database one (Redis-backed workers run on their own)."""
    return not no_worker and tasks.get("default", {}).get("BACKEND") == DATABASE_BACKEND


def freeze_startup_objects() -> None:
    """Move what is loaded before serving (Django, the apps, the parsed policy) out of the
    collector's reach: it lives as long as the process, and without this every full
    collection a request triggers walks all of it again (a quarter of the API case list's
    CPU). Workers forked afterwards inherit the frozen objects and share their memory pages."""
    gc.collect()
    gc.freeze()


def _die_with_parent() -> None:
    """In the child, before exec: Linux sends SIGTERM if the server process dies."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_worker() -> subprocess.Popen[bytes]:
    """``conduct db_worker`` as a child process, stopped when the server stops."""
    return subprocess.Popen(
        [sys.executable, "-m", "conduct", "db_worker"],
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


class Command(BaseCommand):
    help = (
        "Serve Client Conduct with gunicorn (production WSGI server), static files included; "
        "with the database task backend, the background worker runs beside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=env_int("CONDUCT_WEB_WORKERS", 2, minimum=1)
        )
        parser.add_argument(
            "--threads", type=int, default=env_int("CONDUCT_WEB_THREADS", 4, minimum=1)
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start `conduct db_worker` beside the server (run it yourself).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("check", fail_level="ERROR")
        from django.core.wsgi import get_wsgi_application
        from gunicorn.app.base import BaseApplication

        from conduct.demo.seed import demo_logins

        # What ``conduct.wsgi`` builds for other servers; settings are already loaded here.
        application = get_wsgi_application()

        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write("")
        self.stdout.write(f"Client Conduct is running at {url}/")
        self.stdout.write(f"Data folder: {settings.DATA_DIR}")
        logins = demo_logins()
        if logins:
            self.stdout.write(f"Demo logins (password for all: {logins[0][1]}):")
            for username, _, role in logins:
                self.stdout.write(f"  {username:18} {role}")
        worker = None
        if wants_embedded_worker(settings.TASKS, no_worker=options["no_worker"]):
            worker = start_worker()
            self.stdout.write(f"Background worker: conduct db_worker (process {worker.pid})")
        self.stdout.write("Press Ctrl+C to stop.\n")
        self.stdout.flush()

        class Server(BaseApplication):
            def load_config(self) -> None:
                self.cfg.set("bind", f"{options['host']}:{options['port']}")
                self.cfg.set("workers", options["workers"])
                self.cfg.set("threads", options["threads"])
                self.cfg.set("worker_class", "gthread")
                self.cfg.set("timeout", 60)
                # 0: each connection is closed after its response. Under load, gunicorn's
                # gthread worker can reset a kept-alive connection just as the client reuses
                # it (benoitc/gunicorn#1698): seen here as one request in 6,000 reset at 80% of
                # saturation; none without keep-alive. A reverse proxy connects per request.
                self.cfg.set("keepalive", env_int("CONDUCT_WEB_KEEPALIVE", 0, minimum=0))
                self.cfg.set("graceful_timeout", 20)
                self.cfg.set("accesslog", None)
                self.cfg.set("loglevel", "warning")
                if worker is not None:
                    self.cfg.set("on_exit", lambda _server: stop_worker(worker))

            def load(self) -> Any:
                return application

        freeze_startup_objects()
        Server().run()
