"""Who sees which request: one helper, used by every view and the API.

``get_request_for_user`` is a read and records one view event with its door;
``get_request_for_change`` checks the same access before a change and records nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from conduct.audit.reads import Door, record_view
from conduct.requests import rules, wording
from conduct.requests.models import ClientRequest


def handled_kinds(user: Any) -> list[str]:
    """The kinds of request ``user`` answers (subject access: admins; reviews: senior managers)."""
    perms = user.get_all_permissions() if user.is_authenticated else set()
    return [kind for kind in rules.KINDS if rules.may_handle(kind, perms)]


def requests_for_user(user: Any) -> QuerySet[ClientRequest]:
    return ClientRequest.objects.filter(kind__in=handled_kinds(user)).select_related("client")


def get_request_for_user(user: Any, pk: int, *, door: Door) -> ClientRequest:
    """The request, if ``user`` answers its kind, recording the read; otherwise 404."""
    found = get_request_for_change(user, pk)
    record_view(
        "requests.request.viewed",
        actor=user,
        door=door,
        target=found,
        client_id=found.client_id,
        payload={"reference": found.reference},
    )
    return found


def get_request_letter_for_user(user: Any, pk: int, letter: str, *, door: Door) -> ClientRequest:
    """The request whose ``letter`` ``user`` downloads, recording the download; 404 if the
    request is not theirs or has no such letter."""
    found = get_request_for_change(user, pk)
    available = wording.available_letters(
        status=found.status, extended=found.extended_due_on is not None
    )
    if letter not in available:
        raise Http404("This request has no such letter.")
    record_view(
        "requests.letter.downloaded",
        actor=user,
        door=door,
        target=found,
        client_id=found.client_id,
        payload={"reference": found.reference, "letter": letter},
    )
    return found


def get_request_for_change(user: Any, pk: int) -> ClientRequest:
    """The request, if ``user`` answers its kind; otherwise 404 (its existence is not revealed)."""
    found = requests_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such request.")
    return found
