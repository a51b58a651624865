"""Reading casework: markers, the client timeline, the queue. Nothing here writes."""

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
    CaseNote,
    ClientWarning,
    Decision,
    Incident,
    PoliceReferral,
    Restriction,
    Review,
)
from conduct.casework.rules import Outcome
from conduct.casework.services.common import current_policy, display_name, today
from conduct.policy.document import CHANNEL_TITLES, OUTCOME_TITLES


def active_warnings(client_id: int, on: date | None = None) -> QuerySet[ClientWarning]:
    """Warnings in force: backed by a record, not expired, not ended by a review."""
    return ClientWarning.objects.in_force(on or today()).filter(client_id=client_id)


def active_restrictions(client_id: int, on: date | None = None) -> QuerySet[Restriction]:
    return _restrictions_in_force(on or today()).filter(client_id=client_id)


def _restrictions_in_force(day: date) -> QuerySet[Restriction]:
    return Restriction.objects.filter(
        status=Restriction.ACTIVE, starts_on__lte=day, review_on__gt=day
    ).select_related("single_contact")


def restriction_fact(r: Restriction) -> wording.RestrictionFact:
    return wording.RestrictionFact(
        review_on=r.review_on,
        channels_allowed=tuple(r.channels_allowed),
        channel_titles=tuple(CHANNEL_TITLES.get(c, c) for c in r.channels_allowed),
        single_contact=display_name(r.single_contact),
        set_times=r.set_times,
        max_call_minutes=r.max_call_minutes,
        no_visits=r.no_visits,
        representative_only=r.representative_only,
        representative_name=r.representative_name,
    )


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
        warnings[w.client_id].append(
            wording.WarningFact(
                kind=w.kind, given_on=w.given_on, active_until=w.active_until, about=w.about
            )
        )
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


def restriction_summary(r: Restriction) -> str:
    return wording.restriction_sentence(restriction_fact(r))


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    title: str
    detail: str
    url: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


KIND_LABELS = {
    "incident": "Incident",
    "case": "Senior Management",
    "warning": "Warning",
    "decision": "Decision",
    "restriction": "Restriction",
    "review": "Review",
    "police_referral": "Police referral",
}


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _on(day: date, stamp: datetime | None) -> datetime:
    """A dated record's place in time: when it was made, if that was on its date."""
    if stamp is not None and timezone.localdate(stamp) == day:
        return stamp
    return _start_of(day)


def _by_name(user: Any) -> str:
    return display_name(user) or "system"


class _Links:
    """The pages a viewer may open: staff their own incidents; senior managers everything."""

    def __init__(self, viewer: Any) -> None:
        from conduct.casework.access import is_manager

        self.viewer_id = getattr(viewer, "pk", None)
        self.manager = viewer is None or is_manager(viewer)

    def incident(self, pk: int, recorded_by_id: int) -> str:
        if self.manager or recorded_by_id == self.viewer_id:
            return f"/casework/incidents/{pk}/"
        return ""

    def managed(self, url: str) -> str:
        return url if self.manager else ""


def _behaviour(policy: Any, categories: list[str]) -> str:
    titles = [policy.category(c).title for c in categories if policy.has_category(c)]
    return "; ".join(titles) or "behaviour not recorded yet"


