"""The demand figures kept per client and day: after any sequence of imports, links, staff
time, erasures and retention runs they equal a rebuild from scratch, and what the profile
and the outlier list show equals a full recomputation from the communications."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conduct.audit.models import AuditEvent
from conduct.clients.services import ClientDetails, create_client
from conduct.correspondence import aggregates, demand
from conduct.correspondence import demand_rules as dr
from conduct.correspondence.models import (
    Communication,
    DemandChannelDay,
    DemandDay,
    DemandRepeat,
    DemandRepeatTotal,
    TimeEntry,
)
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import link_sender, log_staff_time, store_items
from conduct.privacy.registry import record_types
from conduct.privacy.retention import erase_records, run_retention

pytestmark = pytest.mark.django_db

BODIES = [
    "Please send me copies of all the documents you hold on me, I am still waiting.",
    "I want to know when the repair to my kitchen ceiling will finally be done.",
    "Why has nobody called me back about the complaint I made last month?",
    "Hello",  # too short for a fingerprint
]
CLIENTS = 4

item = st.fixed_dictionaries(
    {
        "who": st.integers(0, CLIENTS),  # CLIENTS: an unknown sender, left unmatched
        "stranger": st.integers(0, 2),
        "channel": st.sampled_from(["email", "phone", "letter"]),
        "direction": st.sampled_from(["in", "in", "out"]),
        "days_ago": st.integers(0, 130),
        "hour": st.integers(0, 23),
        "body": st.integers(0, len(BODIES) - 1),
        "seconds": st.integers(0, 3600),
    }
)
operation = st.one_of(
    st.tuples(st.just("import"), st.lists(item, min_size=1, max_size=12)),
    st.tuples(st.just("time"), st.integers(0, CLIENTS - 1), st.integers(0, 100)),
    st.tuples(st.just("link"), st.integers(0, CLIENTS - 1)),
    st.tuples(st.just("erase"), st.integers(0, CLIENTS - 1)),
    st.tuples(st.just("retention"), st.just(0)),
)


def _items(spec: list[dict[str, Any]], clients: list[Any], serial: Counter[str]) -> list[Item]:
    now = timezone.now()
    out = []
    for s in spec:
        serial["n"] += 1
        known = s["who"] < len(clients)
        phone = s["channel"] == "phone"
        out.append(
            Item(
                channel=s["channel"],
                occurred_at=now - timedelta(days=s["days_ago"], hours=s["hour"]),
                ref=f"item {serial['n']}",
                direction=s["direction"] if known else "in",
                sender_kind="phone" if phone else "email",
                sender=(
                    f"0770090{serial['n']:04d}" if phone else f"stranger{s['stranger']}@example.net"
                ),
                subject="Repair",
                body=BODIES[s["body"]],
                message_id=f"m{serial['n']}@example.net",
                duration_seconds=s["seconds"] if phone else None,
                client_reference=clients[s["who"]].reference if known else "",
            )
        )
    return out


def _run(op: tuple[Any, ...], clients: list[Any], staff: Any, serial: Counter[str]) -> None:
    kind, arg = op[0], op[1]
    if kind == "import":
        store_items(_items(arg, clients, serial), actor=staff)
    elif kind == "time":
        log_staff_time(
            clients[arg], on=timezone.localdate() - timedelta(days=op[2]), minutes=30, actor=staff
        )
    elif kind == "link":
        loose = Communication.objects.filter(client__isnull=True).order_by("pk").first()
        if loose is not None:
            link_sender(loose, clients[arg], actor=staff)
    elif kind == "erase":
        types = {t.key: t for t in record_types()}
        erase_records(clients[arg], types["correspondence"], actor=staff)
    else:
        run_retention(actor=None, dry_run=False, today=timezone.localdate() + timedelta(days=3000))


def _snapshot() -> dict[str, set[tuple[Any, ...]]]:
    tables: list[tuple[type[Model], tuple[str, ...]]] = [
        (
            DemandDay,
            (
                "client_id",
                "day",
                "incoming",
                "information_requests",
                "call_seconds",
                "logged_minutes",
            ),
        ),
        (DemandChannelDay, ("client_id", "day", "channel", "direction", "contacts")),
        (DemandRepeat, ("client_id", "fingerprint", "day", "messages")),
        (DemandRepeatTotal, ("client_id", "fingerprint", "messages")),
    ]
    return {
        model.__name__: set(model.objects.values_list(*fields))  # type: ignore[attr-defined]
        for model, fields in tables
    }


def _recomputed(client_id: int, first: date, last: date, weeks: float, t: dr.Thresholds) -> Any:
    """A client's figures straight from the communications and time entries."""
    held = Communication.objects.filter(
        client_id=client_id, occurred_on__gte=first, occurred_on__lte=last
    )
    f = dr.Figures(weeks=weeks)
    repeats: Counter[str] = Counter()
    seconds = 0
    for c in held:
        f.contacts += 1
        f.by_channel.setdefault(c.channel, {}).setdefault(c.direction, 0)
        f.by_channel[c.channel][c.direction] += 1
        if c.channel == "phone":
            seconds += c.duration_seconds or 0
        if c.direction == "in":
            f.incoming += 1
            f.information_requests += c.info_request
            f.daily[c.occurred_on] = f.daily.get(c.occurred_on, 0) + 1
            if c.fingerprint:
                repeats[c.fingerprint] += 1
    f.call_minutes = round(seconds / 60)
    f.logged_minutes = sum(
        TimeEntry.objects.filter(client_id=client_id, on__gte=first, on__lte=last).values_list(
            "minutes", flat=True
        )
    )
    f.busiest_day = max(f.daily.values(), default=0)
    f.burst_days = sum(1 for n in f.daily.values() if n >= t.burst_per_day)
    f.largest_repeat = max(repeats.values(), default=0)
    return f


