"""The database: SQLite under the data folder by default, PostgreSQL when
``DATABASE_URL`` is set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from conduct.core.env import env_str


def databases(data_dir: Path) -> dict[str, Any]:
    """SQLite in WAL mode with foreign keys on, and writes that take the lock at
    BEGIN so concurrent writers queue instead of failing."""
    database_url = env_str("DATABASE_URL")
    if database_url:
        return {"default": dj_database_url.parse(database_url, conn_max_age=60)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(data_dir / "conduct.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
