"""A client's casework records, read once: the timeline and the marker built from them.

``load(client_id)`` reads every kind of record about the client (one query each);
``ClientRecords.timeline`` lists them for a viewer and ``ClientRecords.marker`` says what is
in force on a day, with the same rules as ``queries.markers_for``, so that a page showing
both (the client page) reads the warnings, restrictions and decisions once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

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
from conduct.casework.review_rules import termination_ended_by, warning_in_force
from conduct.casework.rules import Outcome
from conduct.casework.services.common import current_policy, display_name, today
from conduct.policy.document import CHANNEL_TITLES, OUTCOME_TITLES


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


def restriction_summary(r: Restriction) -> str:
    return wording.restriction_sentence(restriction_fact(r))


def warning_fact(w: ClientWarning) -> wording.WarningFact:
    return wording.WarningFact(
        kind=w.kind, given_on=w.given_on, active_until=w.active_until, about=w.about
    )


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


@dataclass(frozen=True)
class ClientRecords:
    """Every casework record about one client, as read by ``load``."""

    incidents: list[Incident]
    warnings: list[ClientWarning]
    cases: list[Case]
    notes: list[CaseNote]
    decisions: list[Decision]
    restrictions: list[Restriction]
    reviews: list[Review]
    referrals: list[PoliceReferral]

    def marker(self, on: date | None = None) -> wording.Marker | None:
        """What staff must see about the client on ``on`` (today): ``queries.marker_for``
        from these rows, without asking the database again."""
        day = on or today()
        warnings = [
            warning_fact(w)
            for w in self.warnings
            if (w.incident_id is not None or w.decision_id is not None)
            and warning_in_force(
                given_on=w.given_on, active_until=w.active_until, ended_on=w.ended_on, today=day
            )
        ]
        restrictions = [
            restriction_fact(r)
            for r in self.restrictions
            if r.status == Restriction.ACTIVE and r.starts_on <= day < r.review_on
        ]
        ending: dict[int, list[str]] = defaultdict(list)
        for v in self.reviews:
            if v.subject == Review.TERMINATION:
                ending[v.decision_id].append(v.outcome)
        terminated: date | None = None
        for d in self.decisions:
            decided = timezone.localdate(d.decided_at)
            if (
                decided <= day
                and Outcome.TERMINATE_ENGAGEMENT in d.outcomes
                and not termination_ended_by(ending[d.pk])
            ):
                terminated = decided if terminated is None else max(terminated, decided)
        return wording.build_marker(warnings, restrictions, terminated)

    def timeline(self, viewer: Any = None) -> list[TimelineEntry]:
        """Every record, oldest first, each linked to its page where ``viewer`` may open
        that page (every link when no viewer is given)."""
        links = _Links(viewer)
        entries: list[TimelineEntry] = []
        policy: Any = current_policy() if self.incidents else None
        for i in self.incidents:
            entries.append(
                TimelineEntry(
                    i.occurred_at,
                    "incident",
                    f"Incident on {CHANNEL_TITLES.get(i.channel, i.channel).lower()}",
                    f"{_behaviour(policy, i.categories)}; recorded by {_by_name(i.recorded_by)}",
                    links.incident(i.pk, i.recorded_by_id),
                )
            )
        for w in self.warnings:
            entries.append(_warning_entry(w, links))
        for c in self.cases:
            entries.append(
                TimelineEntry(
                    c.opened_at,
                    "case",
                    f"Referred to Senior Management (case {c.pk})",
                    f"Decision due by {wording.long_date(c.due_on)}",
                    links.managed(f"/casework/cases/{c.pk}/"),
                )
            )
        for n in self.notes:
            entries.append(
                TimelineEntry(
                    n.created_at,
                    "case",
                    "Investigation note",
                    f"By {_by_name(n.author)}",
                    links.managed(f"/casework/cases/{n.case_id}/"),
                )
            )
        for d in self.decisions:
            entries.append(
                TimelineEntry(
                    d.decided_at,
                    "decision",
                    "Decision: " + ", ".join(OUTCOME_TITLES.get(o, o) for o in d.outcomes),
                    f"Decided by {_by_name(d.decided_by)}",
                    links.managed(f"/casework/cases/{d.case_id}/"),
                )
            )
        for r in self.restrictions:
            entries.extend(_restriction_entries(r, links))
        for v in self.reviews:
            entries.append(_review_entry(v, links))
        for p in self.referrals:
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


def _warning_entry(w: ClientWarning, links: _Links) -> TimelineEntry:
    if w.incident is not None:
        url = links.incident(w.incident.pk, w.incident.recorded_by_id)
        made: datetime | None = w.incident.occurred_at
    elif w.decision is not None:
        url = links.managed(f"/casework/cases/{w.decision.case_id}/")
        made = w.decision.decided_at
    else:
        url, made = "", None
    return TimelineEntry(
        _on(w.given_on, made),
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


def _restriction_entries(r: Restriction, links: _Links) -> list[TimelineEntry]:
    url = links.managed(f"/casework/restrictions/{r.pk}/")
    entries = [
        TimelineEntry(
            _on(r.starts_on, r.decision.decided_at),
            "restriction",
            "Contact restriction starts",
            restriction_summary(r),
            url,
        )
    ]
    if r.status == Restriction.LAPSED and r.ended_on:
        entries.append(
            TimelineEntry(
                _start_of(r.ended_on),
                "restriction",
                "Contact restriction lapsed at its review date",
                "",
                url,
            )
        )
    return entries


def _review_entry(v: Review, links: _Links) -> TimelineEntry:
    return TimelineEntry(
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


def load(client_id: int) -> ClientRecords:
    """Every casework record about the client: one query per kind of record."""
    return ClientRecords(
        incidents=list(
            Incident.objects.filter(client_id=client_id, status=Incident.RECORDED).select_related(
                "recorded_by"
            )
        ),
        warnings=list(
            ClientWarning.objects.filter(client_id=client_id).select_related("incident", "decision")
        ),
        cases=list(Case.objects.filter(client_id=client_id).exclude(status=Case.MERGED)),
        notes=list(CaseNote.objects.filter(case__client_id=client_id).select_related("author")),
        decisions=list(Decision.objects.filter(client_id=client_id).select_related("decided_by")),
        restrictions=list(
            Restriction.objects.filter(client_id=client_id).select_related(
                "single_contact", "decision"
            )
        ),
        reviews=list(
            Review.objects.filter(decision__client_id=client_id).select_related("reviewer")
        ),
        referrals=list(PoliceReferral.objects.filter(client_id=client_id)),
    )


def timeline_for(client_id: int, viewer: Any = None) -> list[TimelineEntry]:
    """Every casework record about the client, oldest first, linked for ``viewer``."""
    return load(client_id).timeline(viewer)
