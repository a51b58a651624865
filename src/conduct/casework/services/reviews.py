"""Reviews of written warnings and terminations, which the client asks for.

Restrictions have their own review (``sanctions.record_review``) because they
also come up for review on a date; these two have no review date, so they are
reviewed when the client asks, by a senior manager who did not decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework import review_rules
from conduct.casework.models import ClientWarning, Decision, Restriction, Review
from conduct.casework.services.cases import RestrictionInput
from conduct.casework.services.common import current_policy, roles_of, setting, today

SUBJECT_TITLES: dict[str, str] = {
    Review.WARNING: "written warning",
    Review.TERMINATION: "termination of engagement",
}


@dataclass
class SanctionReviewInput:
    subject: str  # Outcome.WRITTEN_WARNING or Outcome.TERMINATE_ENGAGEMENT
    outcome: str  # confirm, vary or end
    reasons: str
    warning_until: date | None = None  # vary a warning: its new end date
    new_terms: RestrictionInput | None = None  # vary a termination: a restriction instead


def written_warning_of(decision: Decision) -> ClientWarning | None:
    return ClientWarning.objects.filter(decision=decision, kind=ClientWarning.WRITTEN).first()


def termination_in_force(decision: Decision) -> bool:
    if review_rules.TERMINATION not in decision.outcomes:
        return False
    outcomes = Review.objects.filter(decision=decision, subject=Review.TERMINATION).values_list(
        "outcome", flat=True
    )
    return not review_rules.termination_ended_by(outcomes)


def warning_in_force(warning: ClientWarning | None) -> bool:
    return warning is not None and review_rules.warning_in_force(
        given_on=warning.given_on,
        active_until=warning.active_until,
        ended_on=warning.ended_on,
        today=today(),
    )


def record_sanction_review(decision: Decision, data: SanctionReviewInput, *, actor: Any) -> Review:
    """Review a written warning or a termination at the client's request.

    Confirm keeps it; vary changes a warning's end date, or replaces a
    termination with a contact restriction; end lifts it today (an ended
    termination no longer shows "Engagement terminated").

    Refuses (RuleViolation) anyone not a senior manager, the decider, no
    reasons, a warning or termination no longer in force (or not in the
    decision), and a variation without its new end date or restriction terms.
    """
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        warning = None
        if data.subject == Review.WARNING:
            warning = written_warning_of(locked)
            in_force = warning_in_force(warning)
        else:
            in_force = termination_in_force(locked)
        terms = None
        if data.subject == Review.TERMINATION and data.outcome == "vary" and data.new_terms:
            terms = RestrictionInput(**{**data.new_terms.__dict__, "starts_on": today()})
        review_rules.check_sanction_review(
            review_rules.SanctionReviewDraft(
                subject=data.subject,
                reviewer_id=actor.pk,
                reviewer_roles=roles_of(actor),
                decider_id=locked.decided_by_id,
                outcome=data.outcome,
                reasons=data.reasons,
                in_force=in_force,
                today=today(),
                warning_given_on=warning.given_on if warning else None,
                new_warning_until=data.warning_until,
                new_terms=terms.terms() if terms else None,
                known_channels=frozenset(current_policy().channels),
                max_restriction_months=setting("CASEWORK_RESTRICTION_MAX_MONTHS"),
                max_warning_months=setting("CASEWORK_WARNING_MONTHS"),
            )
        )
        previous: dict[str, Any] = {"outcomes": list(locked.outcomes)}
        payload: dict[str, Any] = {
            "decision_id": locked.pk,
            "case_id": locked.case_id,
            "subject": data.subject,
            "subject_title": SUBJECT_TITLES[data.subject],
            "outcome": data.outcome,
        }
        if warning is not None:
            warning = ClientWarning.objects.select_for_update().get(pk=warning.pk)
            previous["active_until"] = warning.active_until.isoformat()
            if data.outcome == "vary":
                assert data.warning_until is not None
                warning.active_until = data.warning_until
                payload["active_until"] = data.warning_until.isoformat()
            elif data.outcome == "end":
                warning.ended_on = today()
            warning.save(update_fields=["active_until", "ended_on"])
            payload["warning_id"] = warning.pk
        restriction = None
        if terms is not None:
            restriction = Restriction(
                client_id=locked.client_id, decision=locked, starts_on=today()
            )
            terms.apply_to(restriction)
            restriction.save()
            payload["restriction_id"] = restriction.pk
            payload["review_on"] = restriction.review_on.isoformat()
        review = Review.objects.create(
            decision=locked,
            subject=data.subject,
            warning=warning,
            requested_by_client=True,
            reviewer=actor,
            outcome=data.outcome,
            reasons=data.reasons.strip(),
            previous_terms=previous,
            next_review_on=restriction.review_on if restriction else None,
            reviewed_at=timezone.now(),
        )
        record_event(
            "casework.sanction_review.recorded",
            actor=actor,
            target=review,
            client_id=locked.client_id,
            payload=payload,
        )
    return review
