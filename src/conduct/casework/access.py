"""The one way views and the API fetch casework records for a user.

Staff see the incidents they recorded; senior managers see everything.
Anyone else gets 403 (no role) or 404 (not theirs), never the record.

``get_..._for_user`` is a read: it records one view event with the door the
read came through. ``get_..._for_change`` checks the same access before a
change and records nothing (the service function writes the change's event).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from conduct.audit.reads import Door, record_view
from conduct.casework import queries
from conduct.casework.models import (
    Case,
    Decision,
    Evidence,
    Incident,
    Restriction,
    SupportFollowUp,
)
from conduct.clients.access import get_client_for_change

MANAGE = "casework.view_case"


def is_manager(user: Any) -> bool:
    return bool(user.has_perm(MANAGE))


def get_incident_for_user(user: Any, pk: int | str, *, door: Door) -> Incident:
    incident = get_incident_for_change(user, pk)
    record_view(
        "casework.incident.viewed",
        actor=user,
        door=door,
        target=incident,
        client_id=incident.client_id,
        payload={"incident_id": incident.pk},
    )
    return incident


def get_incident_for_change(user: Any, pk: int | str) -> Incident:
    if not user.has_perm("casework.view_incident"):
        raise PermissionDenied("Your role does not allow access to incidents.")
    try:
        incident = Incident.objects.select_related("client", "recorded_by", "case").get(pk=int(pk))
    except (Incident.DoesNotExist, ValueError, TypeError):
        raise Http404("No such incident.") from None
    if not is_manager(user) and incident.recorded_by_id != user.pk:
        raise Http404("No such incident.")
    return incident


def get_case_for_user(user: Any, pk: int | str, *, door: Door) -> Case:
    return record_case_viewed(user, get_case_for_change(user, pk), door=door)


def record_case_viewed(user: Any, case: Case, *, door: Door) -> Case:
    """Record the read of a case already fetched with ``get_case_for_change``."""
    record_view(
        "casework.case.viewed",
        actor=user,
        door=door,
        target=case,
        client_id=case.client_id,
        payload={"case_id": case.pk},
    )
    return case


def get_case_for_change(user: Any, pk: int | str) -> Case:
    if not is_manager(user):
        raise PermissionDenied("Only senior managers handle cases.")
    try:
        return Case.objects.select_related("client", "assigned_to").get(pk=int(pk))
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case.") from None


def get_restriction_for_user(user: Any, pk: int | str, *, door: Door) -> Restriction:
    restriction = get_restriction_for_change(user, pk)
    record_view(
        "casework.restriction.viewed",
        actor=user,
        door=door,
        target=restriction,
        client_id=restriction.client_id,
        payload={"restriction_id": restriction.pk},
    )
    return restriction


def get_restriction_for_change(user: Any, pk: int | str) -> Restriction:
    if not is_manager(user):
        raise PermissionDenied("Only senior managers review restrictions.")
    try:
        return Restriction.objects.select_related(
            "client", "decision__decided_by", "single_contact"
        ).get(pk=int(pk))
    except (Restriction.DoesNotExist, ValueError, TypeError):
        raise Http404("No such restriction.") from None


def get_decision_for_user(user: Any, pk: int | str, *, door: Door) -> Decision:
    decision = get_decision_for_change(user, pk)
    record_view(
        "casework.decision.viewed",
        actor=user,
        door=door,
        target=decision,
        client_id=decision.client_id,
        payload={"case_id": decision.case_id},
    )
    return decision


def get_decision_for_change(user: Any, pk: int | str) -> Decision:
    if not is_manager(user):
        raise PermissionDenied("Only senior managers review decisions.")
    try:
        return Decision.objects.select_related("client", "case", "decided_by").get(pk=int(pk))
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise Http404("No such decision.") from None


def get_evidence_for_user(user: Any, pk: int | str) -> Evidence:
    """The evidence item if ``user`` may have it; its download records the read
    (``conduct.casework.downloads.evidence_response``), since only a served file is read."""
    try:
        item = Evidence.objects.get(pk=int(pk))
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404("No such file.") from None
    if is_manager(user):
        return item
    if item.incident_id is not None:
        get_incident_for_change(user, item.incident_id)
        return item
    raise Http404("No such file.")


def get_support_for_change(user: Any, pk: int | str) -> SupportFollowUp:
    if not user.has_perm("casework.change_supportfollowup"):
        raise PermissionDenied("Only senior managers handle support follow-ups.")
    try:
        return SupportFollowUp.objects.get(pk=int(pk))
    except (SupportFollowUp.DoesNotExist, ValueError, TypeError):
        raise Http404("No such follow-up.") from None


def timeline_for_user(
    user: Any, client_pk: int | str, *, door: Door
) -> list[queries.TimelineEntry]:
    """A client's conduct timeline as ``user`` may see it, recording the read."""
    client = get_client_for_change(user, client_pk)
    entries = queries.timeline_for(client.pk, user)
    record_view(
        "casework.timeline.viewed",
        actor=user,
        door=door,
        target=client,
        client_id=client.pk,
        payload={"reference": client.reference},
    )
    return entries
