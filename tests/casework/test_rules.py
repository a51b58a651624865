"""Every rule, without a database."""

from datetime import UTC, date, datetime, timedelta

import pytest

from conduct.accounts.roles import Role
from conduct.casework import review_rules, rules
from conduct.casework.review_rules import ReviewDraft
from conduct.casework.rules import DecisionDraft, RestrictionTerms, RuleViolation

SM = frozenset({Role.SENIOR_MANAGER})
START = date(2026, 5, 12)
TERMS = RestrictionTerms(
    starts_on=START, review_on=date(2026, 11, 12), channels_allowed=("email", "letter")
)
CHANNELS = frozenset({"phone", "email", "letter", "in_person"})


def draft(**changes: object) -> DecisionDraft:
    base: dict[str, object] = {
        "decider_roles": SM,
        "outcomes": ("contact_restriction",),
        "reasons": "Repeated threats on calls after a warning.",
        "clauses": ("threatening_communication",),
        "known_outcomes": frozenset(
            {
                "no_further_action",
                "written_warning",
                "contact_restriction",
                "terminate_engagement",
                "police_referral",
            }
        ),
        "known_clauses": frozenset({"threatening_communication", "safe_environment"}),
        "has_prior_warning": True,
        "today": START,
        "adjustments_note": "No known disability; offered written contact.",
        "restriction": TERMS,
        "known_channels": CHANNELS,
        "max_restriction_months": 12,
    }
    base.update(changes)
    return DecisionDraft(**base)  # type: ignore[arg-type]


def rule_of(excinfo: pytest.ExceptionInfo[RuleViolation]) -> str:
    return excinfo.value.rule


def test_a_complete_restriction_decision_passes() -> None:
    rules.check_decision(draft())


@pytest.mark.parametrize("roles", [frozenset({Role.STAFF}), frozenset({Role.ADMIN}), frozenset()])
def test_only_senior_managers_decide(roles: frozenset[Role]) -> None:
    with pytest.raises(RuleViolation) as exc:
        rules.check_decision(draft(decider_roles=roles))
    assert rule_of(exc) == "only_senior_managers_decide"
    assert "Senior Management" in exc.value.message


def test_an_admin_who_is_also_a_senior_manager_may_decide() -> None:
    rules.check_decision(draft(decider_roles=frozenset({Role.ADMIN, Role.SENIOR_MANAGER})))


def test_staff_and_managers_record_admins_alone_do_not() -> None:
    rules.check_may_record({Role.STAFF})
    rules.check_may_record({Role.SENIOR_MANAGER})
    with pytest.raises(RuleViolation, match="rule: staff_record"):
        rules.check_may_record({Role.ADMIN})


@pytest.mark.parametrize("outcome", ["contact_restriction", "terminate_engagement"])
def test_no_sanction_without_an_earlier_warning(outcome: str) -> None:
    restriction = TERMS if outcome == "contact_restriction" else None
    with pytest.raises(RuleViolation) as exc:
        rules.check_decision(
            draft(outcomes=(outcome,), has_prior_warning=False, restriction=restriction)
        )
    assert rule_of(exc) == "warn_before_sanction"
    assert "no earlier recorded warning" in str(exc.value)


def test_a_zero_tolerance_override_with_reason_allows_a_sanction_without_warning() -> None:
    rules.check_decision(
        draft(
            has_prior_warning=False,
            override_ground="violence",
            override_reason="Pushed a receptionist.",
        )
    )


@pytest.mark.parametrize(
    ("ground", "reason"), [("violence", " "), ("rudeness", "Was rude."), ("", "x")]
)
def test_an_override_needs_a_zero_tolerance_ground_and_a_reason(ground: str, reason: str) -> None:
    with pytest.raises(RuleViolation, match="rule: warn_before_sanction"):
        rules.check_decision(
            draft(has_prior_warning=False, override_ground=ground, override_reason=reason)
        )


