"""SQLite only: indexes for client search, so that it does not read every client.

A search matches ``name`` and a contact point's ``normalised`` anywhere in the text
(``icontains``, ``LIKE '%…%'``), which no B-tree index serves. On SQLite, two FTS5 tables with
the trigram tokenizer index both columns (external content: the text stays in the tables
themselves; triggers keep the index in step with every insert, update and delete), and an
index on ``reference`` with the NOCASE collation serves ``reference__iexact``. The search
(``conduct.clients.search``) uses them only where they give the same answer as the plain query.
PostgreSQL is left as it is (its search does not grow with the clients held).

Django rebuilds a SQLite table to alter a column, and dropping the old table drops its
triggers: a later migration that alters ``clients_client`` or ``clients_contactpoint`` must
run this one's ``forwards`` again. ``tests/clients/test_search_index.py`` fails if the index
falls behind.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

# Each index: the FTS5 table, the triggers that keep it in step, then its first fill.
CREATE = [
    "CREATE VIRTUAL TABLE clients_client_name_search USING fts5(name, content='clients_client', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER clients_client_name_search_insert AFTER INSERT ON clients_client BEGIN INSERT INTO clients_client_name_search(rowid, name) VALUES (new.id, new.name); END",
    "CREATE TRIGGER clients_client_name_search_delete AFTER DELETE ON clients_client BEGIN INSERT INTO clients_client_name_search(clients_client_name_search, rowid, name) VALUES ('delete', old.id, old.name); END",
    "CREATE TRIGGER clients_client_name_search_update AFTER UPDATE OF name ON clients_client BEGIN INSERT INTO clients_client_name_search(clients_client_name_search, rowid, name) VALUES ('delete', old.id, old.name); INSERT INTO clients_client_name_search(rowid, name) VALUES (new.id, new.name); END",
    "INSERT INTO clients_client_name_search(clients_client_name_search) VALUES ('rebuild')",
    "CREATE VIRTUAL TABLE clients_contactpoint_search USING fts5(normalised, content='clients_contactpoint', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER clients_contactpoint_search_insert AFTER INSERT ON clients_contactpoint BEGIN INSERT INTO clients_contactpoint_search(rowid, normalised) VALUES (new.id, new.normalised); END",
    "CREATE TRIGGER clients_contactpoint_search_delete AFTER DELETE ON clients_contactpoint BEGIN INSERT INTO clients_contactpoint_search(clients_contactpoint_search, rowid, normalised) VALUES ('delete', old.id, old.normalised); END",
    "CREATE TRIGGER clients_contactpoint_search_update AFTER UPDATE OF normalised ON clients_contactpoint BEGIN INSERT INTO clients_contactpoint_search(clients_contactpoint_search, rowid, normalised) VALUES ('delete', old.id, old.normalised); INSERT INTO clients_contactpoint_search(rowid, normalised) VALUES (new.id, new.normalised); END",
    "INSERT INTO clients_contactpoint_search(clients_contactpoint_search) VALUES ('rebuild')",
    "CREATE INDEX clients_client_reference_nocase ON clients_client (reference COLLATE NOCASE)",
]
DROP = [
    "DROP INDEX IF EXISTS clients_client_reference_nocase",
    "DROP TRIGGER IF EXISTS clients_client_name_search_insert",
    "DROP TRIGGER IF EXISTS clients_client_name_search_delete",
    "DROP TRIGGER IF EXISTS clients_client_name_search_update",
    "DROP TABLE IF EXISTS clients_client_name_search",
    "DROP TRIGGER IF EXISTS clients_contactpoint_search_insert",
    "DROP TRIGGER IF EXISTS clients_contactpoint_search_delete",
    "DROP TRIGGER IF EXISTS clients_contactpoint_search_update",
    "DROP TABLE IF EXISTS clients_contactpoint_search",
]


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in DROP + CREATE:  # DROP first: it may run again after a table rebuild
        schema_editor.execute(sql)


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0002_text_limits"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
