"""Casework forms. Choices come from the policy in force."""

from conduct.casework.forms.cases import (
    AssignForm,
    LinkCaseForm,
    NoteForm,
    OverrideForm,
    PoliceReferralForm,
    PoliceReferralUpdateForm,
    SupportDoneForm,
)
from conduct.casework.forms.common import senior_managers, staff_members
from conduct.casework.forms.decisions import (
    DecisionForm,
    RestrictionFields,
    ReviewForm,
    SanctionReviewForm,
)
from conduct.casework.forms.incidents import (
    CallFinishForm,
    CallStartForm,
    EvidenceForm,
    IncidentForm,
    LinkClientForm,
    WellbeingFields,
)

__all__ = [
    "AssignForm",
    "CallFinishForm",
    "CallStartForm",
    "DecisionForm",
    "EvidenceForm",
    "IncidentForm",
    "LinkCaseForm",
    "LinkClientForm",
    "NoteForm",
    "OverrideForm",
    "PoliceReferralForm",
    "PoliceReferralUpdateForm",
    "RestrictionFields",
    "ReviewForm",
    "SanctionReviewForm",
    "SupportDoneForm",
    "WellbeingFields",
    "senior_managers",
    "staff_members",
]
