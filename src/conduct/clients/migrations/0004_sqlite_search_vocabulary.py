"""SQLite only: how many rows hold each trigram of the search indexes (FTS5 ``fts5vocab``
tables over the two indexes of ``0003_sqlite_search_index``).

The search asks them, before it uses an index, whether the text is selective: a text whose
every trigram is in thousands of rows ("example.com", a common surname) is read faster by a
scan of the column than by merging those rows from the index. The tables hold nothing of
their own; they read the indexes.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CREATE = [
    "CREATE VIRTUAL TABLE clients_client_name_vocab USING fts5vocab(clients_client_name_search, 'row')",
    "CREATE VIRTUAL TABLE clients_contactpoint_vocab USING fts5vocab(clients_contactpoint_search, 'row')",
]
DROP = [
    "DROP TABLE IF EXISTS clients_client_name_vocab",
    "DROP TABLE IF EXISTS clients_contactpoint_vocab",
]


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in DROP + CREATE:
        schema_editor.execute(sql)


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0003_sqlite_search_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
