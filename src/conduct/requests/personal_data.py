"""The client's own requests (reviews, copies of their data) and how each was
answered. Deleted at retention, before the decisions they may cite.

Imported only when the requests app is installed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max
from django.utils import timezone

from conduct.clients.models import Client
from conduct.core.personal_data import RecordType, Redacting, Section, as_day, plain
from conduct.requests.models import ClientRequest
from conduct.requests.rules import OPEN


def _requests(client: Client) -> Any:
    return ClientRequest.objects.filter(client=client)


def sections(client: Client, r: Redacting) -> list[Section]:
    records = [
        {
            "reference": q.reference,
            "kind": q.kind,
            "channel": q.channel,
            "received_on": plain(q.received_on),
            "summary": r.text(q.summary),
            "decision_id": q.decision_id,
            "due_on": plain(q.due_on),
            "extended_due_on": plain(q.extended_due_on),
            "extension_reason": r.text(q.extension_reason),
            "status": q.status,
            "closed_on": plain(q.closed_on),
            "outcome_note": r.text(q.outcome_note),
            "recorded_by": r.person(q.recorded_by),
        }
        for q in _requests(client).select_related("recorded_by").order_by("received_on", "pk")
    ]
    return [Section("requests.requests", "Your requests to us", records)]


def last_activity(client: Client) -> date | None:
    """The latest request date; a request still open counts as today."""
    still_open = _requests(client).filter(status=OPEN).exists()
    found = _requests(client).aggregate(
        a=Max("received_on"), b=Max("closed_on"), c=Max("recorded_at")
    )
    now = timezone.localdate() if still_open else None
    days = (found["a"], found["b"], as_day(found["c"]), now)
    return max((d for d in days if d is not None), default=None)


def count(client: Client) -> dict[str, int]:
    return {"requests": _requests(client).count()}


def erase(client: Client, actor: Any) -> dict[str, int]:
    counts = count(client)
    _requests(client).delete()
    return counts


RECORD_TYPE = RecordType(
    key="requests",
    title="The client's requests (reviews, copies of their data)",
    sections=sections,
    last_activity=last_activity,
    count=count,
    erase=erase,
)
