"""The casework router and the helpers its endpoints share."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from conduct.casework.models import (
    Case,
    Incident,
)
from conduct.clients.access import get_client_for_change

router = Router(tags=["casework"])


def client_or_none(request: HttpRequest, client_id: int | None) -> Any:
    return get_client_for_change(request.user, client_id) if client_id is not None else None


def load_incident(pk: int) -> Incident:
    return Incident.objects.select_related("recorded_by", "policy_version").get(pk=pk)


def load_case(pk: int) -> Case:
    return Case.objects.select_related("assigned_to").get(pk=pk)
