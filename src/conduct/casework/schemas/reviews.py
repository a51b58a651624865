"""API shapes for reviews, police referrals, the timeline, markers, support and notifications.

No ``from __future__ import annotations``: ninja reads these annotations.
"""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from conduct.casework.models import (
    PoliceReferral,
    Review,
    SupportFollowUp,
)
from conduct.casework.schemas.cases import RestrictionTermsIn
from conduct.casework.services import (
    PoliceReferralInput,
    ReviewInput,
    SanctionReviewInput,
)
from conduct.core.limits import limit


class ReviewIn(Schema):
    outcome: str = Field(..., description="confirm, vary or end")
    reasons: str = Field("", max_length=limit(Review, "reasons"))
    requested_by_client: bool = False
    next_review_on: date | None = None
    new_terms: RestrictionTermsIn | None = None
    version: int | None = None

    def to_input(self) -> ReviewInput:
        return ReviewInput(
            outcome=self.outcome,
            reasons=self.reasons,
            requested_by_client=self.requested_by_client,
            next_review_on=self.next_review_on,
            new_terms=self.new_terms.to_input() if self.new_terms else None,
        )


class SanctionReviewIn(Schema):
    subject: str = Field(..., description="written_warning or terminate_engagement")
    outcome: str = Field(..., description="confirm, vary or end")
    reasons: str = Field("", max_length=limit(Review, "reasons"))
    warning_until: date | None = Field(None, description="vary a warning: its new end date")
    new_terms: RestrictionTermsIn | None = Field(
        None, description="vary a termination: the contact restriction that replaces it"
    )

    def to_input(self) -> SanctionReviewInput:
        return SanctionReviewInput(
            subject=self.subject,
            outcome=self.outcome,
            reasons=self.reasons,
            warning_until=self.warning_until,
            new_terms=self.new_terms.to_input() if self.new_terms else None,
        )


class ReviewOut(Schema):
    id: int
    decision_id: int
    subject: str = Field(
        ..., description="contact_restriction, written_warning or terminate_engagement"
    )
    restriction_id: int | None
    warning_id: int | None
    outcome: str
    reasons: str
    requested_by_client: bool
    next_review_on: date | None
    reviewed_at: datetime
    reviewer: str

    @staticmethod
    def resolve_reviewer(obj: Any) -> str:
        return str(obj.reviewer.get_username())


class PoliceReferralIn(Schema):
    referred_on: date | None = None
    force: str = Field("", max_length=limit(PoliceReferral, "force"))
    officer: str = Field("", max_length=limit(PoliceReferral, "officer"))
    crime_reference: str = Field("", max_length=limit(PoliceReferral, "crime_reference"))
    outcome: str = Field("", max_length=limit(PoliceReferral, "outcome"))

    def to_input(self) -> PoliceReferralInput:
        return PoliceReferralInput(**self.dict())


class PoliceReferralUpdate(Schema):
    officer: str = Field("", max_length=limit(PoliceReferral, "officer"))
    crime_reference: str = Field("", max_length=limit(PoliceReferral, "crime_reference"))
    outcome: str = Field("", max_length=limit(PoliceReferral, "outcome"))


class PoliceReferralOut(Schema):
    id: int
    client_id: int
    case_id: int | None
    referred_on: date
    force: str
    officer: str
    crime_reference: str
    outcome: str


class TimelineEntryOut(Schema):
    at: datetime
    kind: str
    label: str
    title: str
    detail: str
    url: str


class MarkerOut(Schema):
    headline: str
    lines: list[str]
    until: date | None
    text: str


class SupportOut(Schema):
    id: int
    incident_id: int
    staff_member: str
    created_at: datetime
    done_at: datetime | None

    @staticmethod
    def resolve_staff_member(obj: Any) -> str:
        return str(obj.staff_member.get_username())


class SupportDoneIn(Schema):
    note: str = Field("", max_length=limit(SupportFollowUp, "outcome_note"))


class NotificationOut(Schema):
    id: int
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None
