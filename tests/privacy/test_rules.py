from datetime import date

from conduct.privacy.rules import add_years, due_on, is_due, latest


def test_years_are_calendar_years_and_29_february_becomes_28() -> None:
    assert add_years(date(2020, 5, 17), 6) == date(2026, 5, 17)
    assert add_years(date(2020, 2, 29), 1) == date(2021, 2, 28)


def test_records_are_due_on_the_anniversary_not_before() -> None:
    last = date(2020, 1, 10)
    assert due_on(last, 6) == date(2026, 1, 10)
    assert not is_due(last, 6, date(2026, 1, 9))
    assert is_due(last, 6, date(2026, 1, 10))


def test_latest_ignores_missing_days() -> None:
    assert latest(None, date(2020, 1, 1), date(2019, 1, 1)) == date(2020, 1, 1)
    assert latest(None, None) is None
