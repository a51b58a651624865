"""What recording a decision writes, worked out without a database."""

from datetime import date

import pytest

from conduct.accounts.roles import Role
from conduct.casework import rules
from conduct.casework.rules import DecisionDraft, Outcome, RestrictionTerms, RuleViolation

TODAY = date(2026, 5, 12)
TERMS = RestrictionTerms(starts_on=TODAY, review_on=date(2026, 11, 12), channels_allowed=("email",))


def draft(**changes: object) -> DecisionDraft:
    base: dict[str, object] = {
        "decider_roles": frozenset({Role.SENIOR_MANAGER}),
        "outcomes": (Outcome.WRITTEN_WARNING,),
        "reasons": "  Repeated abuse on calls.  ",
        "clauses": ("abusive_language", "safe_environment", "abusive_language"),
        "known_outcomes": frozenset(Outcome),
        "known_clauses": frozenset({"abusive_language", "safe_environment"}),
        "has_prior_warning": True,
        "today": TODAY,
        "adjustments_note": " None known. ",
        "known_channels": frozenset({"email", "phone"}),
    }
    base.update(changes)
    return DecisionDraft(**base)  # type: ignore[arg-type]


def test_a_written_warning_is_planned_about_the_recorded_categories() -> None:
    plan = rules.plan_decision(
        draft(),
        category_titles=["Abusive language", "Threatening communication"],
        warning_months=12,
    )
    assert plan.outcomes == ("written_warning",)
    assert plan.reasons == "Repeated abuse on calls."
    assert plan.clauses == ("abusive_language", "safe_environment")
    assert plan.adjustments_note == "None known."
    assert plan.override is None and plan.restriction is None
    assert plan.warning == rules.WarningPlan(
        given_on=TODAY,
        active_until=date(2027, 5, 12),
        about="abusive language; threatening communication",
    )


def test_a_warning_with_no_known_category_is_about_conduct_towards_staff() -> None:
    plan = rules.plan_decision(draft(), category_titles=[], warning_months=6)
    assert plan.warning is not None
    assert plan.warning.about == "conduct towards staff"
    assert plan.warning.active_until == date(2026, 11, 12)
    assert rules.warning_about(["x" * 400]) == "x" * 300


def test_a_restriction_plans_its_terms_and_no_warning() -> None:
    plan = rules.plan_decision(
        draft(
            outcomes=(Outcome.CONTACT_RESTRICTION, Outcome.CONTACT_RESTRICTION),
            restriction=TERMS,
            override_ground="violence",
            override_reason="Struck a member of staff.",
            has_prior_warning=False,
        ),
        category_titles=["Violence"],
        warning_months=12,
    )
    assert plan.outcomes == ("contact_restriction",)
    assert plan.restriction == TERMS and plan.warning is None
    assert plan.override == "violence"


def test_the_plan_refuses_what_the_rules_refuse() -> None:
    with pytest.raises(RuleViolation, match="rule: only_senior_managers_decide"):
        rules.plan_decision(
            draft(decider_roles=frozenset({Role.STAFF})), category_titles=[], warning_months=12
        )
    with pytest.raises(RuleViolation, match="rule: decision_has_reasons"):
        rules.plan_decision(draft(reasons=" "), category_titles=[], warning_months=12)
