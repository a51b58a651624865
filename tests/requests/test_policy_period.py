"""The review period is read from the policy file, with the loader's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from conduct.policy.document import DEFAULT_REVIEW_WORKING_DAYS
from conduct.policy.loader import PolicyError, parse_policy


def source(extra: str = "") -> str:
    return Path(settings.CONDUCT_POLICY_FILE).read_text(encoding="utf-8") + extra


def test_the_template_sets_none_so_the_default_applies() -> None:
    assert parse_policy(source()).review_working_days == DEFAULT_REVIEW_WORKING_DAYS == 20


def test_the_policy_sets_its_own() -> None:
    policy = parse_policy(source("\nrequests:\n  review_working_days: 15\n"))
    assert policy.review_working_days == 15


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("\nrequests:\n  review_working_days: 0\n", "a whole number of working days from 1 to 260"),
        ("\nrequests:\n  review_working_days: ten\n", "a whole number of working days"),
        ("\nrequests:\n  review_working_days: 2.5\n", "a whole number of working days"),
        ("\nrequests:\n  review_days: 10\n", "unknown key 'review_days'"),
        ("\nrequests: [1, 2]\n", "requests: expected a mapping"),
    ],
)
def test_a_bad_period_is_reported_with_its_line(extra: str, message: str) -> None:
    lines = source().count("\n")
    with pytest.raises(PolicyError) as refused:
        parse_policy(source(extra))
    [problem] = refused.value.problems
    assert message in problem.message
    assert problem.line > lines


def test_the_export_writes_the_period_back_so_it_round_trips() -> None:
    from conduct.policy.export import dump_policy

    policy = parse_policy(source("\nrequests:\n  review_working_days: 15\n"))
    assert parse_policy(dump_policy(policy)).review_working_days == 15
    assert "requests" not in dump_policy(parse_policy(source()))
