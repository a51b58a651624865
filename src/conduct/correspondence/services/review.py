"""Reviewing flagged communications: open the full text, refer, or dismiss."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework.services import IncidentDetails, record_incident
from conduct.correspondence.models import Communication, ScreeningFeedback
from conduct.policy.services import current_policy


class ReviewRefused(ValueError):
    """The communication is not awaiting review (already referred or dismissed)."""


def _locked_pending(communication: Communication) -> Communication:
    locked = Communication.objects.select_for_update().get(pk=communication.pk)
    if locked.review_state != Communication.PENDING:
        raise ReviewRefused(
            f"This communication is not awaiting review (it is {locked.get_review_state_display().lower()})."
        )
    return locked


def open_full_text(communication: Communication, *, actor: Any) -> Communication:
    """Record that ``actor`` chose to read the full text (shielding is the default)."""
    with transaction.atomic():
        record_event(
            "correspondence.communication.full_text_opened",
            actor=actor,
            target=communication,
            client_id=communication.client_id,
            payload={"communication_id": communication.pk},
        )
    return communication


def _incident_details(comm: Communication) -> IncidentDetails:
    screening = comm.screening
    policy = current_policy()
    known = {c.id for c in policy.categories}
    categories = [c for c in screening.categories if c in known] or ["abusive_language"]
    text = comm.body if not comm.subject else f"{comm.subject}\n\n{comm.body}"
    evidence = [text[e["start"] : e["end"]] for e in screening.evidence][:20]
    why = sorted({str(e["why"]) for e in screening.evidence})[:10]
    channel = comm.channel if comm.channel in policy.channels else "other"
    what = (
        f"A {comm.get_direction_display().lower()} {channel.replace('_', ' ')} received "
        f"{timezone.localtime(comm.occurred_at):%d %B %Y %H:%M} (communication {comm.pk}) was "
        f"flagged on arrival by {screening.model_name} {screening.model_version} "
        f"(score {screening.score:.2f}) and referred by staff. Why it was flagged: "
        + "; ".join(why)
    )
    return IncidentDetails(
        channel=channel,
        occurred_at=comm.occurred_at,
        categories=categories,
        what_happened=what,
        client=comm.client,
        caller_address="" if comm.client else (comm.sender_key or "unknown sender")[:200],
        verbatim_words="\n".join(f"“{e}”" for e in evidence),
        staff_actions=["no_reply", "refer_to_smt"],
    )


def refer_communication(communication: Communication, *, actor: Any) -> Communication:
    """Refer a flagged communication: records an incident (opening a case) pre-filled with
    the channel, time, categories and evidence.

    Refuses (ReviewRefused) one that is not awaiting review; the casework rules
    refuse users who may not record incidents (RuleViolation).
    """
    with transaction.atomic():
        locked = _locked_pending(communication)
        incident = record_incident(_incident_details(locked), actor=actor)
        locked.review_state = Communication.REFERRED
        locked.incident = incident
        locked.save(update_fields=["review_state", "incident"])
        ScreeningFeedback.objects.create(
            communication=locked,
            label=ScreeningFeedback.ABUSIVE,
            model_name=locked.screening.model_name,
            model_version=locked.screening.model_version,
            given_by=actor,
            given_at=timezone.now(),
        )
        record_event(
            "correspondence.communication.referred",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={"communication_id": locked.pk, "incident_id": incident.pk},
        )
    return locked


def dismiss_communication(communication: Communication, *, actor: Any) -> Communication:
    """'Not abusive': clears "do not reply" and keeps the feedback for retraining."""
    with transaction.atomic():
        locked = _locked_pending(communication)
        locked.review_state = Communication.DISMISSED
        locked.do_not_reply = False
        locked.save(update_fields=["review_state", "do_not_reply"])
        ScreeningFeedback.objects.create(
            communication=locked,
            label=ScreeningFeedback.NOT_ABUSIVE,
            model_name=locked.screening.model_name,
            model_version=locked.screening.model_version,
            given_by=actor,
            given_at=timezone.now(),
        )
        record_event(
            "correspondence.communication.dismissed",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={"communication_id": locked.pk},
        )
    return locked
