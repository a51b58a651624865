"""Clients' requests on the clock: deadlines and who handles what. Plain Python.

A subject access request is answered within one calendar month of receipt:
the corresponding day of the next month, or that month's last day when it is
shorter (31 January -> 28 February). It may be extended by up to two further
months, counted from receipt too (31 January -> 30 April), when the request is
complex or one of many; the client is told why within the first month
(UK GDPR Article 12(3)). A review of a decision is answered within the number
of working days the policy sets; the working days themselves are counted by
``conduct.core.workdays``, so this module takes them as a function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from conduct.core.refusals import CONFLICT, UNPROCESSABLE, Refused

SUBJECT_ACCESS, REVIEW = "subject_access", "review"
KINDS: dict[str, str] = {
    SUBJECT_ACCESS: "Copy of their data (subject access)",
    REVIEW: "Review of a decision",
}
CHANNELS: dict[str, str] = {
    "letter": "Letter",
    "email": "Email",
    "phone": "Phone call",
    "front_desk": "Front desk",
}
# Who answers (extends, closes) each kind: the permission of the role that
# already owns the work. Data protection is the admins'; reviews are senior
# managers'.
HANDLER_PERMISSION: dict[str, str] = {
    SUBJECT_ACCESS: "privacy.export_subject_access",
    REVIEW: "casework.add_review",
}
SUBJECT_ACCESS_MONTHS = 1
MAX_EXTENSION_MONTHS = 2

OPEN, ANSWERED, WITHDRAWN = "open", "answered", "withdrawn"
STATUSES: dict[str, str] = {OPEN: "Open", ANSWERED: "Answered", WITHDRAWN: "Withdrawn"}


class RequestRefused(Refused):
    """A change the rules do not allow; ``code`` names the rule, the message says why.

    409 by default: the request is not in a state that allows the change; a new
    request that breaks a rule is 422."""

    status = CONFLICT

    def __init__(self, code: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message, rule=code, status=status)

    @property
    def code(self) -> str:
        return self.rule


def add_calendar_months(start: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day if it is shorter."""
    result: date = start + relativedelta(months=months)
    return result


def subject_access_due(received_on: date, extension_months: int = 0) -> date:
    """When a subject access request must be answered, with any extension, from receipt."""
    return add_calendar_months(received_on, SUBJECT_ACCESS_MONTHS + extension_months)


def review_due(
    received_on: date, working_days: int, add_working_days: Callable[[date, int], date]
) -> date:
    """When a review must be answered: ``working_days`` working days after receipt."""
    return add_working_days(received_on, working_days)


def may_handle(kind: str, permissions: set[str]) -> bool:
    """Whether someone holding ``permissions`` may extend, close or export this kind."""
    return HANDLER_PERMISSION[kind] in permissions


def check_new(*, kind: str, channel: str, received_on: date, today: date, summary: str) -> None:
    if kind not in KINDS:
        raise RequestRefused(
            "kind",
            "Choose what the client asked for: a review or a copy of their data.",
            status=UNPROCESSABLE,
        )
    if channel not in CHANNELS:
        raise RequestRefused(
            "channel",
            "Choose how the request came in: letter, email, phone call or front desk.",
            status=UNPROCESSABLE,
        )
    if received_on > today:
        raise RequestRefused(
            "received_on",
            "The request cannot have been received in the future.",
            status=UNPROCESSABLE,
        )
    if not summary.strip():
        raise RequestRefused(
            "summary", "Say what the client asked for, in a sentence.", status=UNPROCESSABLE
        )


def check_extension(
    *,
    kind: str,
    status: str,
    already_extended: bool,
    months: int,
    reason: str,
    received_on: date,
    original_due: date,
    told_on: date,
    today: date,
) -> None:
    """Only an open subject access request, once, by one or two months, with a reason,
    and the client told (``told_on``) before the first month ran out."""
    if kind != SUBJECT_ACCESS:
        raise RequestRefused("extend_kind", "Only a subject access request can be extended.")
    if status != OPEN:
        raise RequestRefused("extend_open", "This request is closed, so it cannot be extended.")
    if already_extended:
        raise RequestRefused("extend_once", "This request has already been extended.")
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise RequestRefused("extend_months", "An extension is one or two further months.")
    if not reason.strip():
        raise RequestRefused(
            "extend_reason", "Record why the extension is needed; the client is told."
        )
    if told_on > today or told_on < received_on:
        raise RequestRefused(
            "extend_told_on",
            "The client was told on a day between receipt and today.",
        )
    if told_on > original_due:
        raise RequestRefused(
            "extend_in_time",
            "The first month had run out: the client must be told of an extension, and why, "
            "within one month of receipt.",
        )


def check_close(
    *, status: str, outcome: str, answered_on: date, received_on: date, today: date
) -> None:
    if status != OPEN:
        raise RequestRefused("close_open", "This request is already closed.")
    if outcome not in (ANSWERED, WITHDRAWN):
        raise RequestRefused("close_outcome", "A request closes as answered or withdrawn.")
    if answered_on > today:
        raise RequestRefused("answered_on", "The answer cannot be dated in the future.")
    if answered_on < received_on:
        raise RequestRefused(
            "answered_on", "The answer cannot be dated before the request was received."
        )


@dataclass(frozen=True)
class Standing:
    """Where a request stands against its deadline on a given day."""

    key: str
    label: str
    days_left: int | None


def standing(
    *, status: str, due_on: date, today: date, closed_on: date | None, soon_days: int
) -> Standing:
    """``overdue``, ``due_soon`` (within ``soon_days``), ``open``, ``on_time``, ``late`` or ``withdrawn``."""
    if status == WITHDRAWN:
        return Standing("withdrawn", "Withdrawn", None)
    if status == ANSWERED and closed_on is not None:
        if closed_on <= due_on:
            return Standing("on_time", "Answered on time", None)
        return Standing("late", "Answered late", None)
    left = (due_on - today).days
    if left < 0:
        return Standing("overdue", f"Overdue by {-left} day(s)", left)
    if left <= soon_days:
        return Standing("due_soon", "Due today" if left == 0 else f"Due in {left} day(s)", left)
    return Standing("open", f"Due in {left} day(s)", left)


def reference_for(pk: int) -> str:
    """The reference the client quotes: stable, short, and not their own details."""
    return f"REQ-{pk:05d}"


def on_time_rate(on_time: int, answered: int) -> int | None:
    """Whole per cent of answered requests answered on time, or None when none were."""
    if answered == 0:
        return None
    return round(100 * on_time / answered)
