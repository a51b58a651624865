"""Reading requests for the queue, the API and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from conduct.privacy.models import SubjectAccessExport
from conduct.requests import rules
from conduct.requests.models import ClientRequest

SHOW = ("open", "due", "overdue", "closed", "all")


@dataclass(frozen=True)
class Row:
    request: ClientRequest
    standing: rules.Standing


def standing_of(request: ClientRequest, today: date) -> rules.Standing:
    return rules.standing(
        status=request.status,
        due_on=request.deadline,
        today=today,
        closed_on=request.closed_on,
        soon_days=int(settings.REQUESTS_REMINDER_DAYS),
    )


def queue(requests: QuerySet[ClientRequest], *, show: str, today: date) -> list[Row]:
    """Open requests by deadline (``due``: due soon or overdue; ``overdue``); or closed ones."""
    ordered = requests.annotate(deadline_on=Coalesce("extended_due_on", "due_on"))
    if show == "closed":
        chosen = ordered.exclude(status=rules.OPEN).order_by("-closed_on", "-pk")
    elif show == "all":
        chosen = ordered.order_by("deadline_on", "pk")
    else:
        chosen = ordered.filter(status=rules.OPEN).order_by("deadline_on", "pk")
    rows = [Row(r, standing_of(r, today)) for r in chosen]
    if show == "due":
        rows = [r for r in rows if r.standing.key in ("due_soon", "overdue")]
    elif show == "overdue":
        rows = [r for r in rows if r.standing.key == "overdue"]
    return rows


def exports_for(request: ClientRequest) -> QuerySet[SubjectAccessExport]:
    """The subject access exports asked for to answer ``request``, newest first: the
    one it records, and any other of its client's made with its reference."""
    if request.kind != rules.SUBJECT_ACCESS:
        return SubjectAccessExport.objects.none()
    matching = Q(client_id=request.client_id, request_reference=request.reference)
    if request.export_id is not None:
        matching |= Q(pk=request.export_id)
    return (
        SubjectAccessExport.objects.filter(matching)
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
    )
