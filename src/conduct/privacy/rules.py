"""Retention arithmetic. Plain Python: no Django, tested without a database."""

from __future__ import annotations

from datetime import date

# Every app's provider uses it too, so it lives with them in core.
from conduct.core.personal_data import latest

__all__ = ["add_years", "due_on", "is_due", "latest"]


def add_years(day: date, years: int) -> date:
    """``day`` moved on by whole years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def due_on(last_activity: date, years: int) -> date:
    """The first day on which records kept ``years`` after ``last_activity`` may go."""
    return add_years(last_activity, years)


def is_due(last_activity: date, years: int, today: date) -> bool:
    return due_on(last_activity, years) <= today
