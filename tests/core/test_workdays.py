"""Working days skip weekends and the configured nation's bank holidays."""

from datetime import date
from typing import Any

import pytest
from django.test import override_settings
from freezegun import freeze_time

from conduct.core.workdays import add_working_days, bank_holidays, is_working_day


def test_weekends_are_not_working_days() -> None:
    # Friday 15 May 2026 + 10 working days: two weekends and Monday 25 May (the
    # Spring Bank Holiday) skipped, so Monday 1 June.
    assert add_working_days(date(2026, 5, 15), 10, "england-and-wales") == date(2026, 6, 1)
    assert add_working_days(date(2026, 6, 5), 1, "england-and-wales") == date(2026, 6, 8)


def test_easter_counts_differently_in_england_and_scotland() -> None:
    # Thursday 2 April 2026: Good Friday (3 April) is a holiday everywhere,
    # Easter Monday (6 April) only outside Scotland.
    assert add_working_days(date(2026, 4, 2), 1, "england-and-wales") == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 2), 1, "scotland") == date(2026, 4, 6)
    assert add_working_days(date(2026, 4, 2), 1, "northern-ireland") == date(2026, 4, 7)


def test_each_nation_has_its_own_holidays() -> None:
    assert not is_working_day(date(2026, 3, 17), "northern-ireland")  # St Patrick's Day
    assert is_working_day(date(2026, 3, 17), "england-and-wales")
    assert not is_working_day(date(2026, 11, 30), "scotland")  # St Andrew's Day
    assert is_working_day(date(2026, 11, 30), "england-and-wales")
    # Boxing Day 2026 is a Saturday: the substitute day is Monday 28 December.
    assert date(2026, 12, 28) in bank_holidays(2026, "england-and-wales")


def test_the_configured_nation_is_used_by_default() -> None:
    with override_settings(BANK_HOLIDAYS="scotland"):
        assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 6)
    with override_settings(BANK_HOLIDAYS="england-and-wales"):
        assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


@pytest.mark.django_db
@freeze_time("2026-12-21 10:00:00")
def test_a_case_referred_before_christmas_is_due_after_the_bank_holidays(
    client_record: Any, staff: Any
) -> None:
    from conduct.casework.services import record_incident
    from tests.casework.conftest import details

    with override_settings(CASEWORK_SLA_WORKING_DAYS=5, BANK_HOLIDAYS="england-and-wales"):
        incident = record_incident(details(client_record), actor=staff)
    # Mon 21 Dec + 5 working days: 22, 23, 24, (25, 28 holidays), 29, 30.
    assert incident.case is not None
    assert incident.case.due_on == date(2026, 12, 30)
