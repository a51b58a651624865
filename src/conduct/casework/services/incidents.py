"""Recording incidents, the live-call guide, and evidence. One audit event each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework import rules
from conduct.casework.models import (
    Case,
    ClientWarning,
    Evidence,
    Incident,
    IncidentRevision,
    SupportFollowUp,
)
from conduct.casework.services import evidence as store
from conduct.casework.services.common import (
    current_policy,
    current_version_id,
    roles_of,
    setting,
    today,
)
from conduct.clients.models import Client
from conduct.core.workdays import add_working_days
from conduct.notifications.services import notify_senior_managers

EDITABLE = (
    "channel",
    "occurred_at",
    "categories",
    "what_happened",
    "verbatim_words",
    "staff_actions",
    "warning_given",
    "client_response",
    "witnesses",
    "felt_unsafe",
    "wants_support",
    "wellbeing_note",
    "caller_number",
    "caller_address",
)


@dataclass
class IncidentDetails:
    channel: str
    occurred_at: datetime
    categories: list[str]
    what_happened: str
    client: Client | None = None
    caller_number: str = ""
    caller_address: str = ""
    verbatim_words: str = ""
    staff_actions: list[str] = field(default_factory=list)
    warning_given: bool = False
    client_response: str = ""
    witnesses: str = ""
    felt_unsafe: bool = False
    wants_support: bool = False
    wellbeing_note: str = ""


def check_details(details: IncidentDetails, actor: Any) -> None:
    policy = current_policy()
    rules.check_may_record(roles_of(actor))
    rules.check_incident(
        categories=details.categories,
        known_categories=[c.id for c in policy.categories],
        channel=details.channel,
        known_channels=policy.channels,
        staff_actions=details.staff_actions,
        known_staff_rights=[r.id for r in policy.staff_rights],
        what_happened=details.what_happened,
        has_client=details.client is not None,
        caller_details=details.caller_number + details.caller_address,
        occurred_at=details.occurred_at,
        now=timezone.now(),
    )


def _about(categories: list[str]) -> str:
    policy = current_policy()
    return rules.warning_about(
        policy.category(c).title for c in categories if policy.has_category(c)
    )


def _verbal_warning(incident: Incident) -> ClientWarning | None:
    if not incident.warning_given or incident.client is None:
        return None
    given_on = timezone.localdate(incident.occurred_at)
    return ClientWarning.objects.create(
        client=incident.client,
        kind=ClientWarning.VERBAL,
        incident=incident,
        given_on=given_on,
        active_until=rules.add_months(given_on, setting("CASEWORK_WARNING_MONTHS")),
        about=_about(incident.categories),
        given_by=incident.recorded_by,
    )


def refer_incident(incident: Incident, actor: Any) -> dict[str, Any]:
    """Refer a just-recorded incident: open its case, keep any warning, ask about support."""
    case = Case.objects.create(
        client=incident.client,
        opened_at=timezone.now(),
        due_on=add_working_days(today(), setting("CASEWORK_SLA_WORKING_DAYS")),
    )
    incident.case = case
    incident.save(update_fields=["case"])
    warning = _verbal_warning(incident)
    support = None
    if incident.wants_support:
        support = SupportFollowUp.objects.create(
            incident=incident, staff_member=incident.recorded_by, created_at=timezone.now()
        )
    who = incident.client.reference if incident.client else "an unknown caller"
    notify_senior_managers(
        key=f"incident-referred-{incident.pk}",
        text=f"Incident {incident.pk} about {who} was referred to Senior Management.",
        url=f"/casework/cases/{case.pk}/",
    )
    if support is not None:
        notify_senior_managers(
            key=f"support-{support.pk}",
            text=f"A member of staff asked for support after incident {incident.pk}.",
            url="/casework/support/",
        )
    return {
        "incident_id": incident.pk,
        "case_id": case.pk,
        "categories": ", ".join(incident.categories),
        "channel": incident.channel,
        "warning_id": warning.pk if warning else None,
        "support_requested": incident.wants_support,
        "police_referral_suggested": rules.police_referral_suggested(incident.categories),
    }


def apply_details(incident: Incident, details: IncidentDetails) -> None:
    for name in EDITABLE:
        setattr(incident, name, getattr(details, name))


def store_incident(details: IncidentDetails, *, actor: Any) -> tuple[Incident, dict[str, Any]]:
    """Record an incident and refer it (opens a case) without an audit event of its own.

    For a service that records an incident as part of a larger change: it writes
    the one event, carrying the returned details. Call it inside that change's
    transaction. Refuses what ``record_incident`` refuses.
    """
    check_details(details, actor)
    with transaction.atomic():
        incident = Incident(
            client=details.client,
            recorded_by=actor,
            recorded_at=timezone.now(),
            policy_version_id=current_version_id(),
        )
        apply_details(incident, details)
        incident.save()
        return incident, refer_incident(incident, actor)


def record_incident(details: IncidentDetails, *, actor: Any) -> Incident:
    """Record an incident and refer it to Senior Management (opens a case).

    Refuses (RuleViolation) a user who is not staff or a senior manager, no
    category, an unknown channel, no description, or no client and no caller details.
    """
    with transaction.atomic():
        incident, payload = store_incident(details, actor=actor)
        record_event(
            "casework.incident.recorded",
            actor=actor,
            target=incident,
            client_id=incident.client_id,
            payload={**payload, "via": "form"},
        )
    return incident


def _snapshot(incident: Incident) -> dict[str, Any]:
    data = {name: getattr(incident, name) for name in EDITABLE}
    data["occurred_at"] = incident.occurred_at.isoformat()
    return data


def edit_incident(
    incident: Incident,
    details: IncidentDetails,
    *,
    actor: Any,
    expected_version: int,
    reason: str = "",
) -> Incident:
    """Change an incident, keeping the previous text as a revision. Refuses a stale version."""
    if details.client is None:
        details.client = incident.client
    check_details(details, actor)
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if locked.status != Incident.RECORDED:
            raise rules.RuleViolation("incident_editable", "Finish the live-call record first.")
        if locked.version != expected_version:
            raise rules.RuleViolation(
                "no_lost_edits",
                "This incident was changed by someone else while you were editing it; "
                "your changes were not saved. Review the current record and edit again.",
            )
        number = locked.revisions.count() + 1
        IncidentRevision.objects.create(
            incident=locked,
            number=number,
            snapshot=_snapshot(locked),
            changed_by=actor,
            changed_at=timezone.now(),
            reason=reason[:300],
        )
        asked_before = locked.wants_support
        apply_details(locked, details)
        locked.version += 1
        locked.save()
        if locked.warning_given and not locked.warnings.exists():
            _verbal_warning(locked)
        if locked.wants_support and not asked_before and not locked.support_items.exists():
            SupportFollowUp.objects.create(
                incident=locked, staff_member=locked.recorded_by, created_at=timezone.now()
            )
        record_event(
            "casework.incident.edited",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={"incident_id": locked.pk, "revision": number, "reason": reason[:300]},
        )
    return locked


def link_incident(incident: Incident, client: Client, *, actor: Any) -> Incident:
    """Attach an unknown caller's incident to the client it turned out to be."""
    rules.check_may_record(roles_of(actor))
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if locked.client_id is not None:
            raise rules.RuleViolation(
                "link_unknown_caller", "This incident is already linked to a client."
            )
        locked.client = client
        locked.version += 1
        locked.save(update_fields=["client", "version"])
        case = locked.case
        if case is not None and case.client_id is None:
            Case.objects.filter(pk=case.pk).update(client=client)
        if locked.status == Incident.RECORDED:
            _verbal_warning(locked)
        record_event(
            "casework.incident.linked",
            actor=actor,
            target=locked,
            client_id=client.pk,
            payload={"incident_id": locked.pk, "reference": client.reference},
        )
    return locked


