"""The one way views and the API fetch a client for a user.

``get_client_for_user`` is a read and records one view event with its door;
``get_client_for_change`` checks the same access before a change, or before a
read that records its own event (the demand profile, a request), and records nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from conduct.audit.reads import Door, record_view
from conduct.clients.models import Client


def get_client_for_user(
    user: Any, pk: int | str, *, door: Door, perm: str = "clients.view_client"
) -> Client:
    client = get_client_for_change(user, pk, perm=perm)
    record_view(
        "clients.client.viewed",
        actor=user,
        door=door,
        target=client,
        client_id=client.pk,
        payload={"reference": client.reference},
    )
    return client


def get_client_for_change(user: Any, pk: int | str, *, perm: str = "clients.view_client") -> Client:
    if not user.has_perm(perm):
        raise PermissionDenied("Your role does not allow access to client records.")
    try:
        return Client.objects.prefetch_related("contact_points").get(pk=int(pk))
    except (Client.DoesNotExist, ValueError, TypeError):
        raise Http404("No such client.") from None
