"""Client search: name or contact point anywhere in the text, or the exact reference.

On SQLite the name and contact point matches are read from trigram indexes (migration
``0003_sqlite_search_index``) instead of every client's row, and the three matches are
combined without a join, so the search costs about the same however many clients are held.
A text that is not selective (each of its trigrams is in more than ``BROAD`` rows, asked of
the ``fts5vocab`` tables of migration ``0004``) is matched by a scan of the column instead,
which reads fewer rows than merging them from the index.
The indexed form is used only where it gives the plain query's answer: three characters or
more (a trigram index cannot narrow a shorter text) and no ``%`` or ``_`` (the index takes a
``LIKE`` pattern without an ``ESCAPE`` clause, so those would be wildcards). Otherwise the
plain query runs.

On PostgreSQL the three matches are taken apart the same way, as a ``UNION`` of the client ids
each gives, so that each can use its index (migration ``0005_postgres_search_index``: trigram
GIN indexes on the name and the contact points' normalised form, a B-tree on the upper-cased
reference), or, for a name text that more than ``BROAD`` clients hold, as one pass over the
clients. The plain query (one ``OR`` across a join, then ``DISTINCT``) could use none of the
indexes.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from conduct.clients.contact import search_keys
from conduct.clients.models import Client, ContactPoint

NAMES_LIKE = "SELECT rowid FROM clients_client_name_search WHERE name LIKE %s"
POINTS_LIKE = "SELECT rowid FROM clients_contactpoint_search WHERE normalised LIKE %s"
NAME_VOCAB = "clients_client_name_vocab"
POINTS_VOCAB = "clients_contactpoint_vocab"
BROAD = 2000  # rows: a trigram in more is cheaper to scan for than to read from the index


def indexed(text: str) -> bool:
    """Whether the indexed form of the search answers ``text`` exactly."""
    return connection.vendor == "sqlite" and len(text) >= 3 and not {"%", "_"} & set(text)


def search_clients(query: str, *, use_index: bool = True) -> QuerySet[Client]:
    """Clients whose name, reference, or a contact point matches ``query``."""
    qs = Client.objects.all()
    text = query.strip()
    if not text:
        return qs
    keys = search_keys(text)
    if use_index and connection.vendor == "postgresql":
        return qs.filter(_postgres(text, keys))
    if use_index and indexed(text):
        return qs.filter(_indexed(text, keys))
    condition = Q(name__icontains=text) | Q(reference__iexact=text)
    if keys:
        condition |= Q(contact_points__normalised__in=keys)
        condition |= Q(contact_points__normalised__icontains=text.lower())
    return qs.filter(condition).distinct()


def selective(vocabulary: str, text: str) -> bool:
    """Whether the index narrows ``text`` to few rows: some trigram of it is in at most
    ``BROAD`` rows (or in none). Either answer gives the same clients; this only says which
    way reads fewer rows."""
    lowered = text.lower()
    grams = sorted({lowered[i : i + 3] for i in range(len(lowered) - 2)})
    marks = ", ".join(["%s"] * len(grams))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), min(doc) FROM {vocabulary} WHERE term IN ({marks})",  # noqa: S608 - constant table names
            grams,
        )
        found, fewest = cursor.fetchone()
    return bool(found < len(grams) or fewest <= BROAD)


def _indexed(text: str, keys: list[str]) -> Q:
    if selective(NAME_VOCAB, text):
        names = RawSQL(NAMES_LIKE, [f"%{text}%"])  # noqa: S611 - constant SQL, the pattern bound
        condition = Q(pk__in=names) | Q(reference__iexact=text)
    else:
        condition = Q(name__icontains=text) | Q(reference__iexact=text)
    if keys:
        lowered = text.lower()
        if selective(POINTS_VOCAB, lowered):
            points = Q(pk__in=RawSQL(POINTS_LIKE, [f"%{lowered}%"]))  # noqa: S611 - as above
        else:
            points = Q(normalised__icontains=lowered)
        matching = ContactPoint.objects.filter(Q(normalised__in=keys) | points)
        condition |= Q(pk__in=matching.values("client_id"))
    return condition


def _postgres(text: str, keys: list[str]) -> Q:
    """On PostgreSQL: the plain query's three matches as a union of client ids, each served by
    its index; or, for a name text more than ``BROAD`` clients hold, one pass over the clients
    (the union would look up every match again by its id: 33 against 11 ms for 11,000 of
    20,000 names). Whether it is broad is counted, up to ``BROAD + 1`` names, not taken from
    PostgreSQL's statistics, which a bulk import leaves out of date until the next analyse."""
    matching = None
    if keys:
        points = Q(normalised__in=keys) | Q(normalised__icontains=text.lower())
        matching = ContactPoint.objects.filter(points).order_by().values("client_id")
    names = Client.objects.filter(name__icontains=text).order_by()
    if names[: BROAD + 1].count() > BROAD:
        condition = Q(name__icontains=text) | Q(reference__iexact=text)
        return condition | Q(pk__in=matching) if matching is not None else condition
    ids = names.values("pk")
    ids = ids.union(Client.objects.filter(reference__iexact=text).order_by().values("pk"))
    return Q(pk__in=ids.union(matching) if matching is not None else ids)
