"""Every casework state change, one function each, each writing one audit event.

``store_incident`` and ``store_evidence`` write none: they are the parts another
app's service composes into its own change, whose one event carries their details.
"""

from conduct.casework.services.calls import (
    finish_call,
    record_call_step,
    refer_unfinished_call,
    start_call,
)
from conduct.casework.services.cases import (
    DecisionInput,
    RestrictionInput,
    add_case_note,
    assign_case,
    link_cases,
    record_decision,
    record_override,
)
from conduct.casework.services.common import RuleViolation, StaleCase
from conduct.casework.services.evidence import EvidenceRefused
from conduct.casework.services.incidents import (
    IncidentDetails,
    add_evidence,
    edit_incident,
    link_incident,
    record_incident,
    store_evidence,
    store_incident,
)
from conduct.casework.services.reviews import SanctionReviewInput, record_sanction_review
from conduct.casework.services.sanctions import (
    PoliceReferralInput,
    ReviewInput,
    complete_support,
    lapse_restriction,
    record_police_referral,
    record_review,
    update_police_referral,
)
from conduct.casework.services.scheduled import ScheduledResult, run_scheduled

__all__ = [
    "DecisionInput",
    "EvidenceRefused",
    "IncidentDetails",
    "PoliceReferralInput",
    "RestrictionInput",
    "ReviewInput",
    "RuleViolation",
    "SanctionReviewInput",
    "ScheduledResult",
    "StaleCase",
    "add_case_note",
    "add_evidence",
    "assign_case",
    "complete_support",
    "edit_incident",
    "finish_call",
    "lapse_restriction",
    "link_cases",
    "link_incident",
    "record_call_step",
    "record_decision",
    "record_incident",
    "record_override",
    "record_police_referral",
    "record_review",
    "record_sanction_review",
    "refer_unfinished_call",
    "run_scheduled",
    "start_call",
    "store_evidence",
    "store_incident",
    "update_police_referral",
]
