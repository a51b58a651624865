"""On SQLite, client search reads trigram indexes kept by triggers; on PostgreSQL, a union of
three queries that its trigram and expression indexes serve. Either must answer exactly as the
plain query does, after every kind of change, and not need to read every client's row."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from conduct.clients.models import Client, ContactPoint
from conduct.clients.search import indexed, search_clients
from conduct.clients.services import ClientDetails, create_client, update_client

pytestmark = pytest.mark.django_db

NAMES = [
    "Jane Example",
    "JANE GOLDSMITH",
    "Émile Zoë Brontë",
    "Mary O'Brien-Smith",
    "Dr. Li Wei",
    "Anna 100% Sure",
    "Back\\slash Person",
    "Under_score Ltd",
]
QUERIES = [
    "jane",
    "smith",
    "SMITH",
    "émile",
    "ÉMILE",
    "zoë",
    "brontë",
    "o'brien",
    "dr.",
    "li wei",
    "ample",
    "example.com",
    "@anna",
    "07700 900",
    "900123",
    "7700900123",
    "CL-000900",
    "cl-000900",
    "cl-0009",
    "k\\s",
    "100%",
    "r_s",
    "ne",
    "x",
    "nobody here",
    "+44 7700 900123",
]


def people(staff: Any) -> list[Client]:
    made = []
    for n, name in enumerate(NAMES):
        made.append(
            create_client(
                ClientDetails(
                    name=name,
                    reference=f"CL-00090{n}",
                    emails=[f"person{n}@example.com"]
                    if n % 2
                    else [f"{name[:4].strip()}{n}@mail.org"],
                    phones=[f"07700 90012{n}"],
                    social_handles=[f"@{name.split()[0].lower()}_{n}"],
                ),
                actor=staff,
            )
        )
    return made


def assert_same_answers() -> int:
    """Every query answers the same both ways; returns how many took SQLite's indexed form."""
    used = 0
    for query in QUERIES:
        plain = list(search_clients(query, use_index=False))
        assert list(search_clients(query)) == plain, query
        used += indexed(query.strip())
    return used


@pytest.fixture
def sqlite_only() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's trigram tables")


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes")


def test_indexed_search_answers_as_the_plain_query(staff: Any) -> None:
    made = people(staff)
    assert sum(len(list(search_clients(q))) for q in QUERIES) > len(QUERIES)  # many match
    assert assert_same_answers() >= (15 if connection.vendor == "sqlite" else 0)
    # Renamed, contact points replaced, deleted, bulk-written: the index follows each change.
    first = made[0]
    update_client(
        first,
        ClientDetails(name="Janet Renamed", reference="CL-000950", emails=["new@example.net"]),
        actor=staff,
        expected_version=first.version,
    )
    assert list(search_clients("renamed")) == [first]
    assert not search_clients("person0").exists() and list(search_clients("example.net")) == [first]
    ContactPoint.objects.filter(client=made[1]).delete()
    Client.objects.filter(pk=made[2].pk).update(name="Someone Else")
    Client.objects.bulk_create([Client(reference="CL-000990", name="Bulk Smith")])
    assert {c.name for c in search_clients("smith")} >= {"Bulk Smith", "JANE GOLDSMITH"}
    assert not search_clients("brontë").exists()  # the old name, in no contact point
    assert_same_answers()


def test_indexed_only_where_the_answer_is_the_same() -> None:
    sqlite = connection.vendor == "sqlite"
    assert indexed("smith") is sqlite and indexed("li ") is sqlite
    assert not indexed("li") and not indexed("100%") and not indexed("r_s")


def test_the_search_reads_no_table_whole(sqlite_only: None, staff: Any) -> None:
    people(staff)
    for query in ["smith", "person3@example.com", "07700 900123", "CL-000901"]:
        sql, params = search_clients(query).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[-1] for row in cursor.fetchall()]
        scans = [step for step in plan if step.startswith("SCAN") and "VIRTUAL TABLE" not in step]
        assert not scans, (query, plan)
        assert any("VIRTUAL TABLE INDEX 0:L" in step for step in plan), (query, plan)


@pytest.mark.django_db(transaction=True)
def test_the_migration_goes_back_and_forth(sqlite_only: None, staff: Any) -> None:
    made = people(staff)

    def tables() -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'clients_%search%'")
            return {row[0] for row in cursor.fetchall()}

    assert {"clients_client_name_search", "clients_contactpoint_search"} <= tables()
    call_command("migrate", "clients", "0002", verbosity=0)
    assert not tables()
    assert list(search_clients("goldsmith", use_index=False)) == [made[1]]
    call_command("migrate", "clients", verbosity=0)
    assert {"clients_client_name_search", "clients_contactpoint_search"} <= tables()
    assert list(search_clients("goldsmith")) == [made[1]]  # rows held before are indexed
    assert assert_same_answers() >= 15


