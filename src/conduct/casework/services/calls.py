"""The live-call guide: a timestamped run through the policy's procedure steps."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework import rules, wording
from conduct.casework.models import Incident
from conduct.casework.services.common import (
    current_policy,
    current_version_id,
    display_name,
    roles_of,
    setting,
)
from conduct.casework.services.incidents import (
    IncidentDetails,
    apply_details,
    check_details,
    refer_incident,
)
from conduct.clients.models import Client
from conduct.core.refusals import FORBIDDEN
from conduct.notifications.services import notify


def step_times(incident: Incident) -> list[dict[str, str]]:
    """The call's steps in order, each with its title and local time (HH:MM:SS)."""
    return [
        {
            "step": s["step"],
            "title": STEP_TITLES.get(s["step"], s["step"]),
            "at": timezone.localtime(datetime.fromisoformat(s["at"])).strftime("%H:%M:%S"),
        }
        for s in incident.call_steps
    ]


STEP_TITLES = {
    "warn_and_explain": "warning given",
    "staff_withdraws": "behaviour continued, staff member withdrawing",
    "inform_call_termination": "call ended, caller told",
}


def start_call(
    *, client: Client | None, channel: str, caller_number: str = "", actor: Any
) -> Incident:
    """Open the guide for a call that is turning abusive (an incident in progress)."""
    rules.check_may_record(roles_of(actor))
    if channel not in ("phone", "video", "in_person"):
        raise rules.RuleViolation(
            "call_guide_channel", "The live-call guide is for phone, video or in-person contact."
        )
    if client is None and not caller_number.strip():
        raise rules.RuleViolation(
            "incident_identifies_caller", "Choose the client, or give the unknown caller's number."
        )
    with transaction.atomic():
        now = timezone.now()
        incident = Incident.objects.create(
            client=client,
            caller_number=caller_number.strip()[:40],
            channel=channel,
            occurred_at=now,
            recorded_by=actor,
            recorded_at=now,
            policy_version_id=current_version_id(),
            status=Incident.LIVE,
        )
        record_event(
            "casework.call.started",
            actor=actor,
            target=incident,
            client_id=incident.client_id,
            payload={"incident_id": incident.pk, "channel": channel},
        )
        pk, due = incident.pk, referral_due(incident)
        transaction.on_commit(lambda: _queue_referral(pk, due))
    return incident


def referral_due(incident: Incident) -> datetime:
    """When an unfinished live-call record is referred without its member of staff."""
    return incident.occurred_at + timedelta(minutes=setting("CASEWORK_UNFINISHED_CALL_MINUTES"))


def _queue_referral(incident_id: int, due: datetime) -> None:
    """Queue the automatic referral for when it falls due, where the task backend can wait;
    the scheduled job (``run_scheduled``) refers any the queue missed."""
    from conduct.casework.tasks import refer_unfinished_call_task

    if refer_unfinished_call_task.get_backend().supports_defer:
        refer_unfinished_call_task.using(run_after=due).enqueue(incident_id)


def refer_unfinished_call(incident: Incident, *, now: datetime | None = None) -> bool:
    """Refer a live call whose record was never finished, with what is known: who, when,
    the steps pressed and their times. The member of staff is asked to add the rest.

    Returns False, changing nothing, if the record was finished meanwhile or is not
    yet due (``CONDUCT_UNFINISHED_CALL_MINUTES`` after the call started).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Incident.objects.select_for_update().select_related("recorded_by").get(pk=incident.pk)
        )
        if locked.status != Incident.LIVE or referral_due(locked) > now:
            return False
        done = [s["step"] for s in locked.call_steps]
        minutes = setting("CASEWORK_UNFINISHED_CALL_MINUTES")
        locked.what_happened = wording.unfinished_call_text(
            started=timezone.localtime(locked.occurred_at),
            staff_name=display_name(locked.recorded_by),
            steps=[(s["title"], s["at"]) for s in step_times(locked)],
            minutes=minutes,
        )
        locked.warning_given = "warn_and_explain" in done
        locked.staff_actions = ["end_call"] if rules.CALL_END_STEP in done else []
        locked.status = Incident.RECORDED
        locked.referred_unfinished = True
        locked.recorded_at = now
        locked.save()
        payload = refer_incident(locked, None)
        notify(
            [locked.recorded_by],
            key=f"call-unfinished-{locked.pk}",
            text=(
                f"Your live-call record (incident {locked.pk}) was not finished, so it was "
                "referred to Senior Management. Add what happened."
            ),
            url=f"/casework/incidents/{locked.pk}/edit/",
        )
        record_event(
            "casework.call.referred_unfinished",
            actor=None,
            target=locked,
            client_id=locked.client_id,
            payload={**payload, "steps": done, "minutes": minutes},
        )
    return True


def record_call_step(incident: Incident, step: str, *, actor: Any) -> Incident:
    """Timestamp one step. Refuses steps out of order, twice, or after the record is finished."""
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if locked.recorded_by_id != actor.pk:
            raise rules.RuleViolation(
                "call_guide_owner",
                "Only the person on the call records its steps.",
                status=FORBIDDEN,
            )
        done = [s["step"] for s in locked.call_steps]
        rules.check_call_step(done, step, finished=locked.status != Incident.LIVE)
        at = timezone.now()
        locked.call_steps = [*locked.call_steps, {"step": step, "at": at.isoformat()}]
        if step == "warn_and_explain":
            locked.warning_given = True
        locked.save(update_fields=["call_steps", "warning_given"])
        record_event(
            "casework.call.step_recorded",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={
                "incident_id": locked.pk,
                "step": step,
                "step_title": STEP_TITLES[step],
                "at": at.isoformat(),
            },
        )
    return locked


def finish_call(incident: Incident, details: IncidentDetails, *, actor: Any) -> Incident:
    """Complete the record: the incident is recorded with its timeline and referred."""
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if locked.recorded_by_id != actor.pk:
            raise rules.RuleViolation(
                "call_guide_owner",
                "Only the person on the call finishes its record.",
                status=FORBIDDEN,
            )
        if locked.status != Incident.LIVE:
            raise rules.RuleViolation("call_guide_order", "This call has already been recorded.")
        done = [s["step"] for s in locked.call_steps]
        details.client = locked.client
        details.channel = locked.channel
        details.occurred_at = locked.occurred_at
        details.caller_number = details.caller_number or locked.caller_number
        details.warning_given = "warn_and_explain" in done
        actions = set(details.staff_actions) | {"refer_to_smt"}
        if rules.CALL_END_STEP in done:
            actions.add("end_call")
        known = [r.id for r in current_policy().staff_rights]
        details.staff_actions = [a for a in known if a in actions]
        check_details(details, actor)
        apply_details(locked, details)
        locked.status = Incident.RECORDED
        locked.recorded_at = timezone.now()
        locked.save()
        payload = refer_incident(locked, actor)
        record_event(
            "casework.incident.recorded",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={**payload, "via": "live-call guide", "steps": done},
        )
    return locked
