"""API shapes for casework (no ``from __future__ import annotations``: ninja reads these)."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from conduct.casework.models import (
    Case,
    CaseNote,
    Decision,
    Incident,
    IncidentRevision,
    PoliceReferral,
    Restriction,
    Review,
    SupportFollowUp,
)
from conduct.casework.services import (
    DecisionInput,
    IncidentDetails,
    PoliceReferralInput,
    RestrictionInput,
    ReviewInput,
    SanctionReviewInput,
)
from conduct.core.limits import limit


class IncidentIn(Schema):
    client_id: int | None = Field(None, description="Leave out for an unknown caller.")
    caller_number: str = Field("", max_length=limit(Incident, "caller_number"))
    caller_address: str = Field("", max_length=limit(Incident, "caller_address"))
    channel: str = Field(..., description="A channel id from the policy.")
    occurred_at: datetime
    categories: list[str] = Field(..., description="Category ids from the policy.", max_length=20)
    what_happened: str = Field(..., max_length=limit(Incident, "what_happened"))
    verbatim_words: str = Field("", max_length=limit(Incident, "verbatim_words"))
    staff_actions: list[str] = Field(
        default_factory=list, description="Staff right ids from the policy."
    )
    warning_given: bool = False
    client_response: str = Field("", max_length=limit(Incident, "client_response"))
    witnesses: str = Field("", max_length=limit(Incident, "witnesses"))
    felt_unsafe: bool = False
    wants_support: bool = False
    wellbeing_note: str = Field("", max_length=limit(Incident, "wellbeing_note"))

    def details(self, client: Any) -> IncidentDetails:
        data = self.dict(exclude={"client_id", "version", "reason"})
        return IncidentDetails(client=client, **data)


class IncidentUpdate(IncidentIn):
    version: int = Field(..., ge=1, description="The version you read; a stale version gets 409.")
    reason: str = Field("", max_length=limit(IncidentRevision, "reason"))


class CallStepOut(Schema):
    step: str
    at: str


class EvidenceOut(Schema):
    id: int
    original_name: str
    sha256: str
    size: int
    content_type: str
    uploaded_at: datetime


class IncidentOut(Schema):
    id: int
    client_id: int | None
    caller_number: str
    caller_address: str
    channel: str
    occurred_at: datetime
    categories: list[str]
    what_happened: str
    verbatim_words: str
    staff_actions: list[str]
    warning_given: bool
    client_response: str
    witnesses: str
    felt_unsafe: bool
    wants_support: bool
    wellbeing_note: str
    call_steps: list[CallStepOut]
    status: str
    case_id: int | None
    recorded_by: str
    recorded_at: datetime
    policy_version: str
    version: int
    police_referral_suggested: bool
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str:
        return str(obj.recorded_by.get_username())

    @staticmethod
    def resolve_policy_version(obj: Any) -> str:
        return str(obj.policy_version.version)

    @staticmethod
    def resolve_police_referral_suggested(obj: Any) -> bool:
        from conduct.casework.rules import police_referral_suggested

        return police_referral_suggested(obj.categories)

    @staticmethod
    def resolve_evidence(obj: Any) -> list[Any]:
        return list(obj.evidence.all())


class CallIn(Schema):
    client_id: int | None = None
    channel: str = "phone"
    caller_number: str = Field("", max_length=limit(Incident, "caller_number"))


class CallStepIn(Schema):
    step: str = Field(
        ..., description="warn_and_explain, staff_withdraws or inform_call_termination"
    )


class CallFinishIn(Schema):
    categories: list[str]
    what_happened: str = Field(..., max_length=limit(Incident, "what_happened"))
    verbatim_words: str = Field("", max_length=limit(Incident, "verbatim_words"))
    client_response: str = Field("", max_length=limit(Incident, "client_response"))
    witnesses: str = Field("", max_length=limit(Incident, "witnesses"))
    felt_unsafe: bool = False
    wants_support: bool = False
    wellbeing_note: str = Field("", max_length=limit(Incident, "wellbeing_note"))

    def details(self) -> IncidentDetails:
        from django.utils import timezone

        return IncidentDetails(channel="", occurred_at=timezone.now(), **self.dict())


class RestrictionTermsIn(Schema):
    starts_on: date | None = None
    review_on: date | None = None
    single_contact_id: int | None = None
    channels_allowed: list[str] = Field(default_factory=list)
    set_times: str = Field("", max_length=limit(Restriction, "set_times"))
    max_call_minutes: int | None = None
    no_visits: bool = False
    representative_only: bool = False
    representative_name: str = Field("", max_length=limit(Restriction, "representative_name"))

    def to_input(self) -> RestrictionInput:
        from django.contrib.auth import get_user_model
        from ninja.errors import HttpError

        contact = None
        if self.single_contact_id is not None:
            contact = (
                get_user_model().objects.filter(pk=self.single_contact_id, is_active=True).first()
            )
            if contact is None:
                raise HttpError(422, "single_contact_id is not an active user.")
        data = self.dict(exclude={"single_contact_id"})
        return RestrictionInput(single_contact=contact, **data)


class DecisionIn(Schema):
    outcomes: list[str]
    reasons: str = Field("", max_length=limit(Decision, "reasons"))
    clauses: list[str] = Field(default_factory=list)
    adjustments_note: str = Field("", max_length=limit(Decision, "adjustments_note"))
    restriction: RestrictionTermsIn | None = None
    version: int = Field(
        ...,
        ge=1,
        description="The case version you read; if another manager acted first you get 409.",
    )

    def to_input(self) -> DecisionInput:
        return DecisionInput(
            outcomes=self.outcomes,
            reasons=self.reasons,
            clauses=self.clauses,
            adjustments_note=self.adjustments_note,
            restriction=self.restriction.to_input() if self.restriction else None,
        )


class RestrictionOut(Schema):
    id: int
    client_id: int
    decision_id: int
    starts_on: date
    review_on: date
    single_contact_id: int | None
    channels_allowed: list[str]
    set_times: str
    max_call_minutes: int | None
    no_visits: bool
    representative_only: bool
    representative_name: str
    status: str
    ended_on: date | None
    version: int
    summary: str

    @staticmethod
    def resolve_summary(obj: Any) -> str:
        from conduct.casework.queries import restriction_summary

        return restriction_summary(obj)


class DecisionOut(Schema):
    id: int
    case_id: int
    client_id: int
    outcomes: list[str]
    reasons: str
    clauses: list[str]
    adjustments_note: str
    decided_by: str
    decided_at: datetime
    restrictions: list[RestrictionOut]

    @staticmethod
    def resolve_decided_by(obj: Any) -> str:
        return str(obj.decided_by.get_username())

    @staticmethod
    def resolve_restrictions(obj: Any) -> list[Any]:
        return list(obj.restrictions.all())


class NoteOut(Schema):
    id: int
    text: str
    created_at: datetime


class CaseOut(Schema):
    id: int
    client_id: int | None
    status: str
    opened_at: datetime
    due_on: date
    overdue: bool
    assigned_to: str | None
    override_ground: str
    override_reason: str
    incident_ids: list[int]
    version: int

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        from conduct.casework.rules import is_overdue
        from conduct.casework.services.common import today

        return obj.status == "open" and is_overdue(obj.due_on, today())

    @staticmethod
    def resolve_assigned_to(obj: Any) -> str | None:
        return obj.assigned_to.get_username() if obj.assigned_to else None

    @staticmethod
    def resolve_incident_ids(obj: Any) -> list[int]:
        return [incident.pk for incident in obj.incidents.all()]  # prefetched for lists


class AssignIn(Schema):
    assignee_id: int
    version: int | None = None


class NoteIn(Schema):
    text: str = Field(..., max_length=limit(CaseNote, "text"))


class LinkCaseIn(Schema):
    other_case_id: int


class LinkClientIn(Schema):
    client_id: int


class OverrideIn(Schema):
    ground: str = Field(..., description="violence, threats_of_violence or serious_harassment")
    reason: str = Field(..., max_length=limit(Case, "override_reason"))
    differs_reason: str = Field(
        "",
        max_length=limit(Case, "override_differs_reason"),
        description="Required when no incident of the case is recorded in a category the "
        "ground rests on: why the override applies anyway.",
    )


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
