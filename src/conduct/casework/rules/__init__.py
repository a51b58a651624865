"""The policy's procedure as plain-Python rules. Imports nothing from Django.

Every function takes simple values or dataclasses and either returns a value
or raises ``RuleViolation`` naming the rule it enforces. The service layer
calls these again before every write, so the pages, the API and scheduled
jobs all refuse the same things with the same words. Where a write has several
parts, a ``plan_*`` function works out all of them from plain values and the
service only applies the plan.

Who may do what is read from the one table in ``conduct.accounts.roles``; the
rules take ``Role`` values. Outcome ids are ``Outcome`` members.
"""

from conduct.casework.rules.base import (
    Outcome,
    RuleViolation,
    add_months,
    check_may_decide,
    check_may_record,
    default_review_date,
    is_overdue,
)
from conduct.casework.rules.decisions import (
    GROUND_CATEGORIES,
    HARASSMENT_GROUP,
    NO_FURTHER_ACTION,
    REVIEW_OUTCOMES,
    SANCTIONS,
    ZERO_TOLERANCE_GROUNDS,
    DecisionDraft,
    DecisionPlan,
    WarningPlan,
    check_decision,
    check_override_ground,
    check_warned_before_sanction,
    is_sanction,
    override_ground_matches,
    plan_decision,
    warning_about,
)
from conduct.casework.rules.incidents import (
    CALL_END_STEP,
    CALL_STEPS,
    POLICE_CATEGORIES,
    check_call_step,
    check_incident,
    check_police_referral,
    next_call_step,
    police_referral_suggested,
)
from conduct.casework.rules.restrictions import (
    RestrictionTerms,
    check_restriction_start,
    check_restriction_terms,
    restriction_should_lapse,
)

__all__ = [
    "CALL_END_STEP",
    "CALL_STEPS",
    "GROUND_CATEGORIES",
    "HARASSMENT_GROUP",
    "NO_FURTHER_ACTION",
    "POLICE_CATEGORIES",
    "REVIEW_OUTCOMES",
    "SANCTIONS",
    "ZERO_TOLERANCE_GROUNDS",
    "DecisionDraft",
    "DecisionPlan",
    "Outcome",
    "RestrictionTerms",
    "RuleViolation",
    "WarningPlan",
    "add_months",
    "check_call_step",
    "check_decision",
    "check_incident",
    "check_may_decide",
    "check_may_record",
    "check_override_ground",
    "check_police_referral",
    "check_restriction_start",
    "check_restriction_terms",
    "check_warned_before_sanction",
    "default_review_date",
    "is_overdue",
    "is_sanction",
    "next_call_step",
    "override_ground_matches",
    "plan_decision",
    "police_referral_suggested",
    "restriction_should_lapse",
    "warning_about",
]
