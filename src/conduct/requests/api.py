"""The requests API: the queue, recording, extending, closing, asking for the export."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from conduct.audit.reads import Door
from conduct.casework import published
from conduct.clients.access import get_client_for_change
from conduct.core.access import allow
from conduct.privacy.api import ExportOut, export_out
from conduct.requests import rules
from conduct.requests.access import get_request_for_change, get_request_for_user, requests_for_user
from conduct.requests.models import ClientRequest
from conduct.requests.queries import queue, standing_of
from conduct.requests.services import (
    close_request,
    extend_request,
    produce_subject_access,
    record_request,
)

router = Router(tags=["client requests"])


class RequestOut(Schema):
    id: int
    reference: str
    client_id: int
    kind: str
    channel: str
    received_on: date
    summary: str
    decision_id: int | None
    due_on: date
    extended_due_on: date | None
    deadline: date
    extension_months: int
    extension_reason: str
    extension_told_on: date | None
    status: str
    closed_on: date | None
    standing: str
    standing_label: str
    exported_at: datetime | None = Field(..., description="When its export was last asked for")
    export_id: int | None = Field(
        ...,
        description="The subject access export that answers it (GET /api/privacy/subject-access/{id})",
    )
    recorded_at: datetime


class RequestIn(Schema):
    client_id: int
    kind: Literal["subject_access", "review"]
    channel: Literal["letter", "email", "phone", "front_desk"]
    received_on: date
    summary: str = Field(..., min_length=1, max_length=2000)
    decision_id: int | None = None


class ExtendIn(Schema):
    months: int = Field(..., ge=1, le=rules.MAX_EXTENSION_MONTHS)
    reason: str = Field(..., min_length=1, max_length=2000)
    told_on: date | None = Field(None, description="When the client was told; today if left out.")


class CloseIn(Schema):
    outcome: Literal["answered", "withdrawn"]
    closed_on: date
    note: str = Field("", max_length=4000)


def _out(request: ClientRequest) -> dict[str, object]:
    standing = standing_of(request, timezone.localdate())
    return {
        "id": request.pk,
        "reference": request.reference,
        "client_id": request.client_id,
        "kind": request.kind,
        "channel": request.channel,
        "received_on": request.received_on,
        "summary": request.summary,
        "decision_id": request.decision_id,
        "due_on": request.due_on,
        "extended_due_on": request.extended_due_on,
        "deadline": request.deadline,
        "extension_months": request.extension_months,
        "extension_reason": request.extension_reason,
        "extension_told_on": request.extension_told_on,
        "status": request.status,
        "closed_on": request.closed_on,
        "standing": standing.key,
        "standing_label": standing.label,
        "exported_at": request.exported_at,
        "export_id": request.export_id,
        "recorded_at": request.recorded_at,
    }


@router.get("/", response=list[RequestOut], summary="The requests you answer, by deadline")
@allow("requests.view_clientrequest")
def list_requests(
    request: HttpRequest, show: Literal["open", "due", "overdue", "closed", "all"] = "open"
) -> list[dict[str, object]]:
    rows = queue(requests_for_user(request.user), show=show, today=timezone.localdate())
    return [_out(row.request) for row in rows]


@router.post("/", response={201: RequestOut}, summary="Record a client's request")
@allow("requests.add_clientrequest")
def create_request(request: HttpRequest, payload: RequestIn) -> Status[dict[str, object]]:
    client = get_client_for_change(request.user, payload.client_id)
    decision = None
    if payload.decision_id is not None:
        decision = published.decision(payload.decision_id)
        if decision is None:
            raise HttpError(422, "No such decision.")
    made = record_request(
        client,
        kind=payload.kind,
        channel=payload.channel,
        received_on=payload.received_on,
        summary=payload.summary,
        decision=decision,
        actor=request.user,
    )
    return Status(201, _out(made))


@router.get("/{request_id}", response=RequestOut, summary="One request; audited")
@allow("requests.view_clientrequest")
def get_request(request: HttpRequest, request_id: int) -> dict[str, object]:
    return _out(get_request_for_user(request.user, request_id, door=Door.API))


@router.post("/{request_id}/extend", response=RequestOut, summary="Extend a subject access request")
@allow("requests.change_clientrequest")
def extend(request: HttpRequest, request_id: int, payload: ExtendIn) -> dict[str, object]:
    found = get_request_for_change(request.user, request_id)
    return _out(
        extend_request(
            found,
            months=payload.months,
            reason=payload.reason,
            told_on=payload.told_on,
            actor=request.user,
        )
    )


@router.post("/{request_id}/close", response=RequestOut, summary="Close a request")
@allow("requests.change_clientrequest")
def close(request: HttpRequest, request_id: int, payload: CloseIn) -> dict[str, object]:
    found = get_request_for_change(request.user, request_id)
    return _out(
        close_request(
            found,
            outcome=payload.outcome,
            closed_on=payload.closed_on,
            note=payload.note,
            actor=request.user,
        )
    )


@router.post(
    "/{request_id}/subject-access",
    response={202: ExportOut},
    summary="Ask for the request's subject access export; made in the background (audited)",
    description=(
        "Answers with the export record: poll its `status_url` "
        "(`GET /api/privacy/subject-access/{id}`) and fetch `download_url` once it is ready."
    ),
)
@allow("requests.change_clientrequest")
def export(
    request: HttpRequest, request_id: int, redact_third_parties: bool = True
) -> Status[dict[str, object]]:
    found = get_request_for_change(request.user, request_id)
    made = produce_subject_access(
        found, actor=request.user, redact_third_parties=redact_third_parties
    )
    made.refresh_from_db()
    return Status(202, export_out(made))
