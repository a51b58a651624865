"""API shapes for cases, decisions and restrictions.

No ``from __future__ import annotations``: ninja reads these annotations.
"""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from conduct.casework.models import (
    Case,
    CaseNote,
    Decision,
    Restriction,
)
from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
)
from conduct.core.limits import limit


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
