"""The shape every report metric returns, and the arithmetic on it. Plain Python."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from conduct.core.refusals import Refused

Cell = str | int | float | None


class PeriodRefused(Refused, ValueError):
    """A period that ends before it starts."""

    rule = "period_order"


@dataclass(frozen=True)
class Period:
    """Whole days, ``start`` to ``end`` inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodRefused("The end of the period is before its start.")

    def __str__(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - timedelta(days=1))

    @classmethod
    def last_year_to(cls, end: date) -> Period:
        """The twelve calendar months ending with ``end``'s month, up to ``end``."""
        year, month = end.year, end.month - 11
        if month <= 0:
            year, month = year - 1, month + 12
        return cls(date(year, month, 1), end)


@dataclass(frozen=True)
class Table:
    """One metric: columns and rows of simple values. ``chart`` names the column
    charted against the first (label) column, or is empty for no chart."""

    key: str
    title: str
    columns: list[str]
    rows: list[tuple[Cell, ...]]
    chart: str = ""
    note: str = ""
    chart_rows: list[tuple[str, float]] = field(default_factory=list)

    def bars(self) -> list[tuple[str, float]]:
        if self.chart_rows:
            return self.chart_rows
        if not self.chart:
            return []
        index = self.columns.index(self.chart)
        bars = []
        for row in self.rows:
            value = row[index]
            if isinstance(value, int | float):
                bars.append((str(row[0]), float(value)))
        return bars


def months_between(period: Period) -> list[str]:
    """Every ``YYYY-MM`` the period touches, in order."""
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


AGE_BUCKETS = [
    (7, "0 to 7 days"),
    (28, "8 to 28 days"),
    (90, "29 to 90 days"),
    (None, "Over 90 days"),
]
DECISION_BUCKETS = [
    (7, "Within a week"),
    (28, "8 to 28 days"),
    (56, "29 to 56 days"),
    (None, "Over 8 weeks"),
]


def bucket(days: int, buckets: list[tuple[int | None, str]]) -> str:
    for limit, label in buckets:
        if limit is None or days <= limit:
            return label
    return buckets[-1][1]


def summary(days: list[int]) -> dict[str, Cell]:
    if not days:
        return {"count": 0, "median": None, "mean": None, "longest": None}
    return {
        "count": len(days),
        "median": statistics.median(days),
        "mean": round(statistics.fmean(days), 1),
        "longest": max(days),
    }


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
