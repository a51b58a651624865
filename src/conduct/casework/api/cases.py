"""Cases, decisions, restrictions and reviews through the API."""

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja import File, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from conduct.audit.reads import Door
from conduct.casework import queries
from conduct.casework.access import (
    get_case_for_change,
    get_case_for_user,
    get_decision_for_change,
    get_restriction_for_change,
    get_restriction_for_user,
    is_manager,
)
from conduct.casework.api.common import load_case, router
from conduct.casework.models import (
    Case,
    Decision,
    PoliceReferral,
    Review,
)
from conduct.casework.schemas import (
    AssignIn,
    CaseOut,
    DecisionIn,
    DecisionOut,
    EvidenceOut,
    LinkCaseIn,
    NoteIn,
    OverrideIn,
    PoliceReferralIn,
    PoliceReferralOut,
    PoliceReferralUpdate,
    RestrictionOut,
    ReviewIn,
    ReviewOut,
    SanctionReviewIn,
)
from conduct.casework.services import (
    RuleViolation,
    add_case_note,
    add_evidence,
    assign_case,
    link_cases,
    record_decision,
    record_override,
    record_police_referral,
    record_review,
    record_sanction_review,
    update_police_referral,
)
from conduct.core.access import allow
from conduct.core.pagination import BoundedPagination

# --- Cases --------------------------------------------------------------------


@router.get(
    "/cases",
    response=list[CaseOut],
    summary="The queue: open cases, oldest first, a page at a time (limit, offset)",
)
@allow("casework.view_case")
@paginate(BoundedPagination)
def list_cases(request: HttpRequest) -> Any:
    return queries.queue().prefetch_related("incidents")


@router.get("/cases/{case_id}", response=CaseOut, summary="One case (the view is audited)")
@allow("casework.view_case")
def get_case(request: HttpRequest, case_id: int) -> Case:
    return get_case_for_user(request.user, case_id, door=Door.API)


@router.post(
    "/cases/{case_id}/assign", response=CaseOut, summary="Assign the case to a senior manager"
)
@allow("casework.change_case")
def assign(request: HttpRequest, case_id: int, payload: AssignIn) -> Case:
    case = get_case_for_change(request.user, case_id)
    assignee = get_user_model().objects.filter(pk=payload.assignee_id, is_active=True).first()
    if assignee is None:
        raise HttpError(422, "assignee_id is not an active user.")
    assign_case(case, assignee, actor=request.user, expected_version=payload.version)
    return load_case(case.pk)


@router.post("/cases/{case_id}/notes", response={201: CaseOut}, summary="Add an investigation note")
@allow("casework.change_case")
def note(request: HttpRequest, case_id: int, payload: NoteIn) -> Status[Case]:
    case = get_case_for_change(request.user, case_id)
    add_case_note(case, payload.text, actor=request.user)
    return Status(201, load_case(case.pk))


@router.post(
    "/cases/{case_id}/link",
    response=CaseOut,
    summary="Bring another open case of the same client into this one",
)
@allow("casework.change_case")
def link(request: HttpRequest, case_id: int, payload: LinkCaseIn) -> Case:
    case = get_case_for_change(request.user, case_id)
    other = get_case_for_change(request.user, payload.other_case_id)
    link_cases(case, other, actor=request.user)
    return load_case(case.pk)


@router.post(
    "/cases/{case_id}/evidence", response={201: EvidenceOut}, summary="Add investigation evidence"
)
@allow("casework.change_case")
def case_evidence(
    request: HttpRequest,
    case_id: int,
    file: File[UploadedFile],
) -> Status[Any]:
    case = get_case_for_change(request.user, case_id)
    item = add_evidence(file, file.name or "evidence", actor=request.user, case=case)
    return Status(201, item)


@router.post(
    "/cases/{case_id}/override", response=CaseOut, summary="Record a zero-tolerance override"
)
@allow("casework.add_decision")
def override(request: HttpRequest, case_id: int, payload: OverrideIn) -> Case:
    case = get_case_for_change(request.user, case_id)
    record_override(
        case,
        ground=payload.ground,
        reason=payload.reason,
        differs_reason=payload.differs_reason,
        actor=request.user,
    )
    return load_case(case.pk)


@router.post("/cases/{case_id}/decision", response={201: DecisionOut}, summary="Decide the case")
@allow("casework.add_decision")
def decide(request: HttpRequest, case_id: int, payload: DecisionIn) -> Status[Decision]:
    case = get_case_for_change(request.user, case_id)
    decision = record_decision(
        case, payload.to_input(), actor=request.user, expected_version=payload.version
    )
    return Status(201, Decision.objects.select_related("decided_by").get(pk=decision.pk))


@router.post(
    "/cases/{case_id}/police-referrals",
    response={201: PoliceReferralOut},
    summary="Record a police referral",
)
@allow("casework.add_policereferral")
def police_referral(
    request: HttpRequest, case_id: int, payload: PoliceReferralIn
) -> Status[PoliceReferral]:
    case = get_case_for_change(request.user, case_id)
    if case.client is None:
        raise RuleViolation("case_has_client", "Link the incident to a client first.")
    client = case.client
    referral = record_police_referral(client, payload.to_input(), actor=request.user, case=case)
    return Status(201, referral)


@router.put(
    "/police-referrals/{referral_id}",
    response=PoliceReferralOut,
    summary="Add the officer, crime reference or outcome to a police referral",
)
@allow("casework.add_policereferral")
def update_referral(request: HttpRequest, referral_id: int, payload: PoliceReferralUpdate) -> Any:
    if not is_manager(request.user):
        raise HttpError(403, "Only senior managers handle police referrals.")
    referral = PoliceReferral.objects.filter(pk=referral_id).first()
    if referral is None:
        raise HttpError(404, "No such police referral.")
    return update_police_referral(
        referral,
        officer=payload.officer,
        crime_reference=payload.crime_reference,
        outcome=payload.outcome,
        actor=request.user,
    )


# --- Restrictions and reviews ---------------------------------------------------


@router.get("/restrictions/{restriction_id}", response=RestrictionOut, summary="One restriction")
@allow("casework.view_case")
def get_restriction(request: HttpRequest, restriction_id: int) -> Any:
    return get_restriction_for_user(request.user, restriction_id, door=Door.API)


@router.post(
    "/restrictions/{restriction_id}/reviews",
    response={201: ReviewOut},
    summary="Review a restriction (not by its decider)",
)
@allow("casework.add_review")
def review(request: HttpRequest, restriction_id: int, payload: ReviewIn) -> Status[Review]:
    restriction = get_restriction_for_change(request.user, restriction_id)
    made = record_review(
        restriction, payload.to_input(), actor=request.user, expected_version=payload.version
    )
    return Status(201, Review.objects.select_related("reviewer").get(pk=made.pk))


@router.post(
    "/decisions/{decision_id}/reviews",
    response={201: ReviewOut},
    summary="Review a decision's written warning or termination (client's request; not by "
    "its decider)",
)
@allow("casework.add_review")
def review_sanction(
    request: HttpRequest, decision_id: int, payload: SanctionReviewIn
) -> Status[Review]:
    decision = get_decision_for_change(request.user, decision_id)
    made = record_sanction_review(decision, payload.to_input(), actor=request.user)
    return Status(201, Review.objects.select_related("reviewer").get(pk=made.pk))