def test_an_override_is_only_for_a_sanction() -> None:
    with pytest.raises(RuleViolation, match="rule: warn_before_sanction"):
        rules.check_decision(
            draft(
                outcomes=("written_warning",),
                restriction=None,
                override_ground="violence",
                override_reason="x",
            )
        )


def test_a_written_warning_needs_no_earlier_warning() -> None:
    rules.check_decision(
        draft(outcomes=("written_warning",), restriction=None, has_prior_warning=False)
    )


@pytest.mark.parametrize("reasons", ["", "   \n"])
def test_a_decision_needs_reasons(reasons: str) -> None:
    with pytest.raises(RuleViolation, match="rule: decision_has_reasons"):
        rules.check_decision(draft(reasons=reasons))


def test_a_decision_needs_a_known_clause() -> None:
    with pytest.raises(RuleViolation, match="rule: decision_cites_clause"):
        rules.check_decision(draft(clauses=()))
    with pytest.raises(RuleViolation, match="Unknown policy clause"):
        rules.check_decision(draft(clauses=("made_up",)))


def test_a_decision_needs_known_outcomes_and_no_further_action_stands_alone() -> None:
    with pytest.raises(RuleViolation, match="rule: decision_has_outcome"):
        rules.check_decision(draft(outcomes=()))
    with pytest.raises(RuleViolation, match="Unknown outcome"):
        rules.check_decision(draft(outcomes=("banish",), restriction=None))
    with pytest.raises(RuleViolation, match="cannot be combined"):
        rules.check_decision(
            draft(outcomes=("no_further_action", "written_warning"), restriction=None)
        )


def test_a_sanction_needs_reasonable_adjustments_recorded() -> None:
    with pytest.raises(RuleViolation, match="rule: adjustments_considered"):
        rules.check_decision(draft(adjustments_note=""))


def test_a_restriction_outcome_needs_terms_and_terms_need_the_outcome() -> None:
    with pytest.raises(RuleViolation, match="rule: restriction_says_what"):
        rules.check_decision(draft(restriction=None))
    with pytest.raises(RuleViolation, match="rule: restriction_says_what"):
        rules.check_decision(draft(outcomes=("written_warning",)))


def test_a_restriction_needs_a_start_and_a_review_date() -> None:
    with pytest.raises(RuleViolation, match="rule: restriction_has_start"):
        rules.check_decision(
            draft(
                restriction=RestrictionTerms(
                    starts_on=None, review_on=date(2026, 6, 1), no_visits=True
                )
            )
        )
    with pytest.raises(RuleViolation, match="rule: restriction_has_review_date"):
        rules.check_decision(
            draft(restriction=RestrictionTerms(starts_on=START, review_on=None, no_visits=True))
        )
    with pytest.raises(RuleViolation, match="after the start"):
        rules.check_decision(
            draft(restriction=RestrictionTerms(starts_on=START, review_on=START, no_visits=True))
        )


def test_a_review_date_beyond_the_maximum_is_refused() -> None:
    on_limit = RestrictionTerms(starts_on=START, review_on=date(2027, 5, 12), no_visits=True)
    rules.check_restriction_terms(on_limit, known_channels=CHANNELS, max_months=12)
    beyond = RestrictionTerms(starts_on=START, review_on=date(2027, 5, 13), no_visits=True)
    with pytest.raises(RuleViolation) as exc:
        rules.check_restriction_terms(beyond, known_channels=CHANNELS, max_months=12)
    assert rule_of(exc) == "restriction_review_within_maximum"
    assert "2027-05-12" in exc.value.message
    with pytest.raises(RuleViolation, match="at most 6 months"):
        rules.check_restriction_terms(on_limit, known_channels=CHANNELS, max_months=6)


