"""Reading a data folder's SQLite database directly, behind the application's back."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{data_dir / 'conduct.sqlite3'}?mode=ro", uri=True, timeout=30)


def scalar(data_dir: Path, sql: str, *params: object) -> int:
    conn = connect(data_dir)
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    finally:
        conn.close()


def row_counts(data_dir: Path) -> dict[str, int]:
    """Rows in every table: any half-written change shows as a difference."""
    conn = connect(data_dir)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: int(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]) for t in tables}
    finally:
        conn.close()


def integrity(data_dir: Path) -> str:
    conn = connect(data_dir)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()
