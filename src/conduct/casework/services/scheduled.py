"""The scheduled job: lapse restrictions at their review date, send reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework.models import Case, Incident, Restriction
from conduct.casework.services.calls import refer_unfinished_call
from conduct.casework.services.common import setting, today
from conduct.casework.services.sanctions import lapse_restriction
from conduct.casework.wording import long_date
from conduct.notifications.services import notify_senior_managers


@dataclass(frozen=True)
class ScheduledResult:
    lapsed: int
    reminders: int
    unfinished_calls: int = 0

    def __str__(self) -> str:
        return (
            f"{self.unfinished_calls} unfinished live call(s) referred, "
            f"{self.lapsed} restriction(s) lapsed, {self.reminders} reminder(s) sent"
        )


def run_scheduled(on: date | None = None) -> ScheduledResult:
    """Refer unfinished live calls; lapse due restrictions; remind senior managers of
    overdue cases and reviews coming due.

    Safe to run as often as you like: each lapse and each reminder happens once.
    """
    day = on or today()
    cutoff = timezone.now() - timedelta(minutes=setting("CASEWORK_UNFINISHED_CALL_MINUTES"))
    unfinished = 0
    for incident in Incident.objects.filter(status=Incident.LIVE, occurred_at__lte=cutoff):
        unfinished += refer_unfinished_call(incident)
    lapsed = 0
    for restriction in Restriction.objects.filter(status=Restriction.ACTIVE, review_on__lte=day):
        lapsed += lapse_restriction(restriction, on=day)
    reminders = 0
    with transaction.atomic():
        for case in Case.objects.filter(status=Case.OPEN, due_on__lt=day):
            reminders += notify_senior_managers(
                key=f"case-overdue-{case.pk}-{case.due_on.isoformat()}",
                text=f"Case {case.pk} is overdue: a decision was due by {long_date(case.due_on)}.",
                url=f"/casework/cases/{case.pk}/",
            )
        horizon = day + timedelta(days=setting("CASEWORK_REVIEW_REMINDER_DAYS"))
        for restriction in Restriction.objects.filter(
            status=Restriction.ACTIVE, review_on__lte=horizon
        ):
            reminders += notify_senior_managers(
                key=f"review-due-{restriction.pk}-{restriction.review_on.isoformat()}",
                text=(
                    f"Restriction {restriction.pk} comes up for review on {long_date(restriction.review_on)}; "
                    "it lapses then unless a review renews it."
                ),
                url=f"/casework/restrictions/{restriction.pk}/",
            )
        if reminders:
            record_event(
                "casework.reminders.sent",
                actor=None,
                payload={"count": reminders, "on": day.isoformat()},
            )
    return ScheduledResult(lapsed=lapsed, reminders=reminders, unfinished_calls=unfinished)
