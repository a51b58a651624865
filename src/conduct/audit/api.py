from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from conduct.audit.access import audit_log_for_user
from conduct.audit.models import AuditEvent
from conduct.audit.reads import Door
from conduct.audit.services import check_audit
from conduct.core.access import allow
from conduct.core.pagination import BoundedPagination

router = Router(tags=["audit"])


class EventOut(Schema):
    seq: int
    at: datetime
    actor: str
    action: str
    sentence: str
    target_type: str
    target_id: str
    client_id: int | None
    payload: dict[str, Any]
    hash: str
    prev_hash: str
    redacted: bool

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str:
        return obj.actor_label

    @staticmethod
    def resolve_redacted(obj: AuditEvent) -> bool:
        return obj.redacted_at is not None


class VerifyOut(Schema):
    ok: bool
    checked: int
    problem: str
    first_broken_seq: int | None


@router.get("/events", response=list[EventOut], summary="Browse the audit log, newest first")
@allow("audit.view_auditevent")
@paginate(BoundedPagination)
def events(
    request: HttpRequest, action: str = "", actor: str = "", client_id: int | None = None
) -> Any:
    qs = audit_log_for_user(request.user, door=Door.API)
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_label__iexact=actor)
    if client_id is not None:
        qs = qs.filter(client_id=client_id)
    return qs


@router.post(
    "/verify",
    response=VerifyOut,
    summary="Walk the hash chain, check its newest anchor, and report the first broken event",
)
@allow("audit.view_auditevent")
def verify(request: HttpRequest) -> VerifyOut:
    result = check_audit(actor=request.user)
    return VerifyOut(
        ok=result.ok, checked=result.checked, problem=result.problem, first_broken_seq=result.seq
    )
