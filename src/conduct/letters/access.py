"""The one way views and the API fetch letters, decisions and reviews for a user.

Senior managers see every letter; anyone else gets 403, never the record.
``get_letter_for_user`` is a read and records one view event with its door;
the ``..._for_change`` helpers check access before a change and record nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from conduct.audit.reads import Door, record_view
from conduct.casework import published
from conduct.letters.models import Letter

if TYPE_CHECKING:
    from conduct.casework.models import Decision, Review

VIEW = "letters.view_letter"


def _require(user: Any, perm: str) -> None:
    if not (user.has_perm(VIEW) and user.has_perm(perm)):
        raise PermissionDenied("Only senior managers work with letters.")


def get_letter_for_user(user: Any, pk: int | str, *, door: Door) -> Letter:
    letter = get_letter_for_change(user, pk, perm=VIEW)
    record_view(
        "letters.letter.viewed",
        actor=user,
        door=door,
        target=letter,
        client_id=letter.client_id,
        payload={"letter_id": letter.pk},
    )
    return letter


def get_letter_for_change(user: Any, pk: int | str, *, perm: str = VIEW) -> Letter:
    _require(user, perm)
    try:
        return Letter.objects.select_related("client", "decision", "review", "template").get(
            pk=int(pk)
        )
    except (Letter.DoesNotExist, ValueError, TypeError):
        raise Http404("No such letter.") from None


def get_decision_for_change(user: Any, pk: int | str, *, perm: str = VIEW) -> Decision:
    _require(user, perm)
    try:
        found = published.decision(int(pk))
    except (ValueError, TypeError):
        found = None
    if found is None:
        raise Http404("No such decision.")
    return found


def get_review_for_change(user: Any, pk: int | str, *, perm: str = VIEW) -> Review:
    _require(user, perm)
    try:
        found = published.review(int(pk))
    except (ValueError, TypeError):
        found = None
    if found is None:
        raise Http404("No such review.")
    return found
