"""Demand figures kept per client and local day, so that reading them never scans the
communications.

Every change that alters what a client asked of the organisation calls one of these in its
own transaction: ``communications_added`` (import, linking a sender), ``time_logged`` and
``client_erased`` (retention and erasure). Additions are one ``INSERT … ON CONFLICT DO UPDATE``
per table (the same SQL on SQLite and PostgreSQL, safe under concurrent imports); ``rebuild``
recomputes everything from the communications and time entries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count, F, Q, QuerySet, Sum

from conduct.correspondence.models import (
    Communication,
    DemandChannelDay,
    DemandDay,
    DemandRepeat,
    DemandRepeatTotal,
    DemandVersion,
    TimeEntry,
)

# What a communication contributes, in this order.
FIELDS = (
    "client_id",
    "occurred_on",
    "channel",
    "direction",
    "info_request",
    "duration_seconds",
    "fingerprint",
)
BATCH = 400


@dataclass
class Deltas:
    """Additions to each table, keyed as the table's unique constraint."""

    day: dict[tuple[int, date], list[int]]  # incoming, information requests, call s, logged min
    channel: Counter[tuple[int, date, str, str]]
    repeat: Counter[tuple[int, str, date]]
    total: Counter[tuple[int, str]]

    @classmethod
    def empty(cls) -> Deltas:
        return cls({}, Counter(), Counter(), Counter())

    def add_communication(
        self,
        client_id: int | None,
        day: date,
        channel: str,
        direction: str,
        info_request: bool,
        duration_seconds: int | None,
        fingerprint: str,
    ) -> None:
        if client_id is None:
            return
        self.channel[(client_id, day, channel, direction)] += 1
        # A day row exists where the client wrote or called in, or a call was made, or time
        # was logged (what ``rebuild`` finds).
        if direction == Communication.IN:
            row = self.day.setdefault((client_id, day), [0, 0, 0, 0])
            row[0] += 1
            row[1] += int(bool(info_request))
            if fingerprint:
                self.repeat[(client_id, fingerprint, day)] += 1
                self.total[(client_id, fingerprint)] += 1
        if channel == "phone":
            self.day.setdefault((client_id, day), [0, 0, 0, 0])[2] += duration_seconds or 0

    def add_time(self, client_id: int, day: date, minutes: int) -> None:
        self.day.setdefault((client_id, day), [0, 0, 0, 0])[3] += minutes

    def __bool__(self) -> bool:
        return bool(self.day or self.channel)


def _upsert(
    model: type[models.Model],
    keys: Sequence[str],
    counts: Sequence[str],
    rows: list[tuple[Any, ...]],
) -> None:
    """Add ``rows`` (key values then counts) to the table, creating rows as needed."""
    if not rows:
        return
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    columns = [str(getattr(model._meta.get_field(k), "column", k)) for k in keys] + list(counts)
    width = len(columns)
    sets = ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in counts)
    head = f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) VALUES "  # noqa: S608
    tail = f" ON CONFLICT ({', '.join(q(c) for c in columns[: len(keys)])}) DO UPDATE SET {sets}"
    one = "(" + ", ".join(["%s"] * width) + ")"
    rows.sort()  # the same lock order in every transaction
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            part = rows[start : start + BATCH]
            # Table and column names come from the models; every value is a bound parameter.
            cursor.execute(
                head + ", ".join([one] * len(part)) + tail, [v for row in part for v in row]
            )


def _bump() -> None:
    updated = DemandVersion.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        DemandVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def version() -> int:
    return DemandVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def apply(deltas: Deltas) -> None:
    """Add ``deltas`` to the tables (call inside the change's transaction)."""
    if not deltas:
        return
    with transaction.atomic():
        _upsert(
            DemandDay,
            ("client", "day"),
            ("incoming", "information_requests", "call_seconds", "logged_minutes"),
            [(c, d, *v) for (c, d), v in deltas.day.items()],
        )
        _upsert(
            DemandChannelDay,
            ("client", "day", "channel", "direction"),
            ("contacts",),
            [(*k, n) for k, n in deltas.channel.items()],
        )
        _upsert(
            DemandRepeat,
            ("client", "fingerprint", "day"),
            ("messages",),
            [(*k, n) for k, n in deltas.repeat.items()],
        )
        _upsert(
            DemandRepeatTotal,
            ("client", "fingerprint"),
            ("messages",),
            [(*k, n) for k, n in deltas.total.items()],
        )
        _bump()


