"""Senior Management decisions: what a decision must satisfy, and what recording it writes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from conduct.accounts.roles import Role
from conduct.casework.rules.base import Outcome, RuleViolation, add_months, check_may_decide
from conduct.casework.rules.restrictions import (
    RestrictionTerms,
    check_restriction_start,
    check_restriction_terms,
)

SANCTIONS = frozenset({Outcome.CONTACT_RESTRICTION, Outcome.TERMINATE_ENGAGEMENT})
NO_FURTHER_ACTION = Outcome.NO_FURTHER_ACTION
ZERO_TOLERANCE_GROUNDS: dict[str, str] = {
    "violence": "Violence",
    "threats_of_violence": "Threats of violence",
    "serious_harassment": "Serious harassment",
}
# The recorded categories each zero-tolerance ground rests on. Serious harassment
# is any category of the policy's "aggressive or abusive behaviour" group:
# conduct that might cause staff to feel intimidated, offended, bullied or harassed.
GROUND_CATEGORIES: dict[str, frozenset[str]] = {
    "violence": frozenset({"violence"}),
    "threats_of_violence": frozenset({"violence", "threatening_communication"}),
}
HARASSMENT_GROUP = "aggressive_or_abusive"
REVIEW_OUTCOMES = ("confirm", "vary", "end")


@dataclass(frozen=True)
class DecisionDraft:
    decider_roles: frozenset[Role]
    outcomes: tuple[str, ...]
    reasons: str
    clauses: tuple[str, ...]
    known_outcomes: frozenset[str]
    known_clauses: frozenset[str]
    has_prior_warning: bool
    today: date
    adjustments_note: str = ""
    override_ground: str = ""
    override_reason: str = ""
    restriction: RestrictionTerms | None = None
    known_channels: frozenset[str] = field(default_factory=frozenset)
    max_restriction_months: int = 12
    start_window_days: int = 30
    warned_on: date | None = None  # the earliest warning in force


def is_sanction(outcomes: Iterable[str]) -> bool:
    return bool(SANCTIONS & set(outcomes))


def check_decision(draft: DecisionDraft) -> None:
    """Everything a Senior Management decision must satisfy before it is recorded."""
    check_may_decide(draft.decider_roles)
    if not draft.outcomes:
        raise RuleViolation("decision_has_outcome", "Choose at least one outcome.")
    unknown = sorted(set(draft.outcomes) - draft.known_outcomes)
    if unknown:
        raise RuleViolation(
            "decision_has_outcome", f"Unknown outcome(s) for this policy: {', '.join(unknown)}."
        )
    if NO_FURTHER_ACTION in draft.outcomes and len(set(draft.outcomes)) > 1:
        raise RuleViolation(
            "decision_has_outcome", "'No further action' cannot be combined with other outcomes."
        )
    if not draft.reasons.strip():
        raise RuleViolation(
            "decision_has_reasons", "Write the reasons for the decision: the client is told why."
        )
    if not draft.clauses:
        raise RuleViolation(
            "decision_cites_clause",
            "Cite at least one clause of the policy the decision relies on.",
        )
    unknown = sorted(set(draft.clauses) - draft.known_clauses)
    if unknown:
        raise RuleViolation(
            "decision_cites_clause", f"Unknown policy clause(s): {', '.join(unknown)}."
        )
    if is_sanction(draft.outcomes):
        check_warned_before_sanction(
            has_prior_warning=draft.has_prior_warning,
            override_ground=draft.override_ground,
            override_reason=draft.override_reason,
        )
        if not draft.adjustments_note.strip():
            raise RuleViolation(
                "adjustments_considered",
                "Before a restriction or termination, record whether a disability or vulnerability "
                "is known and which reasonable adjustments were considered.",
            )
    elif draft.override_ground or draft.override_reason.strip():
        raise RuleViolation(
            "warn_before_sanction",
            "A zero-tolerance override only applies to a restriction or termination.",
        )
    if Outcome.CONTACT_RESTRICTION in draft.outcomes:
        if draft.restriction is None:
            raise RuleViolation(
                "restriction_says_what", "A contact restriction needs its terms and a review date."
            )
        check_restriction_terms(
            draft.restriction,
            known_channels=draft.known_channels,
            max_months=draft.max_restriction_months,
        )
        assert draft.restriction.starts_on is not None
        check_restriction_start(
            starts_on=draft.restriction.starts_on,
            today=draft.today,
            window_days=draft.start_window_days,
            warned_on=None if draft.override_ground else draft.warned_on,
        )
    elif draft.restriction is not None:
        raise RuleViolation(
            "restriction_says_what",
            "Restriction terms were given but 'contact restriction' is not an outcome.",
        )


def check_warned_before_sanction(
    *, has_prior_warning: bool, override_ground: str, override_reason: str
) -> None:
    """No sanction without an earlier warning, unless a zero-tolerance override is recorded."""
    if has_prior_warning and not override_ground:
        return
    if not override_ground:
        raise RuleViolation(
            "warn_before_sanction",
            "This client has no earlier recorded warning. A restriction or termination needs one, "
            "unless you record a zero-tolerance override (violence, threats of violence or "
            "serious harassment) with its reason.",
        )
    if override_ground not in ZERO_TOLERANCE_GROUNDS:
        raise RuleViolation(
            "warn_before_sanction",
            "A zero-tolerance override must be for violence, threats of violence or serious "
            "harassment.",
        )
    if not override_reason.strip():
        raise RuleViolation(
            "warn_before_sanction", "Write the reason for the zero-tolerance override."
        )


def override_ground_matches(ground: str, category_groups: Mapping[str, str]) -> bool:
    """Whether the case's recorded categories (id -> policy group) show the ground."""
    if ground == "serious_harassment":
        return HARASSMENT_GROUP in category_groups.values()
    return bool(GROUND_CATEGORIES.get(ground, frozenset()) & set(category_groups))


