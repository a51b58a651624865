"""Reading casework: markers, the queue (the client timeline is in ``timeline``). Nothing here
writes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from conduct.casework import wording
from conduct.casework.models import (
    Case,
    ClientWarning,
    Decision,
    Incident,
    Restriction,
    Review,
)
from conduct.casework.rules import Outcome
from conduct.casework.services.common import today
from conduct.casework.timeline import TimelineEntry as TimelineEntry
from conduct.casework.timeline import restriction_fact, warning_fact
from conduct.casework.timeline import restriction_summary as restriction_summary
from conduct.casework.timeline import timeline_for as timeline_for
from conduct.policy.document import OUTCOME_TITLES


def active_warnings(client_id: int, on: date | None = None) -> QuerySet[ClientWarning]:
    """Warnings in force: backed by a record, not expired, not ended by a review."""
    return ClientWarning.objects.in_force(on or today()).filter(client_id=client_id)


def active_restrictions(client_id: int, on: date | None = None) -> QuerySet[Restriction]:
    return _restrictions_in_force(on or today()).filter(client_id=client_id)


def _restrictions_in_force(day: date) -> QuerySet[Restriction]:
    return Restriction.objects.filter(
        status=Restriction.ACTIVE, starts_on__lte=day, review_on__gt=day
    ).select_related("single_contact")


def marker_for(client_id: int, on: date | None = None) -> wording.Marker | None:
    """What staff must see about this client now, or None."""
    return markers_for([client_id], on)[client_id]


def markers_for(
    client_ids: Iterable[int], on: date | None = None
) -> dict[int, wording.Marker | None]:
    """Markers for many clients (a page of a list) in three queries, whatever their number."""
    day = on or today()
    ids = list(client_ids)
    warnings: dict[int, list[wording.WarningFact]] = defaultdict(list)
    for w in ClientWarning.objects.in_force(day).filter(client_id__in=ids):
        warnings[w.client_id].append(warning_fact(w))
    restrictions: dict[int, list[wording.RestrictionFact]] = defaultdict(list)
    for r in _restrictions_in_force(day).filter(client_id__in=ids):
        restrictions[r.client_id].append(restriction_fact(r))
    ended = Review.objects.filter(
        decision=OuterRef("pk"), subject=Review.TERMINATION, outcome__in=("end", "vary")
    )
    terminated: dict[int, date] = {}
    # JSON "contains" is not portable to SQLite; a client has few decisions.
    for d in (
        Decision.objects.filter(client_id__in=ids, decided_at__date__lte=day)
        .annotate(ended=Exists(ended))
        .only("client_id", "outcomes", "decided_at")
    ):
        if Outcome.TERMINATE_ENGAGEMENT in d.outcomes and not d.ended:
            decided = timezone.localdate(d.decided_at)
            terminated[d.client_id] = max(decided, terminated.get(d.client_id, decided))
    return {
        pk: wording.build_marker(warnings[pk], restrictions[pk], terminated.get(pk)) for pk in ids
    }


def unfinished_calls(user: Any) -> list[dict[str, Any]]:
    """Live calls whose record is not finished: a member of staff's own, or (for senior
    managers) everyone's, each with when it is referred without them."""
    from conduct.casework.access import is_manager
    from conduct.casework.services.calls import referral_due

    live = Incident.objects.filter(status=Incident.LIVE).select_related("client", "recorded_by")
    if not is_manager(user):
        live = live.filter(recorded_by_id=user.pk)
    return [
        {"incident": i, "referred_at": referral_due(i), "mine": i.recorded_by_id == user.pk}
        for i in live.order_by("occurred_at")
    ]


@dataclass(frozen=True)
class History:
    """A client's casework before this case, at a glance."""

    earlier_incidents: int
    warnings_in_force: int
    decisions: tuple[str, ...]  # earlier decisions' outcomes in words, newest first

    @property
    def first_time(self) -> bool:
        return not (self.earlier_incidents or self.warnings_in_force or self.decisions)

    @property
    def lines(self) -> tuple[str, str, str]:
        """The history in three lines of words (the queue shows one list per case)."""
        n, w, d = self.earlier_incidents, self.warnings_in_force, len(self.decisions)
        return (
            f"{n} earlier incident{_plural(n)}",
            f"{w} warning{_plural(w)} in force" if w else "No warning in force",
            f"{d} earlier decision{_plural(d)} (latest: {self.decisions[0]})"
            if d
            else "No earlier decision",
        )


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def histories(cases: Iterable[Case]) -> dict[int, History]:
    """Each case's client history (earlier incidents, warnings in force, decisions), in
    three queries for the whole list."""
    rows = [(c, c.client_id) for c in cases if c.client_id is not None]
    client_ids = {client_id for _, client_id in rows}
    incidents: dict[int, list[tuple[int | None, datetime]]] = defaultdict(list)
    for client_id, case_id, occurred in Incident.objects.filter(
        client_id__in=client_ids, status=Incident.RECORDED
    ).values_list("client_id", "case_id", "occurred_at"):
        incidents[client_id].append((case_id, occurred))
    warnings: dict[int, int] = defaultdict(int)
    for client_id in (
        ClientWarning.objects.in_force(today())
        .filter(client_id__in=client_ids)
        .values_list("client_id", flat=True)
    ):
        warnings[client_id] += 1
    decisions: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for client_id, case_id, outcomes in (
        Decision.objects.filter(client_id__in=client_ids)
        .order_by("-decided_at")
        .values_list("client_id", "case_id", "outcomes")
    ):
        words = ", ".join(OUTCOME_TITLES.get(o, o) for o in outcomes)
        decisions[client_id].append((case_id, words))
    return {
        c.pk: History(
            earlier_incidents=len(
                [1 for case_id, at in incidents[client_id] if case_id != c.pk and at < c.opened_at]
            ),
            warnings_in_force=warnings[client_id],
            decisions=tuple(w for case_id, w in decisions[client_id] if case_id != c.pk),
        )
        for c, client_id in rows
    }


def queue() -> QuerySet[Case]:
    """Open cases, oldest first."""
    return (
        Case.objects.filter(status=Case.OPEN)
        .select_related("client", "assigned_to")
        .order_by("opened_at", "pk")
    )


def marker_text(client_id: int) -> str | None:
    """The marker as one sentence, for the API's client representation."""
    return marker_texts([client_id])[client_id]


def marker_texts(client_ids: Iterable[int]) -> dict[int, str | None]:
    """``marker_text`` for many clients at once (a page of the API's list)."""
    return {
        pk: f"{m.headline}: {m.text}" if m else None for pk, m in markers_for(client_ids).items()
    }
