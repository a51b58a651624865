"""Client search: name or contact point anywhere in the text, or the exact reference.

On SQLite the name and contact point matches are read from trigram indexes (migration
``0003_sqlite_search_index``) instead of every client's row, and the three matches are
combined without a join, so the search costs about the same however many clients are held.
The indexed form is used only where it gives the plain query's answer: three characters or
more (a trigram index cannot narrow a shorter text) and no ``%`` or ``_`` (the index takes a
``LIKE`` pattern without an ``ESCAPE`` clause, so those would be wildcards). Otherwise, and on
PostgreSQL, the plain query runs.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from conduct.clients.contact import search_keys
from conduct.clients.models import Client, ContactPoint

NAMES_LIKE = "SELECT rowid FROM clients_client_name_search WHERE name LIKE %s"
POINTS_LIKE = "SELECT rowid FROM clients_contactpoint_search WHERE normalised LIKE %s"


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
    if use_index and indexed(text):
        return qs.filter(_indexed(text, keys))
    condition = Q(name__icontains=text) | Q(reference__iexact=text)
    if keys:
        condition |= Q(contact_points__normalised__in=keys)
        condition |= Q(contact_points__normalised__icontains=text.lower())
    return qs.filter(condition).distinct()


def _indexed(text: str, keys: list[str]) -> Q:
    names = RawSQL(NAMES_LIKE, [f"%{text}%"])  # noqa: S611 - constant SQL, the pattern bound
    condition = Q(pk__in=names) | Q(reference__iexact=text)
    if keys:
        points = RawSQL(POINTS_LIKE, [f"%{text.lower()}%"])  # noqa: S611 - as above
        matching = ContactPoint.objects.filter(Q(normalised__in=keys) | Q(pk__in=points))
        condition |= Q(pk__in=matching.values("client_id"))
    return condition
