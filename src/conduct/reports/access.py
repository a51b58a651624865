"""The one way pages and the API read the management figures: each read is recorded once."""

from __future__ import annotations

from datetime import date
from typing import Any

from conduct.audit.reads import Door, record_view
from conduct.reports import metrics
from conduct.reports.tables import Period, Table


def _span(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def dashboard_for_user(user: Any, period: Period, today: date, *, door: Door) -> list[Table]:
    """The dashboard's tables for ``period``, recording that ``user`` viewed them."""
    tables = metrics.dashboard(period, today)
    record_view("reports.dashboard.viewed", actor=user, door=door, payload=_span(period))
    return tables


def record_report_exported(user: Any, period: Period, *, fmt: str, door: Door) -> None:
    """Record that ``user`` took the figures for ``period`` away as a ``fmt`` file, once the
    file is made (a PDF that could not be made was not handed out)."""
    record_view("reports.exported", actor=user, door=door, payload={**_span(period), "format": fmt})
