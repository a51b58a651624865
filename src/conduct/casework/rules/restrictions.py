"""Contact restrictions: exact terms, a start from today, a review date within the maximum."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from conduct.casework.rules.base import RuleViolation, add_months
from conduct.casework.wording import long_date

# --- Restrictions -----------------------------------------------------------


@dataclass(frozen=True)
class RestrictionTerms:
    """Exactly what a contact restriction restricts, and for how long."""

    starts_on: date | None
    review_on: date | None
    single_contact: str = ""  # the named staff member's display name, if any
    channels_allowed: tuple[str, ...] = ()
    set_times: str = ""
    max_call_minutes: int | None = None
    no_visits: bool = False
    representative_only: bool = False
    representative_name: str = ""

    def restricts_something(self) -> bool:
        return bool(
            self.single_contact
            or self.channels_allowed
            or self.set_times.strip()
            or self.max_call_minutes
            or self.no_visits
            or self.representative_only
        )


def check_restriction_terms(
    terms: RestrictionTerms, *, known_channels: Collection[str], max_months: int
) -> None:
    """A restriction has a start, a review date within the maximum, and says what it restricts."""
    if terms.starts_on is None:
        raise RuleViolation("restriction_has_start", "A restriction needs a start date.")
    if terms.review_on is None:
        raise RuleViolation(
            "restriction_has_review_date",
            "A restriction needs a review date: restrictions are time-limited and reviewed.",
        )
    if terms.review_on <= terms.starts_on:
        raise RuleViolation(
            "restriction_has_review_date", "The review date must be after the start date."
        )
    latest = add_months(terms.starts_on, max_months)
    if terms.review_on > latest:
        raise RuleViolation(
            "restriction_review_within_maximum",
            f"The review date may be at most {max_months} months after the start "
            f"(no later than {latest.isoformat()}).",
        )
    if not terms.restricts_something():
        raise RuleViolation(
            "restriction_says_what",
            "Say exactly what is restricted: a single point of contact, the channels allowed, "
            "set times or call length, no visits, or contact only through a representative.",
        )
    unknown = sorted(set(terms.channels_allowed) - set(known_channels))
    if unknown:
        raise RuleViolation(
            "restriction_says_what", f"Unknown channel(s) in the restriction: {', '.join(unknown)}."
        )
    if terms.max_call_minutes is not None and terms.max_call_minutes < 1:
        raise RuleViolation(
            "restriction_says_what", "A call length limit must be at least 1 minute."
        )
    if terms.representative_only and not terms.representative_name.strip():
        raise RuleViolation(
            "restriction_says_what", "Name the representative the client must contact us through."
        )


def check_restriction_start(
    *, starts_on: date, today: date, window_days: int, warned_on: date | None
) -> None:
    """A new restriction starts today or within ``window_days``, and after the warning.

    A restriction is never back-dated: the client cannot have kept to terms they
    had not been told of. ``warned_on`` is the day of the earliest warning in
    force (None when a zero-tolerance override stands in for it).
    """
    if starts_on < today:
        raise RuleViolation(
            "restriction_starts_from_today",
            f"A restriction cannot start in the past ({long_date(starts_on)}): it starts today "
            "or later, once the client can be told of it.",
        )
    latest = today + timedelta(days=window_days)
    if starts_on > latest:
        raise RuleViolation(
            "restriction_starts_from_today",
            f"A restriction starts within {window_days} days of the decision (no later than "
            f"{long_date(latest)}).",
        )
    if warned_on is not None and starts_on < warned_on:
        raise RuleViolation(
            "warn_before_sanction",
            f"The restriction would start on {long_date(starts_on)}, before the client was "
            f"warned on {long_date(warned_on)}: the warning comes first.",
        )


def restriction_should_lapse(*, active: bool, review_on: date, today: date) -> bool:
    """An active restriction lapses on its review date unless a review has renewed it."""
    return active and today >= review_on
