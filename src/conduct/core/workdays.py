"""Working days: Monday to Friday, except the bank holidays of one UK nation.

Every deadline counted in working days (the case service level, reminders
built on it, request deadlines) goes through ``add_working_days``. The bank
holidays come from the ``holidays`` package, which computes them by rule
(Easter, substitute days) and lists the one-off ones, so nothing is fetched
at run time. The nation is ``CONDUCT_BANK_HOLIDAYS``: England and Wales share
a calendar; Scotland and Northern Ireland have their own.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from holidays import country_holidays

# Setting value -> the subdivision the holidays package uses for it.
NATIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}
NATION_TITLES: dict[str, str] = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}


@lru_cache(maxsize=256)
def _bank_holidays(nation: str, year: int) -> frozenset[date]:
    return frozenset(country_holidays("GB", subdiv=NATIONS[nation], years=year))


def configured_nation() -> str:
    return str(settings.BANK_HOLIDAYS)


def bank_holidays(year: int, nation: str | None = None) -> frozenset[date]:
    """The bank holidays of ``year`` in ``nation`` (the configured one by default)."""
    return _bank_holidays(nation or configured_nation(), year)


def is_working_day(day: date, nation: str | None = None) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year, nation)


def add_working_days(start: date, days: int, nation: str | None = None) -> date:
    """The day ``days`` working days after ``start`` (``start`` itself is not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current, nation):
            remaining -= 1
    return current