def test_a_restriction_must_say_what_it_restricts() -> None:
    empty = RestrictionTerms(starts_on=START, review_on=date(2026, 8, 1))
    with pytest.raises(RuleViolation, match="Say exactly what is restricted"):
        rules.check_restriction_terms(empty, known_channels=CHANNELS, max_months=12)
    for terms in [
        RestrictionTerms(starts_on=START, review_on=date(2026, 8, 1), single_contact="Maria Lopez"),
        RestrictionTerms(starts_on=START, review_on=date(2026, 8, 1), set_times="Tuesdays 10-11"),
        RestrictionTerms(starts_on=START, review_on=date(2026, 8, 1), max_call_minutes=15),
        RestrictionTerms(
            starts_on=START,
            review_on=date(2026, 8, 1),
            representative_only=True,
            representative_name="Ann",
        ),
    ]:
        rules.check_restriction_terms(terms, known_channels=CHANNELS, max_months=12)


def test_restriction_terms_refuse_unknown_channels_bad_call_length_and_unnamed_representative() -> (
    None
):
    def check(**kw: object) -> None:
        rules.check_restriction_terms(
            RestrictionTerms(starts_on=START, review_on=date(2026, 8, 1), **kw),  # type: ignore[arg-type]
            known_channels=CHANNELS,
            max_months=12,
        )

    with pytest.raises(RuleViolation, match="Unknown channel"):
        check(channels_allowed=("pigeon",))
    with pytest.raises(RuleViolation, match="at least 1 minute"):
        check(no_visits=True, max_call_minutes=0)
    with pytest.raises(RuleViolation, match="Name the representative"):
        check(representative_only=True)


def test_a_restriction_lapses_on_its_review_date() -> None:
    review_on = date(2026, 11, 12)
    assert not rules.restriction_should_lapse(
        active=True, review_on=review_on, today=date(2026, 11, 11)
    )
    assert rules.restriction_should_lapse(active=True, review_on=review_on, today=review_on)
    assert rules.restriction_should_lapse(active=True, review_on=review_on, today=date(2027, 1, 1))
    assert not rules.restriction_should_lapse(
        active=False, review_on=review_on, today=date(2027, 1, 1)
    )


def review(**changes: object) -> ReviewDraft:
    base: dict[str, object] = {
        "reviewer_id": 2,
        "reviewer_roles": SM,
        "decider_id": 1,
        "outcome": "confirm",
        "reasons": "Threats continued in letters.",
        "restriction_active": True,
        "new_terms": TERMS,
        "known_channels": CHANNELS,
    }
    base.update(changes)
    return ReviewDraft(**base)  # type: ignore[arg-type]


def test_a_review_by_another_senior_manager_passes() -> None:
    review_rules.check_review(review())
    review_rules.check_review(review(outcome="end", new_terms=None))


def test_the_decider_may_not_review() -> None:
    with pytest.raises(RuleViolation) as exc:
        review_rules.check_review(review(reviewer_id=1))
    assert rule_of(exc) == "reviewer_not_decider"
    assert "did not make the decision" in exc.value.message


def test_a_review_needs_a_senior_manager_reasons_an_outcome_and_a_restriction_in_force() -> None:
    with pytest.raises(RuleViolation, match="rule: only_senior_managers_decide"):
        review_rules.check_review(review(reviewer_roles=frozenset({Role.STAFF})))
    with pytest.raises(RuleViolation, match="rule: review_has_reasons"):
        review_rules.check_review(review(reasons=""))
    with pytest.raises(RuleViolation, match="rule: review_outcome"):
        review_rules.check_review(review(outcome="extend"))
    with pytest.raises(RuleViolation, match="no longer in force"):
        review_rules.check_review(review(restriction_active=False))


def test_confirming_or_varying_renews_with_a_review_date_within_the_maximum() -> None:
    with pytest.raises(RuleViolation, match="rule: restriction_has_review_date"):
        review_rules.check_review(review(new_terms=None))
    too_long = RestrictionTerms(starts_on=START, review_on=date(2028, 1, 1), no_visits=True)
    with pytest.raises(RuleViolation, match="rule: restriction_review_within_maximum"):
        review_rules.check_review(review(outcome="vary", new_terms=too_long))