def communications_added(communications: QuerySet[Communication]) -> None:
    """Count ``communications`` (just stored, or just linked to a client) in."""
    deltas = Deltas.empty()
    for row in communications.filter(client__isnull=False).values_list(*FIELDS):
        deltas.add_communication(*row)
    apply(deltas)


def time_logged(entries: Iterable[TimeEntry]) -> None:
    deltas = Deltas.empty()
    for e in entries:
        deltas.add_time(e.client_id, e.on, e.minutes)
    apply(deltas)


def client_erased(client_id: int) -> None:
    """The client's communications and time entries are gone: so are their figures."""
    with transaction.atomic():
        for model in (DemandDay, DemandChannelDay, DemandRepeat, DemandRepeatTotal):
            model.objects.filter(client_id=client_id).delete()
        _bump()


def rebuild() -> dict[str, int]:
    """Recompute every figure from the communications and time entries; returns row counts."""
    with transaction.atomic():
        for model in (DemandDay, DemandChannelDay, DemandRepeat, DemandRepeatTotal):
            model.objects.all().delete()
        held = Communication.objects.filter(client__isnull=False)
        incoming = held.filter(direction=Communication.IN)
        days: dict[tuple[int, date], DemandDay] = {}

        def day(c: int, d: date) -> DemandDay:
            return days.setdefault((c, d), DemandDay(client_id=c, day=d))

        for c, d, n, info in (
            incoming.values("client_id", "occurred_on")
            .annotate(n=Count("id"), info=Count("id", filter=Q(info_request=True)))
            .values_list("client_id", "occurred_on", "n", "info")
        ):
            row = day(c, d)
            row.incoming, row.information_requests = n, info
        for c, d, s in (
            held.filter(channel="phone")
            .values("client_id", "occurred_on")
            .annotate(s=Sum("duration_seconds"))
            .values_list("client_id", "occurred_on", "s")
        ):
            day(c, d).call_seconds = s or 0
        for c, d, m in (
            TimeEntry.objects.values("client_id", "on")
            .annotate(m=Sum("minutes"))
            .values_list("client_id", "on", "m")
        ):
            day(c, d).logged_minutes = m or 0
        DemandDay.objects.bulk_create(days.values(), batch_size=BATCH)
        DemandChannelDay.objects.bulk_create(
            (
                DemandChannelDay(client_id=c, day=d, channel=ch, direction=di, contacts=n)
                for c, d, ch, di, n in held.values(
                    "client_id", "occurred_on", "channel", "direction"
                )
                .annotate(n=Count("id"))
                .values_list("client_id", "occurred_on", "channel", "direction", "n")
                .iterator()
            ),
            batch_size=BATCH,
        )
        repeats = incoming.exclude(fingerprint="")
        DemandRepeat.objects.bulk_create(
            (
                DemandRepeat(client_id=c, fingerprint=f, day=d, messages=n)
                for c, f, d, n in repeats.values("client_id", "fingerprint", "occurred_on")
                .annotate(n=Count("id"))
                .values_list("client_id", "fingerprint", "occurred_on", "n")
                .iterator()
            ),
            batch_size=BATCH,
        )
        DemandRepeatTotal.objects.bulk_create(
            (
                DemandRepeatTotal(client_id=c, fingerprint=f, messages=n)
                for c, f, n in repeats.values("client_id", "fingerprint")
                .annotate(n=Count("id"))
                .values_list("client_id", "fingerprint", "n")
                .iterator()
            ),
            batch_size=BATCH,
        )
        _bump()
        return {
            "days": len(days),
            "channel_days": DemandChannelDay.objects.count(),
            "repeat_days": DemandRepeat.objects.count(),
            "repeat_groups": DemandRepeatTotal.objects.count(),
        }
