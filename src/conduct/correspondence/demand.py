"""Demand figures from the database: per client, and across the organisation.

Read only from the per-client, per-day figures of ``aggregates`` (never from the
communications), a few GROUP BY queries each; the judgement lives in ``demand_rules``.
The period is counted in whole local days, its first and last day included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from conduct.clients.models import Client
from conduct.correspondence import aggregates
from conduct.correspondence import demand_rules as dr
from conduct.correspondence.models import (
    DemandChannelDay,
    DemandDay,
    DemandRepeat,
    DemandRepeatTotal,
)

# The most client ids passed to PostgreSQL as a list (beyond, a subquery).
MAX_LISTED = 2000


def thresholds() -> dr.Thresholds:
    return dr.Thresholds(**settings.DEMAND_THRESHOLDS)


def window(days: int, end: datetime | None = None) -> tuple[datetime, datetime]:
    finish = end or timezone.now()
    return finish - timedelta(days=days), finish


def days(start: datetime, end: datetime) -> tuple[date, date]:
    """The period as whole local days, first and last included (the figures are per day)."""
    return timezone.localdate(start), timezone.localdate(end)


def _weeks(start: datetime, end: datetime) -> float:
    return max((end - start).days / 7, 1)


def _cache_key(kind: str, start: datetime, end: datetime) -> str:
    # The days of the window plus the figures' version, which every change bumps in its own
    # transaction: a cached figure is never staler than the last committed change.
    first, last = days(start, end)
    return f"demand:{kind}:{first}:{last}:{aggregates.version()}"


def organisation(start: datetime, end: datetime) -> dr.Distribution:
    """The organisation's weekly-contact distribution (cached until the figures change)."""
    key = _cache_key("org", start, end)
    found = cache.get(key)
    if isinstance(found, dr.Distribution):
        return found
    result = _organisation(start, end)
    cache.set(key, result, 600)
    return result


def _organisation(start: datetime, end: datetime) -> dr.Distribution:
    first, last = days(start, end)
    weeks = _weeks(start, end)
    counts = (
        DemandDay.objects.filter(day__gte=first, day__lte=last)
        .values("client_id")
        .annotate(n=Sum("incoming"))
        .filter(n__gt=0)
        .values_list("n", flat=True)
    )
    return dr.distribution([n / weeks for n in counts])


def client_figures(client_id: int, start: datetime, end: datetime, t: dr.Thresholds) -> dr.Figures:
    first, last = days(start, end)
    figures = dr.Figures(weeks=_weeks(start, end))
    seconds = 0
    for day, incoming, info, secs, logged in DemandDay.objects.filter(
        client_id=client_id, day__gte=first, day__lte=last
    ).values_list("day", "incoming", "information_requests", "call_seconds", "logged_minutes"):
        if incoming:
            figures.daily[day] = incoming
        figures.incoming += incoming
        figures.information_requests += info
        seconds += secs
        figures.logged_minutes += logged
    for channel, direction, n in (
        DemandChannelDay.objects.filter(client_id=client_id, day__gte=first, day__lte=last)
        .values("channel", "direction")
        .annotate(n=Sum("contacts"))
        .values_list("channel", "direction", "n")
    ):
        figures.by_channel.setdefault(channel, {})[direction] = n
        figures.contacts += n
    figures.busiest_day = max(figures.daily.values(), default=0)
    figures.burst_days = sum(1 for n in figures.daily.values() if n >= t.burst_per_day)
    figures.largest_repeat = (
        DemandRepeat.objects.filter(client_id=client_id, day__gte=first, day__lte=last)
        .values("fingerprint")
        .annotate(n=Sum("messages"))
        .order_by("-n")
        .values_list("n", flat=True)
        .first()
        or 0
    )
    figures.call_minutes = round(seconds / 60)
    return figures


def weekly_counts(figures: dr.Figures, start: datetime, end: datetime) -> list[tuple[date, int]]:
    return dr.weekly(figures.daily, timezone.localdate(start), timezone.localdate(end))


