"""Unreasonable demands as quantities: pure rules, no Django.

The figures only *suggest* a client for Senior Management to consider. Nothing
here restricts anyone; the policy's reminder travels with every list.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

PERSISTENCE_REMINDER = (
    "Persistence is not necessarily a form of unacceptable behaviour; what amounts to "
    "unreasonable demands depends on the circumstances and the seriousness of the issues raised. "
    "These figures are for Senior Management to consider: they never restrict anyone by themselves."
)


@dataclass(frozen=True)
class Thresholds:
    period_days: int = 90
    weekly_percentile: int = 99
    weekly_minimum: int = 5
    burst_per_day: int = 8
    repeats: int = 5
    information_requests: int = 5
    staff_minutes: int = 600


@dataclass(frozen=True)
class Distribution:
    """Contacts per week across the clients who made contact in the period."""

    clients: int
    median: float
    p95: float
    p99: float

    def percentile(self, p: int) -> float:
        return self.p99 if p >= 99 else self.p95 if p >= 95 else self.median


@dataclass
class Figures:
    contacts: int = 0
    incoming: int = 0
    weeks: float = 1.0
    busiest_day: int = 0
    burst_days: int = 0
    largest_repeat: int = 0
    information_requests: int = 0
    call_minutes: int = 0
    logged_minutes: int = 0
    by_channel: dict[str, dict[str, int]] = field(default_factory=dict)
    daily: dict[date, int] = field(default_factory=dict)  # contacts from the client, by day

    @property
    def per_week(self) -> float:
        return self.incoming / self.weeks if self.weeks else 0.0

    @property
    def staff_minutes(self) -> int:
        return self.call_minutes + self.logged_minutes


def weekly(daily: dict[date, int], first: date, last: date) -> list[tuple[date, int]]:
    """(Monday, contacts) for every week from ``first`` to ``last``, empty weeks included."""
    monday = first - timedelta(days=first.weekday())
    totals: dict[date, int] = {}
    for day, n in daily.items():
        week = day - timedelta(days=day.weekday())
        totals[week] = totals.get(week, 0) + n
    out: list[tuple[date, int]] = []
    while monday <= last:
        out.append((monday, totals.get(monday, 0)))
        monday += timedelta(days=7)
    return out


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (0-100) of ``values``; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def distribution(weekly_rates: Sequence[float]) -> Distribution:
    return Distribution(
        clients=len(weekly_rates),
        median=round(percentile(weekly_rates, 50), 2),
        p95=round(percentile(weekly_rates, 95), 2),
        p99=round(percentile(weekly_rates, 99), 2),
    )


def reasons(figures: Figures, org: Distribution, t: Thresholds) -> list[str]:
    """Which thresholds the figures exceed, each as a sentence with the numbers."""
    found: list[str] = []
    bar = max(org.percentile(t.weekly_percentile), float(t.weekly_minimum))
    if figures.per_week > bar:
        found.append(
            f"{figures.per_week:.1f} contacts a week, above the organisation's "
            f"{t.weekly_percentile}th percentile ({org.percentile(t.weekly_percentile):.1f}; "
            f"median {org.median:.1f})"
        )
    if figures.burst_days:
        found.append(
            f"{figures.burst_days} day(s) with {t.burst_per_day} or more contacts "
            f"(busiest: {figures.busiest_day})"
        )
    if figures.largest_repeat >= t.repeats:
        found.append(f"the same message sent {figures.largest_repeat} times")
    if figures.information_requests >= t.information_requests:
        found.append(f"{figures.information_requests} requests for information or documents")
    if figures.staff_minutes >= t.staff_minutes:
        found.append(
            f"{figures.staff_minutes / 60:.1f} hours of staff time "
            f"({figures.call_minutes} min on calls, {figures.logged_minutes} min logged)"
        )
    return found


def summary(figures: Figures, org: Distribution, days: int) -> str:
    """The figures in one paragraph, for a case opened on them."""
    channels = ", ".join(
        f"{channel.replace('_', ' ')} {sum(d.values())}"
        for channel, d in sorted(figures.by_channel.items())
    )
    return (
        f"In the last {days} days: {figures.contacts} contacts ({figures.incoming} from the client; "
        f"{channels or 'none'}); {figures.per_week:.1f} a week against an organisation median of "
        f"{org.median:.1f} (95th percentile {org.p95:.1f}, 99th {org.p99:.1f}, over {org.clients} clients); "
        f"busiest day {figures.busiest_day} contacts, {figures.burst_days} burst day(s); "
        f"largest group of near-identical messages {figures.largest_repeat}; "
        f"{figures.information_requests} information request(s); staff time "
        f"{figures.staff_minutes} minutes."
    )
