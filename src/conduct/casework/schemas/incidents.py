"""API shapes for incidents, evidence and the live-call guide.

No ``from __future__ import annotations``: ninja reads these annotations.
"""

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from conduct.casework.models import (
    Incident,
    IncidentRevision,
)
from conduct.casework.services import (
    IncidentDetails,
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
