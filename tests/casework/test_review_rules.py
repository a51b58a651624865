"""Reviews of warnings and terminations, and which warnings count: without a database."""

from datetime import date

import pytest

from conduct.accounts.roles import Role
from conduct.casework import review_rules
from conduct.casework.review_rules import SanctionReviewDraft
from conduct.casework.rules import RestrictionTerms, RuleViolation

SM = frozenset({Role.SENIOR_MANAGER})
TODAY = date(2026, 11, 2)
CHANNELS = frozenset({"phone", "email", "letter"})


def draft(**changes: object) -> SanctionReviewDraft:
    base: dict[str, object] = {
        "subject": "written_warning",
        "reviewer_id": 2,
        "reviewer_roles": SM,
        "decider_id": 1,
        "outcome": "confirm",
        "reasons": "The client's letter gives no new information.",
        "in_force": True,
        "today": TODAY,
        "warning_given_on": date(2026, 6, 1),
        "known_channels": CHANNELS,
    }
    base.update(changes)
    return SanctionReviewDraft(**base)  # type: ignore[arg-type]


def refused(d: SanctionReviewDraft) -> str:
    with pytest.raises(RuleViolation) as caught:
        review_rules.check_sanction_review(d)
    return caught.value.rule


@pytest.mark.parametrize("subject", ["written_warning", "terminate_engagement"])
@pytest.mark.parametrize("outcome", ["confirm", "end"])
def test_a_different_senior_manager_confirms_or_ends(subject: str, outcome: str) -> None:
    review_rules.check_sanction_review(draft(subject=subject, outcome=outcome))


def test_the_decider_may_not_review() -> None:
    assert refused(draft(reviewer_id=1)) == "reviewer_not_decider"


def test_only_senior_managers_review() -> None:
    assert refused(draft(reviewer_roles=frozenset({Role.STAFF}))) == "only_senior_managers_decide"


def test_reasons_outcome_subject_and_in_force_are_required() -> None:
    assert refused(draft(reasons="  ")) == "review_has_reasons"
    assert refused(draft(outcome="quash")) == "review_outcome"
    assert refused(draft(subject="contact_restriction")) == "review_outcome"
    with pytest.raises(RuleViolation, match="termination is no longer in force"):
        review_rules.check_sanction_review(draft(subject="terminate_engagement", in_force=False))


def test_varying_a_warning_needs_an_end_date_after_today_within_the_maximum() -> None:
    review_rules.check_sanction_review(draft(outcome="vary", new_warning_until=date(2026, 12, 1)))
    assert refused(draft(outcome="vary")) == "warning_until"
    assert refused(draft(outcome="vary", new_warning_until=TODAY)) == "warning_until"
    with pytest.raises(RuleViolation, match="no later than 2027-06-01"):
        review_rules.check_sanction_review(
            draft(outcome="vary", new_warning_until=date(2027, 6, 2))
        )


def test_varying_a_termination_puts_a_restriction_with_exact_terms_in_its_place() -> None:
    terms = RestrictionTerms(
        starts_on=TODAY, review_on=date(2027, 5, 2), channels_allowed=("letter",)
    )
    review_rules.check_sanction_review(
        draft(subject="terminate_engagement", outcome="vary", new_terms=terms)
    )
    assert refused(draft(subject="terminate_engagement", outcome="vary")) == (
        "restriction_says_what"
    )
    no_review = RestrictionTerms(starts_on=TODAY, review_on=None, channels_allowed=("letter",))
    assert refused(draft(subject="terminate_engagement", outcome="vary", new_terms=no_review)) == (
        "restriction_has_review_date"
    )


def test_a_warning_counts_only_while_in_force() -> None:
    given, until = date(2026, 1, 10), date(2027, 1, 10)
    assert review_rules.warning_in_force(
        given_on=given, active_until=until, ended_on=None, today=TODAY
    )
    assert not review_rules.warning_in_force(
        given_on=given, active_until=until, ended_on=None, today=date(2027, 1, 11)
    )
    assert not review_rules.warning_in_force(
        given_on=given, active_until=until, ended_on=TODAY, today=TODAY
    )
    assert not review_rules.warning_in_force(
        given_on=given, active_until=until, ended_on=None, today=date(2026, 1, 9)
    )


def test_a_termination_ends_when_a_review_ends_or_varies_it() -> None:
    assert not review_rules.termination_ended_by([])
    assert not review_rules.termination_ended_by(["confirm"])
    assert review_rules.termination_ended_by(["confirm", "end"])
    assert review_rules.termination_ended_by(["vary"])
