"""The client record itself: exported whole; anonymised (never deleted) at retention,
so records kept for longer still point at a row."""

from __future__ import annotations

from datetime import date
from typing import Any

from conduct.clients.models import Client
from conduct.core.personal_data import RecordType, Redacting, Section, plain

ANONYMISED_NAME = "Anonymised client"


def sections(client: Client, redactor: Redacting) -> list[Section]:
    record = {
        "id": client.pk,
        "reference": client.reference,
        "name": client.name,
        "postal_address": client.postal_address,
        "notes": redactor.text(client.notes),
        "created_at": plain(client.created_at),
        "updated_at": plain(client.updated_at),
    }
    points = [
        {"kind": p.kind, "value": p.value} for p in client.contact_points.order_by("kind", "pk")
    ]
    return [
        Section("client", "Client record", [record]),
        Section("client.contact_points", "Contact points", points),
    ]


def last_activity(client: Client) -> date | None:
    return client.created_at.date()


def count(client: Client) -> dict[str, int]:
    held = int(client.name != ANONYMISED_NAME or bool(client.postal_address or client.notes))
    return {"client details": held, "contact points": client.contact_points.count()}


def erase(client: Client, actor: Any) -> dict[str, int]:
    counts = count(client)
    client.contact_points.all().delete()
    client.name = ANONYMISED_NAME
    client.reference = f"ANON-{client.pk}"
    client.postal_address = ""
    client.notes = ""
    client.version += 1
    client.save(update_fields=["name", "reference", "postal_address", "notes", "version"])
    return counts


RECORD_TYPE = RecordType(
    key="clients",
    title="Client record and contact points",
    sections=sections,
    last_activity=last_activity,
    count=count,
    erase=erase,
    action="anonymised",
)
