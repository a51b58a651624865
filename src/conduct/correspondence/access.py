"""The one way views and the API fetch a communication for a user."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from conduct.correspondence.models import Communication


def get_communication_for_user(
    user: Any, pk: int | str, *, perm: str = "correspondence.view_communication"
) -> Communication:
    if not user.has_perm(perm):
        raise PermissionDenied("Your role does not allow access to correspondence.")
    try:
        return Communication.objects.select_related("client", "screening", "staff").get(pk=int(pk))
    except (Communication.DoesNotExist, ValueError, TypeError):
        raise Http404("No such communication.") from None
