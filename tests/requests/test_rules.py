"""Deadlines and the rules on extending and closing: no database."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conduct.requests import rules

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def test_thirty_first_of_january_is_due_on_the_twenty_eighth_of_february() -> None:
    assert rules.subject_access_due(date(2026, 1, 31)) == date(2026, 2, 28)


def test_in_a_leap_year_it_is_the_twenty_ninth() -> None:
    assert rules.subject_access_due(date(2028, 1, 31)) == date(2028, 2, 29)


def test_an_extension_of_two_months_counts_from_receipt_to_the_thirtieth_of_april() -> None:
    # Not 28 February plus two months (28 April): the months count from receipt.
    assert rules.subject_access_due(date(2026, 1, 31), extension_months=2) == date(2026, 4, 30)
    assert rules.subject_access_due(date(2026, 1, 31), extension_months=1) == date(2026, 3, 31)


def test_the_corresponding_day_when_the_next_month_has_it() -> None:
    assert rules.subject_access_due(date(2026, 3, 15)) == date(2026, 4, 15)
    assert rules.subject_access_due(date(2026, 12, 3)) == date(2027, 1, 3)


@given(days)
def test_due_is_the_corresponding_day_or_the_last_day_of_the_next_month(received: date) -> None:
    due = rules.subject_access_due(received)
    month_after = (received.month % 12) + 1
    assert due.month == month_after
    assert due.year == received.year + (1 if received.month == 12 else 0)
    last = calendar.monthrange(due.year, due.month)[1]
    assert due.day == min(received.day, last)
    assert 28 <= (due - received).days <= 31


@given(days, st.integers(min_value=1, max_value=rules.MAX_EXTENSION_MONTHS))
def test_an_extension_is_never_earlier_and_at_most_two_further_months(
    received: date, months: int
) -> None:
    first = rules.subject_access_due(received)
    extended = rules.subject_access_due(received, extension_months=months)
    assert extended > first
    assert (extended - first).days <= 31 * months
    assert extended == rules.add_calendar_months(received, 1 + months)


@given(days, st.integers(min_value=1, max_value=60))
def test_a_review_is_due_after_the_given_working_days(received: date, working: int) -> None:
    def weekdays_only(start: date, n: int) -> date:
        current = start
        while n:
            current += timedelta(days=1)
            if current.weekday() < 5:
                n -= 1
        return current

    due = rules.review_due(received, working, weekdays_only)
    assert due > received
    counted = sum(
        1 for i in range(1, (due - received).days + 1) if (received + timedelta(i)).weekday() < 5
    )
    assert counted == working
    assert due.weekday() < 5


def test_who_answers_each_kind() -> None:
    assert rules.may_handle(rules.SUBJECT_ACCESS, {"privacy.export_subject_access"})
    assert not rules.may_handle(rules.SUBJECT_ACCESS, {"casework.add_review"})
    assert rules.may_handle(rules.REVIEW, {"casework.add_review"})
    assert not rules.may_handle(rules.REVIEW, set())


def _extension(**changes: object) -> None:
    args: dict[str, object] = {
        "kind": rules.SUBJECT_ACCESS,
        "status": rules.OPEN,
        "already_extended": False,
        "months": 2,
        "reason": "Three years of records across teams.",
        "received_on": date(2026, 1, 31),
        "original_due": date(2026, 2, 28),
        "told_on": date(2026, 2, 20),
        "today": date(2026, 2, 20),
    }
    args.update(changes)
    rules.check_extension(**args)  # type: ignore[arg-type]


def test_an_extension_in_time_with_a_reason_is_allowed() -> None:
    _extension()
    _extension(today=date(2026, 2, 28), told_on=date(2026, 2, 28), months=1)
    # Recorded later, but the client was told within the first month.
    _extension(today=date(2026, 12, 3), told_on=date(2026, 2, 20))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"kind": rules.REVIEW}, "extend_kind"),
        ({"status": rules.ANSWERED}, "extend_open"),
        ({"already_extended": True}, "extend_once"),
        ({"months": 3}, "extend_months"),
        ({"months": 0}, "extend_months"),
        ({"reason": "  "}, "extend_reason"),
        ({"today": date(2026, 3, 1), "told_on": date(2026, 3, 1)}, "extend_in_time"),
        ({"told_on": date(2026, 2, 21)}, "extend_told_on"),
        ({"told_on": date(2026, 1, 30)}, "extend_told_on"),
    ],
)
def test_an_extension_is_refused(changes: dict[str, object], code: str) -> None:
    with pytest.raises(rules.RequestRefused) as refused:
        _extension(**changes)
    assert refused.value.code == code


def test_a_new_request_is_checked() -> None:
    ok = {
        "kind": rules.SUBJECT_ACCESS,
        "channel": "front_desk",
        "received_on": date(2026, 1, 31),
        "today": date(2026, 1, 31),
        "summary": "A copy of my data.",
    }
    rules.check_new(**ok)  # type: ignore[arg-type]
    for changes, code in (
        ({"kind": "complaint"}, "kind"),
        ({"channel": "pigeon"}, "channel"),
        ({"received_on": date(2026, 2, 1)}, "received_on"),
        ({"summary": ""}, "summary"),
    ):
        with pytest.raises(rules.RequestRefused) as refused:
            rules.check_new(**{**ok, **changes})  # type: ignore[arg-type]
        assert refused.value.code == code


def test_closing_is_checked() -> None:
    base = {
        "status": rules.OPEN,
        "outcome": rules.ANSWERED,
        "answered_on": date(2026, 2, 10),
        "received_on": date(2026, 1, 31),
        "today": date(2026, 2, 10),
    }
    rules.check_close(**base)  # type: ignore[arg-type]
    for changes, code in (
        ({"status": rules.ANSWERED}, "close_open"),
        ({"outcome": "lost"}, "close_outcome"),
        ({"answered_on": date(2026, 2, 11)}, "answered_on"),
        ({"answered_on": date(2026, 1, 30)}, "answered_on"),
    ):
        with pytest.raises(rules.RequestRefused) as refused:
            rules.check_close(**{**base, **changes})  # type: ignore[arg-type]
        assert refused.value.code == code


@pytest.mark.parametrize(
    ("status", "today", "closed_on", "key"),
    [
        (rules.OPEN, date(2026, 2, 1), None, "open"),
        (rules.OPEN, date(2026, 2, 21), None, "due_soon"),
        (rules.OPEN, date(2026, 2, 28), None, "due_soon"),
        (rules.OPEN, date(2026, 3, 1), None, "overdue"),
        (rules.ANSWERED, date(2026, 3, 5), date(2026, 2, 28), "on_time"),
        (rules.ANSWERED, date(2026, 3, 5), date(2026, 3, 1), "late"),
        (rules.WITHDRAWN, date(2026, 3, 5), date(2026, 2, 2), "withdrawn"),
    ],
)
def test_standing(status: str, today: date, closed_on: date | None, key: str) -> None:
    found = rules.standing(
        status=status, due_on=date(2026, 2, 28), today=today, closed_on=closed_on, soon_days=7
    )
    assert found.key == key


def test_overdue_says_by_how_long() -> None:
    found = rules.standing(
        status=rules.OPEN,
        due_on=date(2026, 2, 28),
        today=date(2026, 3, 3),
        closed_on=None,
        soon_days=7,
    )
    assert found.label == "Overdue by 3 day(s)"


def test_reference_and_on_time_rate() -> None:
    assert rules.reference_for(7) == "REQ-00007"
    assert rules.on_time_rate(3, 4) == 75
    assert rules.on_time_rate(0, 0) is None
