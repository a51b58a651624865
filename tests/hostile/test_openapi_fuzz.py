"""schemathesis against the served OpenAPI schema, in-process over WSGI.

Every operation is fuzzed with valid inputs as an admin and as a staff member,
and with invalid inputs as staff, a few examples each: no 5xx, and every
documented response matches the schema. New endpoints are covered as soon as
they appear in the schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from conduct.accounts.services import create_api_token

# Refusals (401/403/404/409/413/422) are the API's contract but are not listed
# per operation in the schema, so status-code conformance is not checked.
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES_PER_OPERATION = 6


@contextmanager
def keeping_the_test_connection() -> Iterator[None]:
    """Requests go through the real WSGI handler, which closes the database
    connection after each one; that would end the test's transaction (on
    PostgreSQL). Django's test client disconnects the same signal handlers."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def fuzz(user: Any, mode: GenerationMode) -> list[str]:
    """Fuzz every operation; return one line per operation that failed a check."""
    _, token = create_api_token(user, "fuzzing", actor=None)
    headers = {"Authorization": f"Bearer {token}"}
    with keeping_the_test_connection():
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            with keeping_the_test_connection():
                run()
        except (Exception, BaseExceptionGroup) as exc:  # report every operation, not just the first
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    return failures


@pytest.mark.parametrize(
    "role, mode",
    [
        ("admin_user", GenerationMode.POSITIVE),
        ("staff", GenerationMode.POSITIVE),
        # Invalid input is refused by validation before any permission check,
        # so one role is enough for it.
        ("staff", GenerationMode.NEGATIVE),
    ],
    ids=["admin-valid", "staff-valid", "staff-invalid"],
)
def test_no_server_errors_and_responses_match_schema(
    role: str, mode: GenerationMode, request: pytest.FixtureRequest, client_record: Any
) -> None:
    """``client_record`` gives the fuzzer a real object to find by id."""
    failures = fuzz(request.getfixturevalue(role), mode)
    assert not failures, "\n\n".join(failures)
