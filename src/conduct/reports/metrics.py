"""The dashboard's figures: one small function per metric, each returning a Table.

Counts are by the record's own date inside the period (incidents by when they
happened, decisions by when they were made); "now" figures (open cases,
restrictions in force, outstanding follow-ups) are as of ``today``.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time
from typing import Any

from django.apps import apps
from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from conduct.casework.models import Case, Decision, Incident, Restriction, SupportFollowUp
from conduct.policy.document import CHANNEL_TITLES, OUTCOME_TITLES, humanise
from conduct.reports.request_metrics import client_requests, open_requests
from conduct.reports.tables import (
    AGE_BUCKETS,
    DECISION_BUCKETS,
    Cell,
    Period,
    Table,
    bucket,
    months_between,
    rate,
    summary,
)


def _bounds(period: Period) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(period.start, time.min, tzinfo=tz),
        datetime.combine(period.end, time.max, tzinfo=tz),
    )


def _incidents(period: Period) -> QuerySet[Incident]:
    start, end = _bounds(period)
    return Incident.objects.filter(
        status=Incident.RECORDED, occurred_at__gte=start, occurred_at__lte=end
    )


def _category_titles() -> dict[str, str]:
    from conduct.policy.services import current_policy

    return {c.id: c.title for c in current_policy().categories}


def incidents_by_category(period: Period) -> Table:
    counts: Counter[str] = Counter()
    for categories in _incidents(period).values_list("categories", flat=True):
        counts.update(set(categories or []))
    titles = _category_titles()
    rows = [(titles.get(c, humanise(c)), n) for c, n in counts.most_common()]
    return Table(
        "incidents_by_category",
        "Incidents by category",
        ["Category", "Incidents"],
        list(rows),
        chart="Incidents",
        note="An incident in two categories counts once in each.",
    )


def incidents_by_channel(period: Period) -> Table:
    found = _incidents(period).values("channel").annotate(n=Count("pk")).order_by("-n", "channel")
    rows = [(CHANNEL_TITLES.get(r["channel"], humanise(r["channel"])), r["n"]) for r in found]
    return Table(
        "incidents_by_channel",
        "Incidents by channel",
        ["Channel", "Incidents"],
        list(rows),
        "Incidents",
    )


def incidents_by_month(period: Period) -> Table:
    counts: Counter[str] = Counter(
        timezone.localtime(at).strftime("%Y-%m")
        for at in _incidents(period).values_list("occurred_at", flat=True)
    )
    rows = [(month, counts.get(month, 0)) for month in months_between(period)]
    return Table(
        "incidents_by_month", "Incidents by month", ["Month", "Incidents"], list(rows), "Incidents"
    )


def _stage(case: Case) -> str:
    return "Under investigation" if case.assigned_to_id else "Waiting to be assigned"


def open_cases_by_stage(today: date) -> Table:
    grid: dict[str, Counter[str]] = {}
    for case in Case.objects.filter(status=Case.OPEN):
        age = (today - timezone.localtime(case.opened_at).date()).days
        grid.setdefault(_stage(case), Counter())[bucket(age, AGE_BUCKETS)] += 1
    labels = [label for _, label in AGE_BUCKETS]
    rows: list[tuple[Cell, ...]] = [
        (stage, *(grid[stage][label] for label in labels), sum(grid[stage].values()))
        for stage in sorted(grid)
    ]
    return Table(
        "open_cases",
        "Open cases by stage and age",
        ["Stage", *labels, "Total"],
        rows,
        chart="Total",
        note=f"As of {today.isoformat()}; age counts from when the case was opened.",
    )


def overdue(today: date) -> Table:
    rows: list[tuple[Any, ...]] = []
    for case in Case.objects.filter(status=Case.OPEN, due_on__lt=today).select_related("client"):
        rows.append(
            (
                "Investigation (decision due)",
                f"Case {case.pk}",
                case.client.reference if case.client else "Unknown caller",
                case.due_on.isoformat(),
                (today - case.due_on).days,
            )
        )
    for r in Restriction.objects.filter(
        status=Restriction.ACTIVE, review_on__lt=today
    ).select_related("client"):
        rows.append(
            (
                "Review of a restriction",
                f"Restriction {r.pk}",
                r.client.reference,
                r.review_on.isoformat(),
                (today - r.review_on).days,
            )
        )
    rows.sort(key=lambda row: -int(row[4]))
    kinds = Counter(str(row[0]) for row in rows)
    return Table(
        "overdue",
        "Overdue investigations and reviews",
        ["Kind", "Record", "Client", "Due", "Days overdue"],
        rows,
        note=f"As of {today.isoformat()}.",
        chart_rows=[(k, float(n)) for k, n in sorted(kinds.items())],
    )


def decisions_by_outcome(period: Period) -> Table:
    start, end = _bounds(period)
    counts: Counter[str] = Counter()
    for outcomes in Decision.objects.filter(decided_at__gte=start, decided_at__lte=end).values_list(
        "outcomes", flat=True
    ):
        counts.update(outcomes or [])
    rows = [(OUTCOME_TITLES.get(o, humanise(o)), n) for o, n in counts.most_common()]
    return Table(
        "decisions_by_outcome",
        "Decisions by outcome",
        ["Outcome", "Decisions"],
        list(rows),
        chart="Decisions",
        note="A decision with two outcomes counts once in each.",
    )


def active_restrictions(today: date) -> Table:
    rows: list[tuple[Any, ...]] = [
        (
            r.client.reference,
            r.starts_on.isoformat(),
            r.review_on.isoformat(),
            (r.review_on - today).days,
        )
        for r in Restriction.objects.filter(status=Restriction.ACTIVE, starts_on__lte=today)
        .select_related("client")
        .order_by("review_on", "pk")
    ]
    return Table(
        "active_restrictions",
        "Restrictions in force and when they end",
        ["Client", "Started", "Review date (ends unless renewed)", "Days left"],
        rows,
        note=f"As of {today.isoformat()}; a negative number means the review is overdue.",
    )


def repeat_clients(period: Period) -> Table:
    found = (
        _incidents(period)
        .filter(client__isnull=False)
        .values("client__reference")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .order_by("-n", "client__reference")
    )
    rows = [(r["client__reference"], r["n"]) for r in found]
    return Table(
        "repeat_clients",
        "Clients with more than one incident",
        ["Client", "Incidents"],
        list(rows),
        chart="Incidents",
    )


def time_to_decision(period: Period) -> Table:
    start, end = _bounds(period)
    days = []
    for d in Decision.objects.filter(decided_at__gte=start, decided_at__lte=end).annotate(
        first=Min("case__incidents__occurred_at")
    ):
        if d.first is not None:
            days.append(max(0, (d.decided_at - d.first).days))
    figures = summary(days)
    counts = Counter(bucket(n, DECISION_BUCKETS) for n in days)
    rows: list[tuple[Any, ...]] = [(label, counts.get(label, 0)) for _, label in DECISION_BUCKETS]
    return Table(
        "time_to_decision",
        "Time from incident to decision",
        ["Time taken", "Decisions"],
        rows,
        chart="Decisions",
        note=(
            f"{figures['count']} decision(s); median {figures['median']} days, "
            f"mean {figures['mean']} days, longest {figures['longest']} days "
            "(from the case's earliest incident)."
        ),
    )


def staff_wellbeing(period: Period, today: date) -> Table:
    incidents = _incidents(period)
    outstanding = SupportFollowUp.objects.filter(done_at__isnull=True)
    rows: list[tuple[Any, ...]] = [
        (
            "Staff members who recorded an incident",
            incidents.values("recorded_by").distinct().count(),
        ),
        ("Incidents where staff felt unsafe", incidents.filter(felt_unsafe=True).count()),
        ("Incidents where staff asked for support", incidents.filter(wants_support=True).count()),
        ("Support follow-ups outstanding now", outstanding.count()),
        (
            "Support follow-ups outstanding more than a week",
            sum(
                1
                for at in outstanding.values_list("created_at", flat=True)
                if (today - at.date()).days > 7
            ),
        ),
    ]
    return Table(
        "staff_wellbeing", "Staff affected and support", ["Measure", "Number"], rows, chart="Number"
    )


def screening(period: Period) -> Table | None:
    """Screening volume, flag rate, and flags confirmed or dismissed (needs correspondence)."""
    if not apps.is_installed("conduct.correspondence"):
        return None
    from conduct.correspondence.models import Communication, ScreeningResult

    start, end = _bounds(period)
    results = ScreeningResult.objects.filter(
        communication__occurred_at__gte=start, communication__occurred_at__lte=end
    )
    screened = results.count()
    flagged = results.filter(flagged=True)
    states = Counter(flagged.values_list("communication__review_state", flat=True))
    rows: list[tuple[Any, ...]] = [
        ("Written communications screened", screened),
        ("Flagged", flagged.count()),
        ("Flags confirmed (referred to Senior Management)", states.get(Communication.REFERRED, 0)),
        ("Flags dismissed as not abusive", states.get(Communication.DISMISSED, 0)),
        ("Flags awaiting review", states.get(Communication.PENDING, 0)),
    ]
    flag_rate = rate(flagged.count(), screened)
    confirmed = rate(states.get(Communication.REFERRED, 0), flagged.count())
    return Table(
        "screening",
        "Screening of written communications",
        ["Measure", "Number"],
        rows,
        chart="Number",
        note=(
            f"Flag rate {'n/a' if flag_rate is None else f'{flag_rate}%'}; "
            f"{'n/a' if confirmed is None else f'{confirmed}%'} of flags confirmed."
        ),
    )


def dashboard(period: Period, today: date | None = None) -> list[Table]:
    """Every metric, in the order the dashboard shows them."""
    day = today or timezone.localdate()
    tables = [
        incidents_by_category(period),
        incidents_by_channel(period),
        incidents_by_month(period),
        open_cases_by_stage(day),
        overdue(day),
        decisions_by_outcome(period),
        active_restrictions(day),
        repeat_clients(period),
        time_to_decision(period),
        staff_wellbeing(period, day),
    ]
    screened = screening(period)
    if screened is not None:
        tables.append(screened)
    for table in (client_requests(period, day), open_requests(day)):
        if table is not None:
            tables.append(table)
    return tables