@pytest.mark.parametrize(
    ("categories", "suggested"),
    [
        (["violence"], True),
        (["abusive_language", "threatening_communication"], True),
        (["excessive_correspondence"], False),
        ([], False),
    ],
)
def test_police_referral_is_suggested_for_violence_or_threats(
    categories: list[str], suggested: bool
) -> None:
    assert rules.police_referral_suggested(categories) is suggested


def test_a_police_referral_needs_a_date_not_in_the_future_and_a_force() -> None:
    rules.check_police_referral(referred_on=START, force="West Yorkshire Police", today=START)
    with pytest.raises(RuleViolation, match="rule: police_referral_details"):
        rules.check_police_referral(referred_on=None, force="West Yorkshire Police", today=START)
    with pytest.raises(RuleViolation, match="future"):
        rules.check_police_referral(referred_on=date(2026, 5, 13), force="X", today=START)
    with pytest.raises(RuleViolation, match="Name the police force"):
        rules.check_police_referral(referred_on=START, force=" ", today=START)


def incident(**changes: object) -> None:
    base: dict[str, object] = {
        "categories": ["abusive_language"],
        "known_categories": ["abusive_language", "violence"],
        "channel": "phone",
        "known_channels": ["phone", "email"],
        "staff_actions": ["end_call"],
        "known_staff_rights": ["end_call", "no_reply", "refer_to_smt"],
        "what_happened": "Shouted and swore at me.",
        "has_client": True,
        "caller_details": "",
    }
    base.update(changes)
    rules.check_incident(**base)  # type: ignore[arg-type]


def test_an_incident_needs_category_channel_description_and_who() -> None:
    incident()
    incident(has_client=False, caller_details="0113 496 0000")
    for changes, rule in [
        ({"categories": []}, "incident_has_category"),
        ({"categories": ["rude"]}, "incident_has_category"),
        ({"channel": "fax"}, "incident_channel"),
        ({"staff_actions": ["hung_up_rudely"]}, "incident_staff_actions"),
        ({"what_happened": " "}, "incident_describes_conduct"),
        ({"has_client": False}, "incident_identifies_caller"),
    ]:
        with pytest.raises(RuleViolation) as exc:
            incident(**changes)
        assert rule_of(exc) == rule, changes


def test_the_call_guide_follows_the_procedure_order() -> None:
    assert rules.next_call_step([]) == "warn_and_explain"
    rules.check_call_step([], "warn_and_explain", finished=False)
    rules.check_call_step(["warn_and_explain"], "staff_withdraws", finished=False)
    rules.check_call_step(
        ["warn_and_explain", "staff_withdraws"], "inform_call_termination", finished=False
    )
    assert (
        rules.next_call_step(["warn_and_explain", "staff_withdraws", "inform_call_termination"])
        is None
    )
    with pytest.raises(RuleViolation, match="in order"):
        rules.check_call_step([], "staff_withdraws", finished=False)
    with pytest.raises(RuleViolation, match="already been recorded"):
        rules.check_call_step(["warn_and_explain"], "warn_and_explain", finished=False)
    with pytest.raises(RuleViolation, match="call has ended"):
        rules.check_call_step(["inform_call_termination"], "warn_and_explain", finished=False)
    with pytest.raises(RuleViolation, match="rule: call_guide_order"):
        rules.check_call_step([], "warn_and_explain", finished=True)
    with pytest.raises(RuleViolation, match="Unknown step"):
        rules.check_call_step([], "shout_back", finished=False)


def test_ending_the_call_is_a_staff_right_at_any_point() -> None:
    rules.check_call_step([], "inform_call_termination", finished=False)


def test_dates() -> None:
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert rules.add_months(date(2026, 11, 12), 6) == date(2027, 5, 12)
    assert rules.default_review_date(START) == date(2026, 11, 12)
    assert rules.is_overdue(date(2026, 5, 29), date(2026, 5, 30))
    assert not rules.is_overdue(date(2026, 5, 29), date(2026, 5, 29))


