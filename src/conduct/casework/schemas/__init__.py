"""API shapes for casework.

No ``from __future__ import annotations``: ninja reads these annotations.
"""

from conduct.casework.schemas.cases import (
    AssignIn,
    CaseOut,
    DecisionIn,
    DecisionOut,
    LinkCaseIn,
    LinkClientIn,
    NoteIn,
    NoteOut,
    OverrideIn,
    RestrictionOut,
    RestrictionTermsIn,
)
from conduct.casework.schemas.incidents import (
    CallFinishIn,
    CallIn,
    CallStepIn,
    CallStepOut,
    EvidenceOut,
    IncidentIn,
    IncidentOut,
    IncidentUpdate,
)
from conduct.casework.schemas.reviews import (
    MarkerOut,
    NotificationOut,
    PoliceReferralIn,
    PoliceReferralOut,
    PoliceReferralUpdate,
    ReviewIn,
    ReviewOut,
    SanctionReviewIn,
    SupportDoneIn,
    SupportOut,
    TimelineEntryOut,
)

__all__ = [
    "AssignIn",
    "CallFinishIn",
    "CallIn",
    "CallStepIn",
    "CallStepOut",
    "CaseOut",
    "DecisionIn",
    "DecisionOut",
    "EvidenceOut",
    "IncidentIn",
    "IncidentOut",
    "IncidentUpdate",
    "LinkCaseIn",
    "LinkClientIn",
    "MarkerOut",
    "NoteIn",
    "NoteOut",
    "NotificationOut",
    "OverrideIn",
    "PoliceReferralIn",
    "PoliceReferralOut",
    "PoliceReferralUpdate",
    "RestrictionOut",
    "RestrictionTermsIn",
    "ReviewIn",
    "ReviewOut",
    "SanctionReviewIn",
    "SupportDoneIn",
    "SupportOut",
    "TimelineEntryOut",
]
