"""The API's case list is paged like the API's other lists (limit, offset; items, count)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conduct.casework.models import Case
from conduct.casework.services import record_incident
from conduct.core.pagination import MAX_LIMIT
from tests.casework.conftest import details

pytestmark = pytest.mark.django_db

CASES = "/api/casework/cases"


def test_the_case_list_is_paged_oldest_first(
    client_record: Any, staff: Any, as_manager: Any
) -> None:
    for _ in range(7):
        record_incident(details(client_record), actor=staff)
    open_ids = list(
        Case.objects.filter(status=Case.OPEN)
        .order_by("opened_at", "pk")
        .values_list("pk", flat=True)
    )
    whole = as_manager.get(CASES).json()
    assert whole["count"] == 7 and [c["id"] for c in whole["items"]] == open_ids
    assert all(len(c["incident_ids"]) == 1 for c in whole["items"])
    pages = [as_manager.get(CASES, {"limit": 3, "offset": o}).json() for o in (0, 3, 6)]
    assert [len(p["items"]) for p in pages] == [3, 3, 1]
    assert [c["id"] for p in pages for c in p["items"]] == open_ids
    assert all(p["count"] == 7 for p in pages)
    assert as_manager.get(CASES, {"offset": 7}).json() == {"items": [], "count": 7}


def test_the_default_page_is_fifty_and_bounds_are_refused(
    client_record: Any, staff: Any, as_manager: Any
) -> None:
    for _ in range(52):
        record_incident(details(client_record), actor=staff)
    page = as_manager.get(CASES).json()
    assert page["count"] == 52 and len(page["items"]) == 50
    assert as_manager.get(CASES, {"limit": 0}).status_code == 422
    assert as_manager.get(CASES, {"limit": MAX_LIMIT + 1}).status_code == 422
    assert as_manager.get(CASES, {"offset": -1}).status_code == 422


def test_a_page_costs_the_same_queries_however_many_cases(
    client_record: Any, staff: Any, as_manager: Any
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_manager.get(CASES, {"limit": 5}).status_code == 200
        return len(captured)

    for _ in range(5):
        record_incident(details(client_record), actor=staff)
    queries()
    before = queries()
    for _ in range(20):
        record_incident(details(client_record), actor=staff)
    assert queries() == before
    assert len(as_manager.get(CASES, {"limit": 5}).json()["items"]) == 5


def test_the_schema_describes_the_page(as_manager: Any) -> None:
    schema = as_manager.get("/api/openapi.json").json()
    operation = schema["paths"][CASES]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"limit", "offset"}
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(page["properties"]) == {"items", "count"}
