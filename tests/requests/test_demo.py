"""The demo organisation has requests in each state, made through the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.demo.seed import seed_demo
from conduct.requests import rules
from conduct.requests.models import ClientRequest
from conduct.requests.queries import standing_of

pytestmark = pytest.mark.django_db


def test_the_demo_has_open_extended_answered_and_overdue_requests(
    settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    assert seed_demo(clients=12)
    found = list(ClientRequest.objects.all())
    assert len(found) == 5
    assert {r.kind for r in found} == {rules.SUBJECT_ACCESS, rules.REVIEW}
    assert sum(1 for r in found if r.extended_due_on is not None) == 1
    assert sum(1 for r in found if r.status == rules.ANSWERED) == 1
    today = timezone.localdate()
    assert {standing_of(r, today).key for r in found} >= {"overdue", "on_time", "open"}
    assert all(r.reference == rules.reference_for(r.pk) for r in found)
    assert AuditEvent.objects.filter(action="requests.request.recorded").count() == 5
