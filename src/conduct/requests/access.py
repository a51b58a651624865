"""Who sees which request: one helper, used by every view and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from conduct.requests import rules
from conduct.requests.models import ClientRequest


def handled_kinds(user: Any) -> list[str]:
    """The kinds of request ``user`` answers (subject access: admins; reviews: senior managers)."""
    perms = user.get_all_permissions() if user.is_authenticated else set()
    return [kind for kind in rules.KINDS if rules.may_handle(kind, perms)]


def requests_for_user(user: Any) -> QuerySet[ClientRequest]:
    return ClientRequest.objects.filter(kind__in=handled_kinds(user)).select_related("client")


def get_request_for_user(user: Any, pk: int) -> ClientRequest:
    """The request, if ``user`` answers its kind; otherwise 404 (its existence is not revealed)."""
    found = requests_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such request.")
    return found
