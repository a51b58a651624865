"""Opening a case on a client's demands, and logging staff time against a client."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework.services import IncidentDetails, record_incident
from conduct.clients.models import Client
from conduct.core.refusals import Refused
from conduct.correspondence import aggregates
from conduct.correspondence import demand_rules as dr
from conduct.correspondence.models import TimeEntry

if TYPE_CHECKING:
    from conduct.casework.models import Incident


def _categories(figures: dr.Figures, t: dr.Thresholds) -> list[str]:
    categories = ["excessive_correspondence"]
    if figures.information_requests >= t.information_requests:
        categories.append("excessive_information")
    if figures.staff_minutes >= t.staff_minutes:
        categories.append("excessive_time_resources")
    return categories


def open_demand_case(
    client: Client,
    *,
    figures: dr.Figures,
    org: dr.Distribution,
    thresholds: dr.Thresholds,
    note: str = "",
    actor: Any,
) -> Incident:
    """Refer a client's demands to Senior Management: records an incident (which opens a
    case) whose description cites the figures and the policy's persistence reminder.

    Refuses (RuleViolation, from casework) users who may not record incidents.
    """
    what = dr.summary(figures, org, thresholds.period_days)
    if note.strip():
        what += f"\n\nNote from {actor.get_username()}: {note.strip()[:2000]}"
    what += f"\n\nReminder: {dr.PERSISTENCE_REMINDER}"
    with transaction.atomic():
        incident = record_incident(
            IncidentDetails(
                channel="other",
                occurred_at=timezone.now(),
                categories=_categories(figures, thresholds),
                what_happened=what,
                client=client,
                staff_actions=["refer_to_smt"],
            ),
            actor=actor,
        )
        record_event(
            "correspondence.demand.case_opened",
            actor=actor,
            target=client,
            client_id=client.pk,
            payload={
                "reference": client.reference,
                "incident_id": incident.pk,
                "case_id": incident.case_id,
                "per_week": round(figures.per_week, 2),
                "org_p99": org.p99,
            },
        )
    return incident


def log_staff_time(
    client: Client, *, on: date, minutes: int, note: str = "", actor: Any
) -> TimeEntry:
    """Record staff time spent on a client. Refuses 0 or more than a day."""
    if not 0 < minutes <= 24 * 60:
        raise Refused("Give the time in minutes, between 1 and 1440.", rule="time_minutes")
    with transaction.atomic():
        entry = TimeEntry.objects.create(
            client=client, staff=actor, on=on, minutes=minutes, note=note.strip()[:300]
        )
        aggregates.time_logged([entry])
        record_event(
            "correspondence.time.logged",
            actor=actor,
            target=entry,
            client_id=client.pk,
            payload={"reference": client.reference, "minutes": minutes},
        )
    return entry


def rebuild_demand(*, actor: Any) -> dict[str, int]:
    """Recompute the demand figures from every communication and time entry."""
    with transaction.atomic():
        counts = aggregates.rebuild()
        record_event("correspondence.demand.rebuilt", actor=actor, target=None, payload={**counts})
    return counts
