"""The casework router and the helpers its endpoints share."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from conduct.casework.models import (
    Case,
    Incident,
)
from conduct.casework.services import (
    EvidenceRefused,
    RuleViolation,
    StaleCase,
)
from conduct.clients.access import get_client_for_change

router = Router(tags=["casework"])
T = TypeVar("T")
FORBIDDING_RULES = {"only_senior_managers_decide", "staff_record", "call_guide_owner"}


def run_service(action: Callable[[], T]) -> T:
    """Call a service, turning its refusals into clear 4xx answers."""
    try:
        return action()
    except RuleViolation as exc:
        raise HttpError(403 if exc.rule in FORBIDDING_RULES else 422, str(exc)) from None
    except StaleCase as exc:
        raise HttpError(409, str(exc)) from None
    except EvidenceRefused as exc:
        raise HttpError(422, str(exc)) from None


def client_or_none(request: HttpRequest, client_id: int | None) -> Any:
    return get_client_for_change(request.user, client_id) if client_id is not None else None


def load_incident(pk: int) -> Incident:
    return Incident.objects.select_related("recorded_by", "policy_version").get(pk=pk)


def load_case(pk: int) -> Case:
    return Case.objects.select_related("assigned_to").get(pk=pk)
