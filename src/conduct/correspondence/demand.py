"""Demand figures from the database: per client, and across the organisation.

A few GROUP BY queries each; the judgement lives in ``demand_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from conduct.clients.models import Client
from conduct.correspondence import demand_rules as dr
from conduct.correspondence.models import Communication, TimeEntry


def thresholds() -> dr.Thresholds:
    return dr.Thresholds(**settings.DEMAND_THRESHOLDS)


def window(days: int, end: datetime | None = None) -> tuple[datetime, datetime]:
    finish = end or timezone.now()
    return finish - timedelta(days=days), finish


def _in_period(start: datetime, end: datetime) -> QuerySet[Communication]:
    return Communication.objects.filter(
        occurred_at__gte=start, occurred_at__lt=end, client__isnull=False
    )


def _data_version() -> str:
    """Changes whenever a communication or time entry is added (cheap: two index lookups)."""
    last = Communication.objects.order_by("-pk").values_list("pk", flat=True).first()
    entry = TimeEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    return f"{last or 0}-{entry or 0}"


def _cache_key(kind: str, start: datetime, end: datetime) -> str:
    # Day-granular window plus the data version: a cached figure is never staler than the
    # last import, and at most a day's sliding window off.
    return f"demand:{kind}:{start.date()}:{end.date()}:{_data_version()}"


def organisation(start: datetime, end: datetime) -> dr.Distribution:
    """The organisation's weekly-contact distribution (cached until the data changes)."""
    key = _cache_key("org", start, end)
    found = cache.get(key)
    if isinstance(found, dr.Distribution):
        return found
    result = _organisation(start, end)
    cache.set(key, result, 600)
    return result


def _organisation(start: datetime, end: datetime) -> dr.Distribution:
    weeks = max((end - start).days / 7, 1)
    counts = (
        _in_period(start, end)
        .filter(direction=Communication.IN)
        .values("client_id")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    return dr.distribution([n / weeks for n in counts])


def client_figures(client_id: int, start: datetime, end: datetime, t: dr.Thresholds) -> dr.Figures:
    qs = _in_period(start, end).filter(client_id=client_id)
    figures = dr.Figures(weeks=max((end - start).days / 7, 1))
    seconds = 0
    for channel, direction, n, info, secs in (
        qs.values_list("channel", "direction")
        .annotate(
            n=Count("id"),
            info=Count("id", filter=Q(info_request=True)),
            secs=Sum("duration_seconds", filter=Q(channel="phone")),
        )
        .values_list("channel", "direction", "n", "info", "secs")
    ):
        figures.by_channel.setdefault(channel, {})[direction] = n
        figures.contacts += n
        seconds += secs or 0
        if direction == Communication.IN:
            figures.incoming += n
            figures.information_requests += info
    incoming = qs.filter(direction=Communication.IN)
    figures.daily = dict(
        incoming.values("occurred_on").annotate(n=Count("id")).values_list("occurred_on", "n")
    )
    figures.busiest_day = max(figures.daily.values(), default=0)
    figures.burst_days = sum(1 for n in figures.daily.values() if n >= t.burst_per_day)
    figures.largest_repeat = (
        incoming.exclude(fingerprint="")
        .values("fingerprint")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("n", flat=True)
        .first()
        or 0
    )
    figures.call_minutes = round(seconds / 60)
    figures.logged_minutes = (
        TimeEntry.objects.filter(
            client_id=client_id, on__gte=start.date(), on__lte=end.date()
        ).aggregate(m=Sum("minutes"))["m"]
        or 0
    )
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
    org = organisation(start, end)
    weeks = max((end - start).days / 7, 1)
    incoming = _in_period(start, end).filter(direction=Communication.IN)
    per_client: dict[int, dr.Figures] = {}

    def get(cid: int) -> dr.Figures:
        return per_client.setdefault(cid, dr.Figures(weeks=weeks))

    for cid, n, info in (
        incoming.values("client_id")
        .annotate(n=Count("id"), info=Count("id", filter=Q(info_request=True)))
        .values_list("client_id", "n", "info")
    ):
        f = get(cid)
        f.incoming = f.contacts = n
        f.information_requests = info
    for cid, n in (
        incoming.values("client_id", "occurred_on")
        .annotate(n=Count("id"))
        .filter(n__gte=t.burst_per_day)
        .values_list("client_id", "n")
    ):
        f = get(cid)
        f.burst_days += 1
        f.busiest_day = max(f.busiest_day, n)
    for cid, n in (
        incoming.exclude(fingerprint="")
        .values("client_id", "fingerprint")
        .annotate(n=Count("id"))
        .filter(n__gte=t.repeats)
        .values_list("client_id", "n")
    ):
        f = get(cid)
        f.largest_repeat = max(f.largest_repeat, n)
    for cid, s in (
        _in_period(start, end)
        .filter(channel="phone")
        .values("client_id")
        .annotate(s=Sum("duration_seconds"))
        .values_list("client_id", "s")
    ):
        get(cid).call_minutes = round((s or 0) / 60)
    for cid, m in (
        TimeEntry.objects.filter(on__gte=start.date(), on__lte=end.date())
        .values("client_id")
        .annotate(m=Sum("minutes"))
        .values_list("client_id", "m")
    ):
        get(cid).logged_minutes = m or 0
    flagged = {cid: dr.reasons(f, org, t) for cid, f in per_client.items()}
    flagged = {cid: r for cid, r in flagged.items() if r}
    clients = Client.objects.in_bulk(list(flagged))
    result = [
        Outlier(clients[cid], per_client[cid], r) for cid, r in flagged.items() if cid in clients
    ]
    result.sort(key=lambda o: (-o.figures.incoming, o.client.reference))
    return result, org