def test_a_broad_text_is_scanned_for_and_answers_the_same(
    sqlite_only: None, staff: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conduct.clients import search

    people(staff)
    # "person" is in four contact points and "example" in four; "goldsmith" in one name.
    assert search.selective(search.POINTS_VOCAB, "person")
    assert search.selective(search.NAME_VOCAB, "goldsmith")
    assert search.selective(search.NAME_VOCAB, "nowhere at all")  # a trigram in no row
    monkeypatch.setattr(search, "BROAD", 3)
    assert not search.selective(search.POINTS_VOCAB, "person")
    assert search.selective(search.NAME_VOCAB, "goldsmith")
    monkeypatch.setattr(search, "BROAD", 0)  # every text broad: the scans answer everything
    assert not search.selective(search.NAME_VOCAB, "jane")
    assert assert_same_answers() >= 15
    sql, params = search_clients("example.com").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(row[-1] for row in cursor.fetchall())
    # The contact points are scanned for; no name holds ".co", so the name index answers at
    # once and is still used.
    assert "clients_contactpoint_search" not in plan and "clients_client_name_search" in plan


PG_INDEXES = {
    "clients_client_name_trgm",
    "clients_contactpoint_normalised_trgm",
    "clients_client_reference_upper",
}


def _plan(queryset: Any) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan


def _words(plan: str) -> set[str]:
    return set(plan.replace("(", " ").split())


def test_postgres_search_uses_its_indexes(postgres_only: None, staff: Any) -> None:
    people(staff)
    # Enough rows that an index pays against reading a table whole (sequential scans off: a
    # trigram index wins against a scan only in tables far larger than a test's).
    many = Client.objects.bulk_create(
        Client(reference=f"CL-{n:07d}", name=f"Person Number {n}") for n in range(3000)
    )
    ContactPoint.objects.bulk_create(
        ContactPoint(
            client=c, kind="email", value=f"p{c.pk}@example.org", normalised=f"p{c.pk}@example.org"
        )
        for c in many
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE clients_client")
        cursor.execute("ANALYZE clients_contactpoint")
    plan = _plan(search_clients("goldsmith"))
    assert {"clients_client_name_trgm", "clients_client_reference_upper"} <= _words(plan), plan
    assert "Seq Scan" not in plan, plan
    # Its contact points' part also matches the exact keys, which the unique index can check
    # in small tables; the part-of-the-text match alone shows the trigram index serves it.
    plan = _plan(ContactPoint.objects.filter(normalised__icontains="goldsmith"))
    assert "clients_contactpoint_normalised_trgm" in _words(plan), plan
    assert [c.name for c in search_clients("goldsmith")] == ["JANE GOLDSMITH"]


def test_postgres_broad_texts_answer_the_same_in_one_pass(
    postgres_only: None, staff: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conduct.clients import search

    people(staff)
    monkeypatch.setattr(search, "BROAD", -1)  # every text broad: one pass over the clients
    assert "UNION" not in str(search_clients("jane").query)
    assert_same_answers()
    monkeypatch.setattr(search, "BROAD", 10**9)  # none broad: the union
    assert "UNION" in str(search_clients("jane").query)
    assert_same_answers()


@pytest.mark.django_db(transaction=True)
def test_the_postgres_migration_goes_back_and_forth(postgres_only: None, staff: Any) -> None:
    made = people(staff)

    def indexes() -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'clients_%'")
            return {row[0] for row in cursor.fetchall()} & PG_INDEXES

    assert indexes() == PG_INDEXES
    call_command("migrate", "clients", "0004", verbosity=0)
    assert not indexes()
    assert list(search_clients("goldsmith")) == [made[1]]
    call_command("migrate", "clients", verbosity=0)
    assert indexes() == PG_INDEXES
    assert_same_answers()


def test_without_pg_trgm_the_migration_warns_and_keeps_the_reference_index(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import importlib

    from django.db import DatabaseError

    migration = importlib.import_module("conduct.clients.migrations.0005_postgres_search_index")
    ran: list[str] = []

    class Editor:
        class connection:  # stands in for a PostgreSQL connection
            vendor = "postgresql"
            alias = "default"

        def execute(self, sql: str) -> None:
            if sql.startswith("CREATE EXTENSION"):
                raise DatabaseError("permission denied to create extension")
            ran.append(sql)

    with caplog.at_level("WARNING"):
        migration.forwards(None, Editor())
    assert ran == [migration.REFERENCE]
    assert "pg_trgm" in caplog.text and "permission" not in caplog.text
