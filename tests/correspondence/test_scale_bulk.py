"""The growth benchmark's bulk path writes what the services write: on a small organisation
(500 communications) both paths give the same communications, screening results, staff time,
audit actions, demand figures and outlier list."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from conduct.accounts.roles import Role
from conduct.audit.models import AuditEvent
from conduct.clients.models import Client, ContactPoint
from conduct.correspondence import demand
from conduct.correspondence import demand_rules as dr
from conduct.correspondence.models import (
    Communication,
    DemandChannelDay,
    DemandDay,
    DemandRepeat,
    DemandRepeatTotal,
    ScreeningResult,
    TimeEntry,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "scale.py"


def _scale() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scale_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _snapshot(now: Any) -> dict[str, Any]:
    ref = dict(Client.objects.values_list("pk", "reference"))

    def rows(model: Any, *fields: str) -> list[tuple[Any, ...]]:
        return sorted((ref[r[0]], *r[1:]) for r in model.objects.values_list("client_id", *fields))

    # The whole two years, and bars low enough that a small organisation has outliers.
    t = dr.Thresholds(
        period_days=730, weekly_minimum=0, burst_per_day=2, repeats=3, information_requests=3
    )
    start, end = demand.window(t.period_days, end=now)
    found, org = demand._outliers(start, end, t)
    comm_fields = (
        "channel",
        "direction",
        "occurred_at",
        "occurred_on",
        "sender_key",
        "subject",
        "body",
        "duration_seconds",
        "message_id",
        "dedup_key",
        "thread_key",
        "fingerprint",
        "info_request",
        "do_not_reply",
        "review_state",
        "source",
    )
    verdicts = ScreeningResult.objects.values_list(
        "communication__dedup_key", "flagged", "categories"
    )
    return {
        "communications": rows(Communication, *comm_fields),
        "screening": sorted((k, f, repr(c)) for k, f, c in verdicts),
        "contacts": sorted(
            (ref[c], k, n)
            for c, k, n in ContactPoint.objects.values_list("client", "kind", "normalised")
            if c in ref and ref[c].startswith("SC-")
        ),
        "time": rows(TimeEntry, "on", "minutes"),
        "audit": Counter(AuditEvent.objects.values_list("action", flat=True)),
        "days": rows(
            DemandDay, "day", "incoming", "information_requests", "call_seconds", "logged_minutes"
        ),
        "channel_days": rows(DemandChannelDay, "day", "channel", "direction", "contacts"),
        "repeats": rows(DemandRepeat, "fingerprint", "day", "messages"),
        "totals": rows(DemandRepeatTotal, "fingerprint", "messages"),
        "outliers": [(o.client.reference, o.figures, o.reasons) for o in found],
        "distribution": org,
    }


def test_bulk_path_writes_what_the_services_write() -> None:
    make_user("sam.staff", Role.STAFF)
    scale = _scale()
    now = timezone.now()
    point = transaction.savepoint()
    services = scale.build(500, bulk=False, now=now)
    by_services = _snapshot(now)
    transaction.savepoint_rollback(point)
    assert not Communication.objects.exists()
    bulk = scale.build(500, bulk=True, now=now)
    by_bulk = _snapshot(now)
    assert len(services["clients"]) == len(bulk["clients"]) == 20
    assert len(by_bulk["communications"]) == 500
    assert by_bulk["outliers"], "the shape has heavy writers: some clients are outliers"
    assert by_bulk["days"] and by_bulk["repeats"] and by_bulk["screening"] and by_bulk["time"]
    for key in by_services:
        assert by_bulk[key] == by_services[key], key
