"""Creating and changing client records. Each function writes one audit event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from conduct.audit.services import record_event
from conduct.clients.contact import EMAIL, PHONE, SOCIAL, InvalidContact, normalise
from conduct.clients.models import Client, ContactPoint
from conduct.clients.search import search_clients
from conduct.core.refusals import CONFLICT, Refused


class StaleEdit(Refused):
    """Someone else changed the record since it was opened."""

    rule = "client_unchanged"
    status = CONFLICT


class ReferenceInUse(Refused, ValueError):
    """Another client already has this reference."""

    rule = "reference_unique"
    status = CONFLICT


@dataclass
class ClientDetails:
    name: str
    reference: str = ""
    postal_address: str = ""
    notes: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    social_handles: list[str] = field(default_factory=list)

    def contacts(self) -> list[tuple[str, str, str]]:
        """(kind, as entered, normalised); raises InvalidContact on the first bad one."""
        result: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for kind, values in (
            (EMAIL, self.emails),
            (PHONE, self.phones),
            (SOCIAL, self.social_handles),
        ):
            for value in values:
                if not value.strip():
                    continue
                norm = normalise(kind, value)
                if (kind, norm) not in seen:
                    seen.add((kind, norm))
                    result.append((kind, value.strip(), norm))
        return result


def _next_reference() -> str:
    last = Client.objects.filter(reference__startswith="CL-").order_by("-reference").first()
    number = 1
    if last is not None:
        try:
            number = int(last.reference[3:]) + 1
        except ValueError:
            number = Client.objects.count() + 1
    return f"CL-{number:06d}"


def _set_contacts(client: Client, contacts: Iterable[tuple[str, str, str]]) -> None:
    client.contact_points.all().delete()
    ContactPoint.objects.bulk_create(
        ContactPoint(client=client, kind=k, value=v, normalised=n) for k, v, n in contacts
    )


def create_client(details: ClientDetails, *, actor: Any) -> Client:
    """Create a client record with its contact points.

    Refuses (ValueError) a duplicate reference, and (InvalidContact) a contact
    point that cannot be normalised.
    """
    contacts = details.contacts()
    with transaction.atomic():
        reference = details.reference.strip() or _next_reference()
        if Client.objects.filter(reference=reference).exists():
            raise ReferenceInUse(f"client reference {reference} is already in use")
        client = Client.objects.create(
            reference=reference,
            name=details.name.strip(),
            postal_address=details.postal_address.strip(),
            notes=details.notes.strip(),
        )
        _set_contacts(client, contacts)
        record_event(
            "clients.client.created",
            actor=actor,
            target=client,
            client_id=client.pk,
            payload={"reference": reference},
        )
    return client


def update_client(
    client: Client, details: ClientDetails, *, actor: Any, expected_version: int
) -> Client:
    """Change a client record. Refuses with StaleEdit if it changed since ``expected_version``."""
    contacts = details.contacts()
    with transaction.atomic():
        locked = Client.objects.select_for_update().get(pk=client.pk)
        if locked.version != expected_version:
            raise StaleEdit(
                "This client record was changed by someone else while you were editing it. "
                "Your changes were not saved; review the current record and edit again."
            )
        reference = details.reference.strip() or locked.reference
        if reference != locked.reference and Client.objects.filter(reference=reference).exists():
            raise ReferenceInUse(f"client reference {reference} is already in use")
        before = {
            "reference": locked.reference,
            "name": locked.name,
            "postal_address": locked.postal_address,
            "notes": locked.notes,
            "contacts": sorted((c.kind, c.normalised) for c in locked.contact_points.all()),
        }
        locked.reference = reference
        locked.name = details.name.strip()
        locked.postal_address = details.postal_address.strip()
        locked.notes = details.notes.strip()
        locked.version += 1
        locked.save()
        _set_contacts(locked, contacts)
        after = {
            "reference": locked.reference,
            "name": locked.name,
            "postal_address": locked.postal_address,
            "notes": locked.notes,
            "contacts": sorted((k, n) for k, _, n in contacts),
        }
        changed = sorted(k for k in before if before[k] != after[k])
        record_event(
            "clients.client.updated",
            actor=actor,
            target=locked,
            client_id=locked.pk,
            payload={"reference": locked.reference, "fields": ", ".join(changed) or "nothing"},
        )
    return locked


__all__ = [
    "ClientDetails",
    "InvalidContact",
    "StaleEdit",
    "create_client",
    "search_clients",
    "update_client",
]
