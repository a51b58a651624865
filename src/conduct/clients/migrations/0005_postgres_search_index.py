"""PostgreSQL only: indexes for the client search (``clients.search``).

The search matches a name or a contact point anywhere in the text (``icontains``, which Django
writes as ``UPPER(column::text) LIKE UPPER(pattern)``) and the reference exactly, case folded
(``UPPER(reference::text) = UPPER(text)``). Without these indexes each is a scan of every row.
Trigram GIN indexes (the ``pg_trgm`` extension, shipped with PostgreSQL) on ``UPPER(name)``
and ``UPPER(normalised)`` serve the ``LIKE``; a B-tree on ``UPPER(reference)`` serves the exact
reference. The GIN indexes are written as each row is (``fastupdate = off``): with a pending
list, rows written since the last vacuum are read one by one on every search, and the planner
counts those pages too (20,000 clients written at once: 7 ms a search, and a scan chosen, until
autovacuum ran; 0.2 ms with the index up to date).

Creating the extension needs a role that may create it (a superuser, or the database's owner
on PostgreSQL 13 and later, where ``pg_trgm`` is trusted). Where it cannot be created the
trigram indexes are left out, with a warning: the search gives the same answers, by scanning.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

TRIGRAM = [
    "CREATE INDEX IF NOT EXISTS clients_client_name_trgm "
    "ON clients_client USING gin (UPPER(name) gin_trgm_ops) WITH (fastupdate = off)",
    "CREATE INDEX IF NOT EXISTS clients_contactpoint_normalised_trgm "
    "ON clients_contactpoint USING gin (UPPER(normalised) gin_trgm_ops) WITH (fastupdate = off)",
]
REFERENCE = (
    "CREATE INDEX IF NOT EXISTS clients_client_reference_upper ON clients_client (UPPER(reference))"
)
DROP = [
    "DROP INDEX IF EXISTS clients_client_name_trgm",
    "DROP INDEX IF EXISTS clients_contactpoint_normalised_trgm",
    "DROP INDEX IF EXISTS clients_client_reference_upper",
]


def forwards(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    schema_editor.execute(REFERENCE)
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        logger.warning(
            "Client search: the pg_trgm extension could not be created (%s); the search "
            "will scan instead of using trigram indexes.",
            type(exc).__name__,
        )
        return
    for sql in TRIGRAM:
        schema_editor.execute(sql)


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0004_sqlite_search_vocabulary"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
