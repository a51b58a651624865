"""Markers, timelines, support follow-ups and notifications through the API."""

from typing import Any

from django.http import HttpRequest
from ninja import Status

from conduct.audit.reads import Door
from conduct.casework import queries
from conduct.casework.access import (
    get_support_for_change,
    timeline_for_user,
)
from conduct.casework.api.common import router
from conduct.casework.models import SupportFollowUp
from conduct.casework.schemas import (
    MarkerOut,
    NotificationOut,
    SupportDoneIn,
    SupportOut,
    TimelineEntryOut,
)
from conduct.casework.services import (
    complete_support,
)
from conduct.clients.access import get_client_for_change
from conduct.core.access import allow
from conduct.notifications.models import Notification

# --- Clients: marker and timeline -------------------------------------------------


@router.get(
    "/clients/{client_id}/marker",
    response={200: MarkerOut, 204: None},
    summary="What is in force for a client (204 if nothing)",
)
@allow("clients.view_client")
def marker(request: HttpRequest, client_id: int) -> Any:
    client = get_client_for_change(request.user, client_id)
    found = queries.marker_for(client.pk)
    if found is None:
        return Status(204, None)
    body = {
        "headline": found.headline,
        "lines": list(found.lines),
        "until": found.until,
        "text": found.text,
    }
    return Status(200, body)


@router.get(
    "/clients/{client_id}/timeline",
    response=list[TimelineEntryOut],
    summary="A client's conduct timeline (staff and senior managers; never admins)",
)
@allow("clients.view_client", "casework.view_incident")
def timeline(request: HttpRequest, client_id: int) -> Any:
    return timeline_for_user(request.user, client_id, door=Door.API)


# --- Wellbeing and notifications -------------------------------------------------


@router.get("/support", response=list[SupportOut], summary="Support follow-ups not yet done")
@allow("casework.view_supportfollowup")
def support(request: HttpRequest) -> Any:
    return list(SupportFollowUp.objects.filter(done_at=None).select_related("staff_member"))


@router.post(
    "/support/{item_id}/done", response=SupportOut, summary="Mark a support follow-up done"
)
@allow("casework.change_supportfollowup")
def support_done(request: HttpRequest, item_id: int, payload: SupportDoneIn) -> Any:
    item = get_support_for_change(request.user, item_id)
    return complete_support(item, actor=request.user, note=payload.note)


@router.get("/notifications", response=list[NotificationOut], summary="Your notifications")
@allow("casework.view_incident")
def notifications(request: HttpRequest) -> Any:
    user: Any = request.user
    return list(Notification.objects.filter(user=user)[:100])
