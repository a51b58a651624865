"""The policy in force is asked for once per request, and never kept across requests."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conduct.policy.document import Category
from conduct.policy.services import (
    _request_scope,
    current_policy,
    current_version,
    publish_policy,
)

pytestmark = pytest.mark.django_db


def _policy_queries(queries: Any) -> int:
    return sum('"policy_policyversion"' in q["sql"] for q in queries.captured_queries)


def _edited() -> Any:
    policy = current_policy()
    extra = Category("spitting", "aggressive_or_abusive", "Spitting at staff", ())
    return dataclasses.replace(policy, categories=(*policy.categories, extra))


def test_outside_a_request_each_call_asks_the_database() -> None:
    current_policy()
    with CaptureQueriesContext(connection) as queries:
        current_policy()
        current_policy()
    assert _policy_queries(queries) == 2


def test_within_a_request_the_first_call_asks_and_the_rest_reuse_it() -> None:
    current_policy()  # loads the configured file into the empty test database
    token = _request_scope.set({})
    try:
        with CaptureQueriesContext(connection) as queries:
            first = current_policy()
            assert current_policy() is first
            assert current_policy() is first
    finally:
        _request_scope.reset(token)
    assert _policy_queries(queries) == 1


def test_publishing_in_a_request_is_seen_by_the_rest_of_it(admin_user: Any) -> None:
    token = _request_scope.set({})
    try:
        before = current_policy()
        publish_policy(_edited(), actor=admin_user, based_on=current_version())
        after = current_policy()
    finally:
        _request_scope.reset(token)
    assert "spitting" not in {c.id for c in before.categories}
    assert "spitting" in {c.id for c in after.categories}


def test_the_next_request_sees_a_version_published_elsewhere(admin_user: Any) -> None:
    token = _request_scope.set({})
    try:
        current_policy()
    finally:
        _request_scope.reset(token)
    publish_policy(_edited(), actor=admin_user, based_on=current_version())
    token = _request_scope.set({})
    try:
        assert "spitting" in {c.id for c in current_policy().categories}
    finally:
        _request_scope.reset(token)
