from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from conduct.core.env import env_int


class Command(BaseCommand):
    help = "Serve Client Conduct with gunicorn (production WSGI server), static files included."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=env_int("CONDUCT_WEB_WORKERS", 2, minimum=1)
        )
        parser.add_argument(
            "--threads", type=int, default=env_int("CONDUCT_WEB_THREADS", 4, minimum=1)
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("check", fail_level="ERROR")
        from gunicorn.app.base import BaseApplication

        from conduct.demo.seed import demo_logins
        from conduct.wsgi import application

        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write("")
        self.stdout.write(f"Client Conduct is running at {url}/")
        self.stdout.write(f"Data folder: {settings.DATA_DIR}")
        logins = demo_logins()
        if logins:
            self.stdout.write(f"Demo logins (password for all: {logins[0][1]}):")
            for username, _, role in logins:
                self.stdout.write(f"  {username:18} {role}")
        self.stdout.write("Press Ctrl+C to stop.\n")
        self.stdout.flush()

        class Server(BaseApplication):
            def load_config(self) -> None:
                self.cfg.set("bind", f"{options['host']}:{options['port']}")
                self.cfg.set("workers", options["workers"])
                self.cfg.set("threads", options["threads"])
                self.cfg.set("worker_class", "gthread")
                self.cfg.set("timeout", 60)
                self.cfg.set("graceful_timeout", 20)
                self.cfg.set("accesslog", None)
                self.cfg.set("loglevel", "warning")

            def load(self) -> Any:
                return application

        Server().run()
