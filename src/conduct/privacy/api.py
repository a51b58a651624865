from datetime import date, datetime

from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from ninja import Field, P, QueryEx, Router, Schema, Status
from ninja.errors import HttpError

from conduct.audit.reads import Door
from conduct.clients.access import get_client_for_change
from conduct.core.access import allow
from conduct.core.limits import limit
from conduct.core.openapi import file_response
from conduct.privacy.exports import open_export, request_subject_access_export
from conduct.privacy.holds import lift_legal_hold, set_legal_hold
from conduct.privacy.models import LegalHold, SubjectAccessExport
from conduct.privacy.retention import preview_retention

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


class ExportOut(Schema):
    id: int
    client_id: int
    request_reference: str
    redact_third_parties: bool
    state: str = Field(..., description="queued, running, ready, failed or removed")
    progress: int = Field(..., description="Per cent done")
    step: str
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str
    records: int
    size: int
    sha256: str
    expires_at: datetime | None
    status_url: str
    download_url: str | None = Field(..., description="Set once the export is ready")


def export_out(export: SubjectAccessExport) -> dict[str, object]:
    base = f"/api/privacy/subject-access/{export.pk}"
    ready = export.state == SubjectAccessExport.State.READY
    return {
        **{name: getattr(export, name) for name in ExportOut.model_fields if hasattr(export, name)},
        "status_url": base,
        "download_url": f"{base}/download" if ready else None,
    }


def _export_for(request: HttpRequest, export_id: int) -> SubjectAccessExport:
    export = SubjectAccessExport.objects.filter(pk=export_id).first()
    if export is None:
        raise HttpError(404, "No such subject access export.")
    get_client_for_change(request.user, export.client_id)
    return export


@router.post(
    "/clients/{client_id}/subject-access",
    response={202: ExportOut},
    summary="Ask for everything held about a client; made in the background (audited)",
)
@allow("privacy.export_subject_access")
def subject_access(
    request: HttpRequest,
    client_id: int,
    redact_third_parties: bool = True,
    reference: QueryEx[str, P(max_length=100)] = "",
) -> Status[dict[str, object]]:
    client = get_client_for_change(request.user, client_id)
    export = request_subject_access_export(
        client, actor=request.user, reference=reference, redact_third_parties=redact_third_parties
    )
    export.refresh_from_db()
    return Status(202, export_out(export))


@router.get(
    "/subject-access/{export_id}",
    response=ExportOut,
    summary="A subject access export's state and progress",
)
@allow("privacy.export_subject_access")
def subject_access_status(request: HttpRequest, export_id: int) -> dict[str, object]:
    return export_out(_export_for(request, export_id))


@router.get(
    "/subject-access/{export_id}/download",
    summary="Download a ready subject access export (ZIP); audited",
    openapi_extra=file_response("application/zip", what="The subject access export"),
)
@allow("privacy.export_subject_access")
def subject_access_download(request: HttpRequest, export_id: int) -> HttpResponseBase:
    export = _export_for(request, export_id)
    path, filename = open_export(export, actor=request.user, door=Door.API)
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["X-Content-SHA256"] = export.sha256
    return response


@router.post(
    "/clients/{client_id}/legal-hold", response={201: HoldOut}, summary="Put a client on legal hold"
)
@allow("privacy.add_legalhold")
def hold_set(request: HttpRequest, client_id: int, payload: HoldIn) -> Status[LegalHold]:
    client = get_client_for_change(request.user, client_id)
    hold = set_legal_hold(client, payload.reason, actor=request.user)
    return Status(201, hold)


@router.post("/legal-holds/{hold_id}/lift", response=HoldOut, summary="Lift a legal hold")
@allow("privacy.change_legalhold")
def hold_lift(request: HttpRequest, hold_id: int, payload: HoldIn) -> LegalHold:
    hold = get_object_or_404(LegalHold, pk=hold_id)
    return lift_legal_hold(hold, payload.reason, actor=request.user)


@router.get("/retention", response=PlanOut, summary="What retention would remove now (dry run)")
@allow("privacy.run_retention")
def retention_plan(request: HttpRequest) -> object:
    plan = preview_retention(actor=request.user, door=Door.API)
    return {
        "today": plan.today,
        "due": [d.__dict__ for d in plan.due],
        "held": [{**h.__dict__, "record_types": list(h.record_types)} for h in plan.held],
    }
