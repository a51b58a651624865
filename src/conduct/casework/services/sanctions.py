"""Reviews, lapses, police referrals and wellbeing follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework import review_rules, rules
from conduct.casework.models import Case, PoliceReferral, Restriction, Review, SupportFollowUp
from conduct.casework.services.cases import RestrictionInput
from conduct.casework.services.common import StaleCase, current_policy, roles_of, setting, today
from conduct.clients.models import Client


def terms_snapshot(restriction: Restriction) -> dict[str, Any]:
    return {
        "starts_on": restriction.starts_on.isoformat(),
        "review_on": restriction.review_on.isoformat(),
        "single_contact_id": restriction.single_contact_id,
        "channels_allowed": list(restriction.channels_allowed),
        "set_times": restriction.set_times,
        "max_call_minutes": restriction.max_call_minutes,
        "no_visits": restriction.no_visits,
        "representative_only": restriction.representative_only,
        "representative_name": restriction.representative_name,
    }


def current_terms(restriction: Restriction, review_on: date | None) -> RestrictionInput:
    """The restriction's terms as they stand, with a new review date (for 'confirm')."""
    return RestrictionInput(
        starts_on=restriction.starts_on,
        review_on=review_on,
        single_contact=restriction.single_contact,
        channels_allowed=list(restriction.channels_allowed),
        set_times=restriction.set_times,
        max_call_minutes=restriction.max_call_minutes,
        no_visits=restriction.no_visits,
        representative_only=restriction.representative_only,
        representative_name=restriction.representative_name,
    )


@dataclass
class ReviewInput:
    outcome: str
    reasons: str
    requested_by_client: bool = False
    next_review_on: date | None = None
    new_terms: RestrictionInput | None = None  # for "vary"; "confirm" keeps the terms


def record_review(
    restriction: Restriction, data: ReviewInput, *, actor: Any, expected_version: int | None = None
) -> Review:
    """Review a restriction: confirm (renew), vary (new terms) or end.

    Refuses (RuleViolation) the decider or anyone not a senior manager, no
    reasons, a restriction no longer in force, and renewed terms without a
    review date within the maximum (counted from today).
    """
    with transaction.atomic():
        locked = (
            Restriction.objects.select_for_update()
            .select_related("decision")
            .get(pk=restriction.pk)
        )
        if expected_version is not None and locked.version != expected_version:
            raise StaleCase(
                "This restriction was changed while you were reviewing it; read it again first."
            )
        terms = None
        if data.outcome == "confirm":
            terms = current_terms(locked, data.next_review_on)
        elif data.outcome == "vary":
            terms = data.new_terms or current_terms(locked, data.next_review_on)
        check_terms = None
        if terms is not None:
            # A renewal runs from today, so the maximum is counted from today.
            check_terms = RestrictionInput(**{**terms.__dict__, "starts_on": today()}).terms()
        review_rules.check_review(
            review_rules.ReviewDraft(
                reviewer_id=actor.pk,
                reviewer_roles=roles_of(actor),
                decider_id=locked.decision.decided_by_id,
                outcome=data.outcome,
                reasons=data.reasons,
                restriction_active=locked.status == Restriction.ACTIVE,
                new_terms=check_terms,
                known_channels=frozenset(current_policy().channels),
                max_restriction_months=setting("CASEWORK_RESTRICTION_MAX_MONTHS"),
            )
        )
        previous = terms_snapshot(locked)
        if terms is not None:
            terms.apply_to(locked)
        else:
            locked.status = Restriction.ENDED
            locked.ended_on = today()
        locked.version += 1
        locked.save()
        review = Review.objects.create(
            decision=locked.decision,
            subject=Review.RESTRICTION,
            restriction=locked,
            requested_by_client=data.requested_by_client,
            reviewer=actor,
            outcome=data.outcome,
            reasons=data.reasons.strip(),
            previous_terms=previous,
            next_review_on=locked.review_on if terms is not None else None,
            reviewed_at=timezone.now(),
        )
        record_event(
            "casework.review.recorded",
            actor=actor,
            target=review,
            client_id=locked.client_id,
            payload={
                "restriction_id": locked.pk,
                "outcome": data.outcome,
                "requested_by_client": data.requested_by_client,
                "next_review_on": review.next_review_on.isoformat()
                if review.next_review_on
                else None,
            },
        )
    return review


