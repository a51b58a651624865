"""What every part of the casework rules shares: outcome ids, the refusal, roles, dates."""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date
from enum import StrEnum

from conduct.accounts.roles import DECIDE_CASES, RECORD_INCIDENTS, Role, holds
from conduct.core.refusals import FORBIDDEN, Refused


class Outcome(StrEnum):
    """The ids of the policy's outcomes that the procedure treats specially."""

    NO_FURTHER_ACTION = "no_further_action"
    WRITTEN_WARNING = "written_warning"
    CONTACT_RESTRICTION = "contact_restriction"
    TERMINATE_ENGAGEMENT = "terminate_engagement"
    POLICE_REFERRAL = "police_referral"


class RuleViolation(Refused):
    """A rule of the policy's procedure refused an action (422; 403 where the rule is
    about who may act)."""

    def __init__(self, rule: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message, rule=rule, status=status)

    def __str__(self) -> str:
        return f"{self.message} (rule: {self.rule})"


# --- Who may do what --------------------------------------------------------


def check_may_record(roles: Collection[Role]) -> None:
    """Staff and senior managers record incidents; admins alone do not."""
    if not holds(roles, RECORD_INCIDENTS):
        raise RuleViolation(
            "staff_record",
            "Only staff and senior managers record incidents.",
            status=FORBIDDEN,
        )


def check_may_decide(roles: Collection[Role]) -> None:
    """Only senior managers decide cases; an admin decides only if also a senior manager."""
    if not holds(roles, DECIDE_CASES):
        raise RuleViolation(
            "only_senior_managers_decide",
            "Only a member of the Senior Management team can decide a case, review a decision "
            "or record a police referral.",
            status=FORBIDDEN,
        )


# --- Dates ----------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def is_overdue(due_on: date, today: date) -> bool:
    return today > due_on


def default_review_date(starts_on: date, months: int = 6) -> date:
    return add_months(starts_on, months)
