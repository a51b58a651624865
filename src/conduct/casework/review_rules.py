"""Reviews of restrictions, written warnings and terminations: plain Python, no Django.

A review is a re-examination by a senior manager who did not decide, with
reasons; confirming or varying a restriction renews it to a new review date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from conduct.accounts.roles import Role
from conduct.casework.rules import (
    REVIEW_OUTCOMES,
    Outcome,
    RestrictionTerms,
    RuleViolation,
    add_months,
    check_may_decide,
    check_restriction_terms,
)


@dataclass(frozen=True)
class ReviewDraft:
    reviewer_id: int
    reviewer_roles: frozenset[Role]
    decider_id: int | None
    outcome: str
    reasons: str
    restriction_active: bool
    new_terms: RestrictionTerms | None = None
    known_channels: frozenset[str] = field(default_factory=frozenset)
    max_restriction_months: int = 12


def check_review(draft: ReviewDraft) -> None:
    """A review is done by a senior manager who did not decide; confirm and vary renew the terms."""
    check_may_decide(draft.reviewer_roles)
    if draft.decider_id is not None and draft.reviewer_id == draft.decider_id:
        raise RuleViolation(
            "reviewer_not_decider",
            "A review must be done by a senior manager who did not make the decision.",
        )
    if draft.outcome not in REVIEW_OUTCOMES:
        raise RuleViolation("review_outcome", "A review's outcome is confirm, vary or end.")
    if not draft.restriction_active:
        raise RuleViolation(
            "review_outcome", "This restriction is no longer in force, so it cannot be reviewed."
        )
    if not draft.reasons.strip():
        raise RuleViolation("review_has_reasons", "Write the reasons for the review's outcome.")
    if draft.outcome in ("confirm", "vary"):
        if draft.new_terms is None:
            raise RuleViolation(
                "restriction_has_review_date",
                "Confirming or varying a restriction renews it: give the next review date.",
            )
        check_restriction_terms(
            draft.new_terms,
            known_channels=draft.known_channels,
            max_months=draft.max_restriction_months,
        )


WRITTEN_WARNING = Outcome.WRITTEN_WARNING
TERMINATION = Outcome.TERMINATE_ENGAGEMENT
REVIEWABLE_ON_REQUEST = (WRITTEN_WARNING, TERMINATION)


@dataclass(frozen=True)
class SanctionReviewDraft:
    """A review of a written warning or a termination, which the client asked for.

    ``vary`` means: for a warning, a new (earlier or later) end date; for a
    termination, a contact restriction in its place (``new_terms``).
    """

    subject: str
    reviewer_id: int
    reviewer_roles: frozenset[Role]
    decider_id: int | None
    outcome: str
    reasons: str
    in_force: bool
    today: date
    warning_given_on: date | None = None
    new_warning_until: date | None = None
    new_terms: RestrictionTerms | None = None
    known_channels: frozenset[str] = field(default_factory=frozenset)
    max_restriction_months: int = 12
    max_warning_months: int = 12


def check_sanction_review(draft: SanctionReviewDraft) -> None:
    """The same fairness rules as a restriction review, for warnings and terminations."""
    check_may_decide(draft.reviewer_roles)
    if draft.subject not in REVIEWABLE_ON_REQUEST:
        raise RuleViolation(
            "review_outcome", "Only a written warning or a termination is reviewed this way."
        )
    if draft.decider_id is not None and draft.reviewer_id == draft.decider_id:
        raise RuleViolation(
            "reviewer_not_decider",
            "A review must be done by a senior manager who did not make the decision.",
        )
    if draft.outcome not in REVIEW_OUTCOMES:
        raise RuleViolation("review_outcome", "A review's outcome is confirm, vary or end.")
    if not draft.in_force:
        what = "written warning" if draft.subject == WRITTEN_WARNING else "termination"
        raise RuleViolation(
            "review_outcome", f"This {what} is no longer in force, so it cannot be reviewed."
        )
    if not draft.reasons.strip():
        raise RuleViolation("review_has_reasons", "Write the reasons for the review's outcome.")
    if draft.outcome != "vary":
        return
    if draft.subject == WRITTEN_WARNING:
        check_warning_until(
            given_on=draft.warning_given_on,
            until=draft.new_warning_until,
            today=draft.today,
            max_months=draft.max_warning_months,
        )
        return
    if draft.new_terms is None:
        raise RuleViolation(
            "restriction_says_what",
            "Varying a termination puts a contact restriction in its place: give its terms "
            "and a review date.",
        )
    check_restriction_terms(
        draft.new_terms,
        known_channels=draft.known_channels,
        max_months=draft.max_restriction_months,
    )


def check_warning_until(
    *, given_on: date | None, until: date | None, today: date, max_months: int
) -> None:
    """A varied warning still ends: after today (else end it), within the maximum from its date."""
    if until is None:
        raise RuleViolation("warning_until", "Varying a warning means giving its new end date.")
    if until <= today:
        raise RuleViolation(
            "warning_until", "The new end date must be after today; to lift it now, choose end."
        )
    if given_on is not None and until > add_months(given_on, max_months):
        raise RuleViolation(
            "warning_until",
            f"A warning lasts at most {max_months} months from the day it was given "
            f"(no later than {add_months(given_on, max_months).isoformat()}).",
        )


def warning_in_force(
    *, given_on: date, active_until: date, ended_on: date | None, today: date
) -> bool:
    """A warning counts (for the marker and for warn-before-sanction) only while in force.

    An expired warning, or one a review ended, no longer counts: a client whose
    warning has run out is warned again before any restriction.
    """
    return given_on <= today <= active_until and (ended_on is None or ended_on > today)


def termination_ended_by(review_outcomes: Iterable[str]) -> bool:
    """A termination stays until a review ends it or varies it into a restriction."""
    return bool({"end", "vary"} & set(review_outcomes))