def check_override_ground(
    *, ground: str, category_groups: Mapping[str, str], differs_reason: str
) -> None:
    """The override's ground matches what the incidents record, or the manager says why not."""
    if override_ground_matches(ground, category_groups) or differs_reason.strip():
        return
    title = ZERO_TOLERANCE_GROUNDS.get(ground, ground).lower()
    raise RuleViolation(
        "override_matches_categories",
        f"No incident in this case is recorded as {title}. Correct the incident's categories "
        "if they leave it out, or say why the override applies on this ground anyway.",
    )


# --- Warnings and the plan of a decision --------------------------------------


def warning_about(category_titles: Iterable[str]) -> str:
    """What a warning is about, in the words the client reads: the categories' titles."""
    return "; ".join(category_titles).lower()[:300] or "conduct towards staff"


@dataclass(frozen=True)
class WarningPlan:
    given_on: date
    active_until: date
    about: str


@dataclass(frozen=True)
class DecisionPlan:
    """Everything recording a decision writes, worked out before anything is written."""

    outcomes: tuple[str, ...]  # each once, in the order chosen
    reasons: str
    clauses: tuple[str, ...]
    adjustments_note: str
    override: str | None  # the case's zero-tolerance ground, if one was recorded
    warning: WarningPlan | None = None  # a written warning to give
    restriction: RestrictionTerms | None = None  # a contact restriction to impose


def plan_decision(
    draft: DecisionDraft, *, category_titles: Iterable[str], warning_months: int
) -> DecisionPlan:
    """Check ``draft`` (``check_decision``) and say what recording it writes.

    ``category_titles`` are the titles of the categories the case's incidents
    record; a written warning is about them and lasts ``warning_months``.
    """
    check_decision(draft)
    outcomes = tuple(dict.fromkeys(draft.outcomes))
    warning = None
    if Outcome.WRITTEN_WARNING in outcomes:
        warning = WarningPlan(
            given_on=draft.today,
            active_until=add_months(draft.today, warning_months),
            about=warning_about(category_titles),
        )
    return DecisionPlan(
        outcomes=outcomes,
        reasons=draft.reasons.strip(),
        clauses=tuple(dict.fromkeys(draft.clauses)),
        adjustments_note=draft.adjustments_note.strip(),
        override=draft.override_ground or None,
        warning=warning,
        restriction=draft.restriction,
    )