@dataclass(frozen=True)
class Outlier:
    client: Client
    figures: dr.Figures
    reasons: list[str]


def outliers(
    start: datetime, end: datetime, t: dr.Thresholds
) -> tuple[list[Outlier], dr.Distribution]:
    """Clients whose figures exceed a threshold, most contacts first (cached until the data
    or the thresholds change)."""
    key = _cache_key(f"outliers:{hash(t)}", start, end)
    found = cache.get(key)
    if isinstance(found, tuple):
        return found
    result = _outliers(start, end, t)
    cache.set(key, result, 600)
    return result


def _outliers(
    start: datetime, end: datetime, t: dr.Thresholds
) -> tuple[list[Outlier], dr.Distribution]:
    first, last = days(start, end)
    weeks = _weeks(start, end)
    # One row per client active in the period, read from the covering index of the days
    # (every column here is in it: the burst days are counted by day, not by row id).
    rows = list(
        DemandDay.objects.filter(day__gte=first, day__lte=last)
        .values("client_id")
        .annotate(
            n=Sum("incoming"),
            info=Sum("information_requests"),
            secs=Sum("call_seconds"),
            logged=Sum("logged_minutes"),
            bursts=Count("day", filter=Q(incoming__gte=t.burst_per_day)),
            busiest=Max("incoming"),
        )
        .values_list("client_id", "n", "info", "secs", "logged", "bursts", "busiest")
    )
    org = dr.distribution([row[1] / weeks for row in rows if row[1]])
    # Only a fingerprint a client sent at least ``repeats`` times in all can be repeated that
    # often in the period: the clients with such a group narrow the search to theirs.
    groups: Any = DemandRepeatTotal.objects.filter(messages__gte=t.repeats).values("client_id")
    if connection.vendor == "postgresql":
        # Passed as a list of ids: as a subquery, PostgreSQL without fresh statistics (after a
        # bulk load) planned a nested loop that took over a second at 1,000,000
        # communications, and a list is read through the unique index on (client,
        # fingerprint, day) whatever the statistics say. SQLite plans the subquery well and
        # the extra query cost it a third more (14 against 10 ms CPU at 100,000).
        ids = list(groups.distinct()[: MAX_LISTED + 1].values_list("client_id", flat=True))
        if len(ids) <= MAX_LISTED:
            groups = ids
    repeated: dict[int, int] = {}
    for cid, n in (
        DemandRepeat.objects.filter(client_id__in=groups, day__gte=first, day__lte=last)
        .values("client_id", "fingerprint")
        .annotate(n=Sum("messages"))
        .filter(n__gte=t.repeats)
        .values_list("client_id", "n")
    ):
        repeated[cid] = max(repeated.get(cid, 0), n)
    # Figures (and reasons) only for the clients past a bar; ``dr.reasons`` has the final say.
    bar = max(org.percentile(t.weekly_percentile), float(t.weekly_minimum))
    per_client: dict[int, dr.Figures] = {}
    for cid, n, info, secs, logged, bursts, busiest in rows:
        if (
            n / weeks > bar
            or bursts
            or info >= t.information_requests
            or round(secs / 60) + logged >= t.staff_minutes
            or cid in repeated
        ):
            per_client[cid] = dr.Figures(
                weeks=weeks,
                incoming=n,
                contacts=n,
                information_requests=info,
                call_minutes=round(secs / 60),
                logged_minutes=logged,
                burst_days=bursts,
                busiest_day=busiest,
            )
    for cid, n in repeated.items():
        per_client.setdefault(cid, dr.Figures(weeks=weeks)).largest_repeat = n
    flagged = {cid: dr.reasons(f, org, t) for cid, f in per_client.items()}
    flagged = {cid: r for cid, r in flagged.items() if r}
    clients = Client.objects.in_bulk(list(flagged))
    result = [
        Outlier(clients[cid], per_client[cid], r) for cid, r in flagged.items() if cid in clients
    ]
    result.sort(key=lambda o: (-o.figures.incoming, o.client.reference))
    return result, org
