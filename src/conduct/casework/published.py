"""What other apps read from casework. Nothing here writes.

Correspondence, letters and requests read casework through these functions, not
through ``casework.models`` (they may name the models in type hints, imported
under ``TYPE_CHECKING``); a query another app needs is added here, so casework
can see what it has promised. Changes go through ``casework.services``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.db.models import Q, QuerySet
from django.utils import timezone

from conduct.casework.models import (
    Case,
    ClientWarning,
    Decision,
    Evidence,
    PoliceReferral,
    Restriction,
    Review,
    Script,
)
from conduct.casework.services.evidence import path_for

# What a review looked at again (``Review.subject``).
REVIEW_OF_RESTRICTION = Review.RESTRICTION
REVIEW_OF_WARNING = Review.WARNING
REVIEW_OF_TERMINATION = Review.TERMINATION


# --- Contact restrictions ---------------------------------------------------------


def single_contacts_in_force(client_ids: Iterable[int], on: date | None = None) -> dict[int, int]:
    """Each client's single point of contact (a user id) under an active restriction
    that has started, for those of ``client_ids`` that have one."""
    day = on or timezone.localdate()
    rows = Restriction.objects.filter(
        client_id__in=list(client_ids),
        status=Restriction.ACTIVE,
        starts_on__lte=day,
        single_contact__isnull=False,
    ).values_list("client_id", "single_contact_id")
    return dict(rows)


def restriction_of_decision(decision: Decision) -> Restriction | None:
    """The restriction a decision made, with its single point of contact."""
    return Restriction.objects.filter(decision=decision).select_related("single_contact").first()


def restriction_made_by_review(review: Review) -> Restriction | None:
    """The restriction a review put in place of a termination (outcome "vary")."""
    if review.next_review_on is None:
        return None
    return (
        Restriction.objects.filter(
            decision=review.decision,
            starts_on=timezone.localdate(review.reviewed_at),
            review_on=review.next_review_on,
        )
        .select_related("single_contact")
        .order_by("-pk")
        .first()
    )


# --- Decisions, warnings and reviews ----------------------------------------------


def decision(pk: int) -> Decision | None:
    """One decision with its case, client and policy version, or None."""
    return Decision.objects.select_related("case", "client", "policy_version").filter(pk=pk).first()


def decisions_of_clients_cases(client_id: int) -> QuerySet[Decision]:
    """Decisions on the client's cases, newest first."""
    return Decision.objects.filter(case__client_id=client_id).order_by("-decided_at")


def decision_of_case(case: Case) -> Decision | None:
    return Decision.objects.filter(case=case).first()


def decisions_about(case: Case) -> QuerySet[Decision]:
    """Every decision about the case's client (or, with no client, the case), oldest first."""
    if case.client_id is None:
        return Decision.objects.filter(case=case)
    return (
        Decision.objects.filter(client_id=case.client_id)
        .select_related("decided_by")
        .order_by("decided_at")
    )


def warning_of_decision(decision: Decision) -> ClientWarning | None:
    """The latest warning a decision gave."""
    return ClientWarning.objects.filter(decision=decision).order_by("-pk").first()


def warnings_of_client(client_id: int) -> list[ClientWarning]:
    """Every warning the client was given, in force or not, oldest first."""
    return list(
        ClientWarning.objects.filter(client_id=client_id)
        .select_related("given_by")
        .order_by("given_on")
    )


def review(pk: int) -> Review | None:
    """One review with its decision's and restriction's clients, or None."""
    return (
        Review.objects.select_related("decision__client", "restriction__client")
        .filter(pk=pk)
        .first()
    )


def reviews_of(decision: Decision) -> list[Review]:
    return list(Review.objects.filter(decision=decision).select_related("reviewer"))


# --- Police packs -----------------------------------------------------------------


def evidence_of_case(case: Case) -> list[Evidence]:
    """The case's evidence and its incidents', oldest upload first."""
    return list(
        Evidence.objects.filter(Q(case=case) | Q(incident__case=case))
        .select_related("uploaded_by")
        .distinct()
        .order_by("uploaded_at", "pk")
    )


def evidence_file(sha256: str) -> Path:
    """Where the evidence store keeps the file with this hash."""
    return path_for(sha256)


def police_referrals_about(case: Case) -> list[PoliceReferral]:
    """Referrals of the case, or of its client, by date."""
    about = Q(case=case) | Q(client_id=case.client_id) if case.client_id else Q(case=case)
    return list(PoliceReferral.objects.filter(about).distinct().order_by("referred_on"))


# --- Scripts ----------------------------------------------------------------------


def call_scripts() -> QuerySet[Script]:
    return Script.objects.all()
