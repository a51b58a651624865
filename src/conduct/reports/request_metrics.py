"""The dashboard's figures for clients' requests (needs the requests app): how
many were answered on time in the period, and which are open now."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.apps import apps

from conduct.reports.tables import Cell, Period, Table


def client_requests(period: Period, today: date) -> Table | None:
    """Requests received in the period by kind: answered on time, late, still open, overdue now."""
    if not apps.is_installed("conduct.requests"):
        return None
    from conduct.requests.models import ClientRequest
    from conduct.requests.queries import standing_of
    from conduct.requests.rules import KINDS, on_time_rate

    counts: Counter[tuple[str, str]] = Counter()
    for request in ClientRequest.objects.filter(
        received_on__gte=period.start, received_on__lte=period.end
    ):
        counts[(request.kind, standing_of(request, today).key)] += 1
    rows: list[tuple[Cell, ...]] = []
    on_time_all = answered_all = 0
    for kind, title in KINDS.items():
        on_time, late = counts[(kind, "on_time")], counts[(kind, "late")]
        overdue = counts[(kind, "overdue")]
        still_open = overdue + counts[(kind, "open")] + counts[(kind, "due_soon")]
        share = on_time_rate(on_time, on_time + late)
        rows.append(
            (
                title,
                on_time + late + still_open + counts[(kind, "withdrawn")],
                on_time,
                late,
                still_open,
                overdue,
                "n/a" if share is None else f"{share}%",
            )
        )
        on_time_all += on_time
        answered_all += on_time + late
    share_all = on_time_rate(on_time_all, answered_all)
    return Table(
        "client_requests",
        "Clients' requests answered on time",
        [
            "Request",
            "Received",
            "Answered on time",
            "Answered late",
            "Open",
            "Overdue now",
            "On time",
        ],
        rows,
        chart="Answered on time",
        note=(
            f"{'n/a' if share_all is None else f'{share_all}%'} of the {answered_all} request(s) "
            "answered were answered by their deadline (with any extension); by date received."
        ),
    )


def open_requests(today: date) -> Table | None:
    """Every open request now, by deadline (references only, no names)."""
    if not apps.is_installed("conduct.requests"):
        return None
    from django.db.models.functions import Coalesce

    from conduct.requests.models import ClientRequest
    from conduct.requests.queries import standing_of
    from conduct.requests.rules import KINDS, OPEN

    rows: list[tuple[Cell, ...]] = [
        (
            r.reference,
            KINDS[r.kind],
            r.received_on.isoformat(),
            r.deadline.isoformat(),
            "yes" if r.extended_due_on else "no",
            standing_of(r, today).label,
        )
        for r in ClientRequest.objects.filter(status=OPEN)
        .annotate(deadline_on=Coalesce("extended_due_on", "due_on"))
        .order_by("deadline_on", "pk")
    ]
    return Table(
        "open_requests",
        "Clients' requests open now, by deadline",
        ["Reference", "Request", "Received", "Due by", "Extended", "Standing"],
        rows,
    )