def store_evidence(
    stream: IO[bytes],
    name: str,
    *,
    actor: Any,
    incident: Incident | None = None,
    case: Case | None = None,
) -> tuple[Evidence, dict[str, Any]]:
    """Store a file as evidence without an audit event of its own (see ``store_incident``).

    Refuses (EvidenceRefused) too large or not allowed types.
    """
    sha256, size, content_type = store.store(stream)
    item = Evidence.objects.create(
        incident=incident,
        case=case,
        sha256=sha256,
        size=size,
        content_type=content_type,
        original_name=(name or "evidence").replace("/", "_").replace("\\", "_")[:200],
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    return item, {
        "name": item.original_name,
        "sha256": sha256,
        "sha256_short": sha256[:12],
        "size": size,
        "content_type": content_type,
        "attached_to": f"incident {incident.pk}"
        if incident
        else f"case {case.pk if case else '?'}",
    }


def add_evidence(
    stream: IO[bytes],
    name: str,
    *,
    actor: Any,
    incident: Incident | None = None,
    case: Case | None = None,
) -> Evidence:
    """Store a file as evidence. Refuses (EvidenceRefused) too large or not allowed types."""
    with transaction.atomic():
        item, payload = store_evidence(stream, name, actor=actor, incident=incident, case=case)
        owner = incident if incident is not None else case
        record_event(
            "casework.evidence.added",
            actor=actor,
            target=item,
            client_id=owner.client_id if owner is not None else None,
            payload=payload,
        )
    return item
