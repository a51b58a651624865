"""The one way views and the API fetch a communication for a user.

``get_..._for_user`` is a read and records one view event with its door;
``get_communication_for_change`` checks the same access before a change and
records nothing (the service function writes the change's event).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from conduct.audit.reads import Door, record_view
from conduct.clients.access import get_client_for_change
from conduct.clients.models import Client
from conduct.correspondence.models import Communication


def get_communication_for_user(
    user: Any, pk: int | str, *, door: Door, perm: str = "correspondence.view_communication"
) -> Communication:
    comm = get_communication_for_change(user, pk, perm=perm)
    record_view(
        "correspondence.communication.viewed",
        actor=user,
        door=door,
        target=comm,
        client_id=comm.client_id,
        payload={"communication_id": comm.pk},
    )
    return comm


def get_communication_for_change(
    user: Any, pk: int | str, *, perm: str = "correspondence.view_communication"
) -> Communication:
    if not user.has_perm(perm):
        raise PermissionDenied("Your role does not allow access to correspondence.")
    try:
        return Communication.objects.select_related("client", "screening", "staff").get(pk=int(pk))
    except (Communication.DoesNotExist, ValueError, TypeError):
        raise Http404("No such communication.") from None


def get_correspondent_for_user(user: Any, client_pk: int | str, *, door: Door) -> Client:
    """The client whose list of communications ``user`` reads, recording the read."""
    if not user.has_perm("correspondence.view_communication"):
        raise PermissionDenied("Your role does not allow access to correspondence.")
    client = get_client_for_change(user, client_pk)
    record_view(
        "correspondence.communications.listed",
        actor=user,
        door=door,
        target=client,
        client_id=client.pk,
        payload={"reference": client.reference},
    )
    return client


def get_demand_client_for_user(user: Any, client_pk: int | str, *, days: int, door: Door) -> Client:
    """The client whose demand profile over ``days`` days ``user`` reads, recording the read."""
    client = get_client_for_change(user, client_pk)
    record_view(
        "correspondence.demand.viewed",
        actor=user,
        door=door,
        target=client,
        client_id=client.pk,
        payload={"reference": client.reference, "days": days},
    )
    return client
