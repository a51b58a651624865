"""Linking unmatched communications to a client, and remembering the sender."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.clients.models import Client
from conduct.core.refusals import CONFLICT, Refused
from conduct.correspondence import aggregates
from conduct.correspondence.models import Communication, SenderLink


class LinkRefused(Refused, ValueError):
    """The communication is already linked to a client."""

    rule = "link_unmatched"
    status = CONFLICT


def link_sender(communication: Communication, client: Client, *, actor: Any) -> int:
    """Link ``communication`` (and every other unmatched one from the same sender) to
    ``client``, and remember the sender so later items match on arrival.

    Returns how many communications were linked. Refuses one already linked.
    """
    with transaction.atomic():
        locked = Communication.objects.select_for_update().get(pk=communication.pk)
        if locked.client_id is not None:
            raise LinkRefused("This communication is already linked to a client.")
        linked = 1
        if locked.sender_kind and locked.sender_key:
            SenderLink.objects.update_or_create(
                kind=locked.sender_kind,
                key=locked.sender_key,
                defaults={"client": client, "linked_by": actor, "linked_at": timezone.now()},
            )
            unmatched = Communication.objects.filter(
                client__isnull=True, sender_kind=locked.sender_kind, sender_key=locked.sender_key
            )
            ids = list(unmatched.values_list("pk", flat=True))
            linked = unmatched.filter(pk__in=ids).update(client=client)
        else:
            ids = [locked.pk]
            locked.client = client
            locked.save(update_fields=["client"])
        aggregates.communications_added(Communication.objects.filter(pk__in=ids))
        record_event(
            "correspondence.sender.linked",
            actor=actor,
            target=locked,
            client_id=client.pk,
            payload={"communication_id": locked.pk, "reference": client.reference, "count": linked},
        )
    return linked