def test_an_incident_cannot_be_in_the_future() -> None:
    now = datetime(2026, 5, 12, 10, 0, tzinfo=UTC)
    incident(occurred_at=now + timedelta(minutes=4), now=now)
    with pytest.raises(RuleViolation, match="rule: incident_time"):
        incident(occurred_at=now + timedelta(hours=1), now=now)


# --- When a restriction may start -------------------------------------------


def starting(days: int, **changes: object) -> DecisionDraft:
    start = START + timedelta(days=days)
    terms = RestrictionTerms(
        starts_on=start, review_on=start + timedelta(days=180), channels_allowed=("email",)
    )
    return draft(restriction=terms, **changes)


def test_a_restriction_starts_today_or_within_the_window() -> None:
    rules.check_decision(starting(0))
    rules.check_decision(starting(30, start_window_days=30))
    with pytest.raises(RuleViolation, match="within 30 days of the decision") as exc:
        rules.check_decision(starting(31, start_window_days=30))
    assert rule_of(exc) == "restriction_starts_from_today"
    with pytest.raises(RuleViolation, match="no later than 12 June 2026"):
        rules.check_decision(starting(3 * 365, start_window_days=31))


def test_a_restriction_cannot_be_back_dated() -> None:
    with pytest.raises(RuleViolation) as exc:
        rules.check_decision(starting(-200, warned_on=START - timedelta(days=10)))
    assert rule_of(exc) == "restriction_starts_from_today"
    assert "cannot start in the past (24 October 2025)" in exc.value.message
    with pytest.raises(RuleViolation, match="start in the past"):
        rules.check_decision(starting(-1))


def test_the_warning_comes_before_the_restriction_starts() -> None:
    rules.check_decision(starting(0, warned_on=START))
    with pytest.raises(RuleViolation) as exc:
        rules.check_restriction_start(
            starts_on=START, today=START, window_days=30, warned_on=START + timedelta(days=1)
        )
    assert rule_of(exc) == "warn_before_sanction"
    assert "before the client was warned on 13 May 2026" in exc.value.message


def test_the_review_date_is_always_in_the_future() -> None:
    # After a start that is today or later, so never today or in the past.
    same_day = RestrictionTerms(starts_on=START, review_on=START, channels_allowed=("email",))
    with pytest.raises(RuleViolation, match="after the start date"):
        rules.check_decision(draft(restriction=same_day))


# --- A zero-tolerance override matches what was recorded ----------------------

GROUPS = {
    "violence": "aggressive_or_abusive",
    "threatening_communication": "aggressive_or_abusive",
    "abusive_language": "aggressive_or_abusive",
    "excessive_correspondence": "unreasonable_demands",
}


@pytest.mark.parametrize(
    "ground, recorded, matches",
    [
        ("violence", ["violence"], True),
        ("violence", ["threatening_communication"], False),
        ("threats_of_violence", ["threatening_communication"], True),
        ("threats_of_violence", ["violence"], True),
        ("threats_of_violence", ["abusive_language"], False),
        ("serious_harassment", ["abusive_language"], True),
        ("serious_harassment", ["excessive_correspondence"], False),
        ("serious_harassment", [], False),
    ],
)
def test_an_override_ground_matches_the_recorded_categories(
    ground: str, recorded: list[str], matches: bool
) -> None:
    groups = {c: GROUPS[c] for c in recorded}
    assert rules.override_ground_matches(ground, groups) is matches
    if matches:
        rules.check_override_ground(ground=ground, category_groups=groups, differs_reason="")
        return
    with pytest.raises(RuleViolation) as exc:
        rules.check_override_ground(ground=ground, category_groups=groups, differs_reason=" ")
    assert rule_of(exc) == "override_matches_categories"
    assert "say why the override applies" in exc.value.message
    rules.check_override_ground(
        ground=ground,
        category_groups=groups,
        differs_reason="He raised a fist at reception; staff recorded only the emails.",
    )
