"""Exit 0 if a PostgreSQL server answers at the given URL, else 1 (used by scripts/test)."""

import sys

import psycopg


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432"
    try:
        with psycopg.connect(url + "/postgres", connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
