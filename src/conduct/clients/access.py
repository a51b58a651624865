"""The one way views and the API fetch a client for a user."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from conduct.clients.models import Client


def get_client_for_user(user: Any, pk: int | str, *, perm: str = "clients.view_client") -> Client:
    if not user.has_perm(perm):
        raise PermissionDenied("Your role does not allow access to client records.")
    try:
        return Client.objects.prefetch_related("contact_points").get(pk=int(pk))
    except (Client.DoesNotExist, ValueError, TypeError):
        raise Http404("No such client.") from None
