"""The case queue shows the oldest open cases a page at a time."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.casework.models import Case
from conduct.casework.services import record_incident
from conduct.casework.views.cases import QUEUE_PAGE
from tests.casework.conftest import details

pytestmark = pytest.mark.django_db


def test_queue_is_paged_oldest_first(
    client_record: Any, staff: Any, as_manager: HttpClient
) -> None:
    for _ in range(QUEUE_PAGE + 2):
        record_incident(details(client_record), actor=staff)
    cases = list(Case.objects.filter(status=Case.OPEN).order_by("opened_at", "pk"))
    assert len(cases) == QUEUE_PAGE + 2
    first = as_manager.get("/casework/queue/").content.decode()
    second = as_manager.get("/casework/queue/?page=2").content.decode()
    assert f"/casework/cases/{cases[0].pk}/" in first
    assert f"/casework/cases/{cases[QUEUE_PAGE].pk}/" not in first
    assert f"/casework/cases/{cases[QUEUE_PAGE].pk}/" in second
    assert f"/casework/cases/{cases[0].pk}/" not in second
    assert f"{QUEUE_PAGE + 2} open cases" in first and "Page 1 of 2" in first
    assert as_manager.get("/casework/queue/?page=99").status_code == 200