def timeline_for(client_id: int, viewer: Any = None) -> list[TimelineEntry]:
    """Every casework record about the client, oldest first, each linked to its page
    where ``viewer`` may open that page (every link when no viewer is given)."""
    links = _Links(viewer)
    entries: list[TimelineEntry] = []
    policy: Any = None
    for i in Incident.objects.filter(client_id=client_id, status=Incident.RECORDED).select_related(
        "recorded_by"
    ):
        if policy is None:  # once for all the incidents, not at all without any
            policy = current_policy()
        entries.append(
            TimelineEntry(
                i.occurred_at,
                "incident",
                f"Incident on {CHANNEL_TITLES.get(i.channel, i.channel).lower()}",
                f"{_behaviour(policy, i.categories)}; recorded by {_by_name(i.recorded_by)}",
                links.incident(i.pk, i.recorded_by_id),
            )
        )
    warnings = ClientWarning.objects.filter(client_id=client_id).select_related(
        "incident", "decision"
    )
    for w in warnings:
        if w.incident is not None:
            url = links.incident(w.incident.pk, w.incident.recorded_by_id)
        elif w.decision is not None:
            url = links.managed(f"/casework/cases/{w.decision.case_id}/")
        else:
            url = ""
        entries.append(
            TimelineEntry(
                _on(
                    w.given_on,
                    w.incident.occurred_at
                    if w.incident
                    else w.decision.decided_at
                    if w.decision
                    else None,
                ),
                "warning",
                f"{w.get_kind_display()} warning",
                f"About {w.about}; "
                + (
                    f"ended on review on {wording.long_date(w.ended_on)}"
                    if w.ended_on
                    else f"in force until {wording.long_date(w.active_until)}"
                ),
                url,
            )
        )
    for c in Case.objects.filter(client_id=client_id).exclude(status=Case.MERGED):
        entries.append(
            TimelineEntry(
                c.opened_at,
                "case",
                f"Referred to Senior Management (case {c.pk})",
                f"Decision due by {wording.long_date(c.due_on)}",
                links.managed(f"/casework/cases/{c.pk}/"),
            )
        )
    for n in CaseNote.objects.filter(case__client_id=client_id).select_related("author"):
        entries.append(
            TimelineEntry(
                n.created_at,
                "case",
                "Investigation note",
                f"By {_by_name(n.author)}",
                links.managed(f"/casework/cases/{n.case_id}/"),
            )
        )
    for d in Decision.objects.filter(client_id=client_id).select_related("decided_by"):
        entries.append(
            TimelineEntry(
                d.decided_at,
                "decision",
                "Decision: " + ", ".join(OUTCOME_TITLES.get(o, o) for o in d.outcomes),
                f"Decided by {_by_name(d.decided_by)}",
                links.managed(f"/casework/cases/{d.case_id}/"),
            )
        )
    restrictions = Restriction.objects.filter(client_id=client_id).select_related(
        "single_contact", "decision"
    )
    for r in restrictions:
        entries.append(
            TimelineEntry(
                _on(r.starts_on, r.decision.decided_at),
                "restriction",
                "Contact restriction starts",
                restriction_summary(r),
                links.managed(f"/casework/restrictions/{r.pk}/"),
            )
        )
        if r.status == Restriction.LAPSED and r.ended_on:
            entries.append(
                TimelineEntry(
                    _start_of(r.ended_on),
                    "restriction",
                    "Contact restriction lapsed at its review date",
                    "",
                    links.managed(f"/casework/restrictions/{r.pk}/"),
                )
            )
    for v in Review.objects.filter(decision__client_id=client_id).select_related("reviewer"):
        entries.append(
            TimelineEntry(
                v.reviewed_at,
                "review",
                f"Review of the {v.get_subject_display().lower()}: {v.get_outcome_display().lower()}",
                f"By {_by_name(v.reviewer)}"
                + (" at the client's request" if v.requested_by_client else ""),
                links.managed(
                    f"/casework/restrictions/{v.restriction_id}/"
                    if v.restriction_id
                    else f"/casework/decisions/{v.decision_id}/reviews/"
                ),
            )
        )
    for p in PoliceReferral.objects.filter(client_id=client_id):
        entries.append(
            TimelineEntry(
                _on(p.referred_on, p.recorded_at),
                "police_referral",
                f"Police referral to {p.force}",
                f"Crime reference {p.crime_reference or 'not yet given'}",
                links.managed(f"/casework/cases/{p.case_id}/") if p.case_id else "",
            )
        )
    entries.sort(key=lambda e: e.at)
    return entries


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