def _check_against_recomputation(clients: list[Any], t: dr.Thresholds) -> None:
    start, end = demand.window(t.period_days)
    first, last = demand.days(start, end)
    weeks = max((end - start).days / 7, 1)
    expected = {c.pk: _recomputed(c.pk, first, last, weeks, t) for c in clients}
    for c in clients:
        assert demand.client_figures(c.pk, start, end, t) == expected[c.pk]
    org = dr.distribution([f.incoming / weeks for f in expected.values() if f.incoming])
    assert demand.organisation(start, end) == org
    rows, listed_org = demand.outliers(start, end, t)
    assert listed_org == org
    wanted = {pk: dr.reasons(f, org, t) for pk, f in expected.items() if dr.reasons(f, org, t)}
    assert {o.client.pk: o.reasons for o in rows} == wanted
    for o in rows:
        f = expected[o.client.pk]
        assert (o.figures.incoming, o.figures.information_requests, o.figures.staff_minutes) == (
            f.incoming,
            f.information_requests,
            f.staff_minutes,
        )


@pytest.fixture
def people(staff: Any) -> list[Any]:
    return [create_client(ClientDetails(name=f"Client {n}"), actor=staff) for n in range(CLIENTS)]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=8))
def test_maintained_figures_equal_a_rebuild_and_a_recomputation(
    operations: list[tuple[Any, ...]], people: list[Any], staff: Any
) -> None:
    # Low thresholds, so that small data crosses every one of them.
    t = dr.Thresholds(
        period_days=90, burst_per_day=2, repeats=2, information_requests=2, staff_minutes=30
    )
    with transaction.atomic():
        cache.clear()
        serial: Counter[str] = Counter()
        for op in operations:
            _run(op, people, staff, serial)
            _check_against_recomputation(people, t)
        maintained = _snapshot()
        aggregates.rebuild()
        assert _snapshot() == maintained
        transaction.set_rollback(True)


def test_rebuild_command_restores_figures_and_is_audited(people: list[Any], staff: Any) -> None:
    now = timezone.now()
    store_items(
        [
            Item(
                channel="email",
                occurred_at=now - timedelta(days=k),
                ref=f"r{k}",
                body=BODIES[0],
                message_id=f"r{k}@x",
                client_reference=people[0].reference,
            )
            for k in range(6)
        ],
        actor=staff,
    )
    kept = _snapshot()
    assert len(kept["DemandDay"]) == 6 and kept["DemandRepeatTotal"] == {
        (people[0].pk, Communication.objects.first().fingerprint, 6)  # type: ignore[union-attr]
    }
    DemandDay.objects.all().delete()
    DemandRepeat.objects.all().delete()
    call_command("demand", "rebuild")
    assert _snapshot() == kept
    assert AuditEvent.objects.filter(action="correspondence.demand.rebuilt").count() == 1


def test_cached_organisation_figures_follow_an_erasure(people: list[Any], staff: Any) -> None:
    now = timezone.now()
    store_items(
        [
            Item(
                channel="letter",
                occurred_at=now - timedelta(days=1),
                ref=f"e{n}",
                body=BODIES[1],
                message_id=f"e{n}@x",
                client_reference=c.reference,
            )
            for n, c in enumerate(people)
        ],
        actor=staff,
    )
    start, end = demand.window(90)
    assert demand.organisation(start, end).clients == CLIENTS
    types = {t.key: t for t in record_types()}
    erase_records(people[0], types["correspondence"], actor=staff)
    assert demand.organisation(start, end).clients == CLIENTS - 1