def lapse_restriction(restriction: Restriction, *, on: date) -> bool:
    """Let a restriction lapse at its review date (the scheduled job calls this).

    Returns False, changing nothing, if it is not in force or not yet due.
    """
    with transaction.atomic():
        locked = Restriction.objects.select_for_update().get(pk=restriction.pk)
        if not rules.restriction_should_lapse(
            active=locked.status == Restriction.ACTIVE, review_on=locked.review_on, today=on
        ):
            return False
        locked.status = Restriction.LAPSED
        locked.ended_on = locked.review_on
        locked.version += 1
        locked.save(update_fields=["status", "ended_on", "version"])
        record_event(
            "casework.restriction.lapsed",
            actor=None,
            target=locked,
            client_id=locked.client_id,
            payload={"restriction_id": locked.pk, "review_on": locked.review_on.isoformat()},
        )
    return True


@dataclass
class PoliceReferralInput:
    referred_on: date | None
    force: str
    officer: str = ""
    crime_reference: str = ""
    outcome: str = ""


def record_police_referral(
    client: Client, data: PoliceReferralInput, *, actor: Any, case: Case | None = None
) -> PoliceReferral:
    """Record a referral to the police. Refuses non-managers, no date or force, a future date."""
    rules.check_may_decide(roles_of(actor))
    rules.check_police_referral(referred_on=data.referred_on, force=data.force, today=today())
    assert data.referred_on is not None
    with transaction.atomic():
        referral = PoliceReferral.objects.create(
            client=client,
            case=case,
            referred_on=data.referred_on,
            force=data.force.strip(),
            officer=data.officer.strip(),
            crime_reference=data.crime_reference.strip(),
            outcome=data.outcome.strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        record_event(
            "casework.police_referral.recorded",
            actor=actor,
            target=referral,
            client_id=client.pk,
            payload={
                "force": referral.force,
                "reference": client.reference,
                "crime_reference": referral.crime_reference,
                "case_id": case.pk if case else None,
            },
        )
    return referral


def update_police_referral(
    referral: PoliceReferral,
    *,
    officer: str,
    crime_reference: str,
    outcome: str,
    actor: Any,
) -> PoliceReferral:
    """Add what the police said later: officer, crime reference, outcome. Senior managers only."""
    rules.check_may_decide(roles_of(actor))
    with transaction.atomic():
        locked = PoliceReferral.objects.select_for_update().get(pk=referral.pk)
        new = {
            "officer": officer.strip(),
            "crime_reference": crime_reference.strip(),
            "outcome": outcome.strip(),
        }
        changed = sorted(k for k, v in new.items() if getattr(locked, k) != v)
        for key, value in new.items():
            setattr(locked, key, value)
        locked.save(update_fields=["officer", "crime_reference", "outcome"])
        record_event(
            "casework.police_referral.updated",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={"referral_id": locked.pk, "fields": ", ".join(changed) or "nothing"},
        )
    return locked


def complete_support(item: SupportFollowUp, *, actor: Any, note: str = "") -> SupportFollowUp:
    """Mark a wellbeing follow-up done. Refuses an item already done."""
    rules.check_may_decide(roles_of(actor))
    with transaction.atomic():
        locked = SupportFollowUp.objects.select_for_update().get(pk=item.pk)
        if locked.done_at is not None:
            raise rules.RuleViolation("support_once", "This follow-up is already marked done.")
        locked.done_at = timezone.now()
        locked.done_by = actor
        locked.outcome_note = note.strip()
        locked.save(update_fields=["done_at", "done_by", "outcome_note"])
        record_event(
            "casework.support.completed",
            actor=actor,
            target=locked,
            payload={"incident_id": locked.incident_id},
        )
    return locked
