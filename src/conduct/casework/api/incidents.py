"""Incidents and the live-call guide through the API."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Status, UploadedFile

from conduct.audit.reads import Door
from conduct.casework.access import (
    get_evidence_for_user,
    get_incident_for_change,
    get_incident_for_user,
    is_manager,
)
from conduct.casework.api.common import client_or_none, load_incident, router
from conduct.casework.downloads import evidence_response
from conduct.casework.models import (
    Incident,
)
from conduct.casework.schemas import (
    CallFinishIn,
    CallIn,
    CallStepIn,
    EvidenceOut,
    IncidentIn,
    IncidentOut,
    IncidentUpdate,
    LinkClientIn,
)
from conduct.casework.services import (
    add_evidence,
    edit_incident,
    finish_call,
    link_incident,
    record_call_step,
    record_incident,
    start_call,
)
from conduct.clients.access import get_client_for_change
from conduct.core.access import allow
from conduct.core.openapi import file_response

# --- Incidents ----------------------------------------------------------------


@router.get(
    "/incidents",
    response=list[IncidentOut],
    summary="Incidents: your own (staff) or all (senior managers)",
)
@allow("casework.view_incident")
def list_incidents(request: HttpRequest) -> Any:
    qs = Incident.objects.select_related("recorded_by", "policy_version").prefetch_related(
        "evidence"
    )
    if not is_manager(request.user):
        qs = qs.filter(recorded_by_id=request.user.pk)
    return qs[:200]


@router.post(
    "/incidents",
    response={201: IncidentOut},
    summary="Record an incident (refers it to Senior Management)",
)
@allow("casework.add_incident")
def create_incident(request: HttpRequest, payload: IncidentIn) -> Status[Incident]:
    client = client_or_none(request, payload.client_id)
    incident = record_incident(payload.details(client), actor=request.user)
    return Status(201, load_incident(incident.pk))


@router.get(
    "/incidents/{incident_id}", response=IncidentOut, summary="One incident (the view is audited)"
)
@allow("casework.view_incident")
def get_incident(request: HttpRequest, incident_id: int) -> Incident:
    incident = get_incident_for_user(request.user, incident_id, door=Door.API)
    return load_incident(incident.pk)


@router.put(
    "/incidents/{incident_id}",
    response=IncidentOut,
    summary="Correct an incident (kept as a revision)",
)
@allow("casework.change_incident")
def update_incident(request: HttpRequest, incident_id: int, payload: IncidentUpdate) -> Incident:
    incident = get_incident_for_change(request.user, incident_id)
    edit_incident(
        incident,
        payload.details(incident.client),
        actor=request.user,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return load_incident(incident.pk)


@router.post(
    "/incidents/{incident_id}/link",
    response=IncidentOut,
    summary="Link an unknown caller's incident to a client",
)
@allow("casework.change_incident")
def link_incident_to_client(
    request: HttpRequest, incident_id: int, payload: LinkClientIn
) -> Incident:
    incident = get_incident_for_change(request.user, incident_id)
    client = get_client_for_change(request.user, payload.client_id)
    link_incident(incident, client, actor=request.user)
    return load_incident(incident.pk)


@router.post(
    "/incidents/{incident_id}/evidence", response={201: EvidenceOut}, summary="Add an evidence file"
)
@allow("casework.change_incident")
def upload_evidence(
    request: HttpRequest,
    incident_id: int,
    file: File[UploadedFile],
) -> Status[Any]:
    incident = get_incident_for_change(request.user, incident_id)
    item = add_evidence(file, file.name or "evidence", actor=request.user, incident=incident)
    return Status(201, item)


@router.get(
    "/evidence/{evidence_id}",
    summary="Download an evidence file (always application/octet-stream, as an attachment)",
    openapi_extra=file_response("application/octet-stream", what="The evidence file"),
)
@allow("casework.view_incident")
def download_evidence(request: HttpRequest, evidence_id: int) -> HttpResponse:
    item = get_evidence_for_user(request.user, evidence_id)
    return evidence_response(item, actor=request.user, door=Door.API)


# --- Live-call guide ------------------------------------------------------------


@router.post("/calls", response={201: IncidentOut}, summary="Start the live-call guide")
@allow("casework.add_incident")
def create_call(request: HttpRequest, payload: CallIn) -> Status[Incident]:
    client = client_or_none(request, payload.client_id)
    incident = start_call(
        client=client,
        channel=payload.channel,
        caller_number=payload.caller_number,
        actor=request.user,
    )
    return Status(201, load_incident(incident.pk))


@router.post(
    "/calls/{incident_id}/steps", response=IncidentOut, summary="Timestamp a step of the call"
)
@allow("casework.add_incident")
def call_step(request: HttpRequest, incident_id: int, payload: CallStepIn) -> Incident:
    incident = get_incident_for_change(request.user, incident_id)
    record_call_step(incident, payload.step, actor=request.user)
    return load_incident(incident.pk)


@router.post(
    "/calls/{incident_id}/finish",
    response=IncidentOut,
    summary="Finish the call's record and inform Senior Management",
)
@allow("casework.add_incident")
def call_finish(request: HttpRequest, incident_id: int, payload: CallFinishIn) -> Incident:
    incident = get_incident_for_change(request.user, incident_id)
    finish_call(incident, payload.details(), actor=request.user)
    return load_incident(incident.pk)
