from datetime import date, datetime

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from conduct.api.auth import allow
from conduct.api.files import file_response
from conduct.audit.services import record_event
from conduct.clients.access import get_client_for_user
from conduct.core.limits import limit
from conduct.privacy.holds import lift_legal_hold, set_legal_hold
from conduct.privacy.models import LegalHold
from conduct.privacy.retention import plan_retention
from conduct.privacy.subject_access import export_subject_access

router = Router(tags=["data protection"])


class HoldIn(Schema):
    reason: str = Field(..., min_length=1, max_length=limit(LegalHold, "reason"))


class HoldOut(Schema):
    id: int
    client_id: int
    reason: str
    set_at: datetime
    lifted_at: datetime | None
    lift_reason: str


class DueOut(Schema):
    client_id: int
    reference: str
    record_type: str
    action: str
    counts: dict[str, int]
    last_activity: date
    due_on: date


class HeldOut(Schema):
    client_id: int
    reference: str
    record_types: list[str]


class PlanOut(Schema):
    today: date
    due: list[DueOut]
    held: list[HeldOut]


@router.post(
    "/clients/{client_id}/subject-access",
    summary="Download everything held about a client (ZIP); audited",
    openapi_extra=file_response("application/zip", what="The subject access export"),
)
@allow("privacy.export_subject_access")
def subject_access(
    request: HttpRequest, client_id: int, redact_third_parties: bool = True
) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    export = export_subject_access(
        client, actor=request.user, redact_third_parties=redact_third_parties
    )
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@router.post(
    "/clients/{client_id}/legal-hold", response={201: HoldOut}, summary="Put a client on legal hold"
)
@allow("privacy.add_legalhold")
def hold_set(request: HttpRequest, client_id: int, payload: HoldIn) -> Status[LegalHold]:
    client = get_client_for_user(request.user, client_id)
    try:
        hold = set_legal_hold(client, payload.reason, actor=request.user)
    except ValueError as exc:
        raise HttpError(409, str(exc)) from None
    return Status(201, hold)


@router.post("/legal-holds/{hold_id}/lift", response=HoldOut, summary="Lift a legal hold")
@allow("privacy.change_legalhold")
def hold_lift(request: HttpRequest, hold_id: int, payload: HoldIn) -> LegalHold:
    hold = get_object_or_404(LegalHold, pk=hold_id)
    try:
        return lift_legal_hold(hold, payload.reason, actor=request.user)
    except ValueError as exc:
        raise HttpError(409, str(exc)) from None


@router.get("/retention", response=PlanOut, summary="What retention would remove now (dry run)")
@allow("privacy.run_retention")
def retention_plan(request: HttpRequest) -> object:
    plan = plan_retention()
    with transaction.atomic():
        record_event(
            "privacy.retention.previewed",
            actor=request.user,
            payload={"due": len(plan.due), "held": len(plan.held), "via": "api"},
        )
    return {
        "today": plan.today,
        "due": [d.__dict__ for d in plan.due],
        "held": [{**h.__dict__, "record_types": list(h.record_types)} for h in plan.held],
    }
