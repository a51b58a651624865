"""Recording, extending, closing a client's request, and producing its export."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.clients.models import Client
from conduct.core.refusals import UNPROCESSABLE
from conduct.core.workdays import add_working_days
from conduct.policy.services import current_policy
from conduct.privacy.models import SubjectAccessExport
from conduct.requests import rules
from conduct.requests.exports import produce_export
from conduct.requests.models import ClientRequest

if TYPE_CHECKING:
    from conduct.casework.models import Decision


def _require_handler(actor: Any, kind: str) -> None:
    if actor is None or not rules.may_handle(kind, actor.get_all_permissions()):
        who = "admins" if kind == rules.SUBJECT_ACCESS else "senior managers"
        raise PermissionDenied(f"Only {who} answer this kind of request.")


def first_deadline(kind: str, received_on: date) -> date:
    if kind == rules.SUBJECT_ACCESS:
        return rules.subject_access_due(received_on)
    return rules.review_due(
        received_on, current_policy().review_working_days, lambda d, n: add_working_days(d, n)
    )


def record_request(
    client: Client,
    *,
    kind: str,
    channel: str,
    received_on: date,
    summary: str,
    actor: Any,
    decision: Decision | None = None,
) -> ClientRequest:
    """Record a client's request with its deadline and give it a reference to quote.

    Anyone who may add requests records them (staff at the front desk too).
    Refuses (RequestRefused) an unknown kind or channel, a date of receipt in
    the future, no summary, or a decision about another client.
    """
    if not actor.has_perm("requests.add_clientrequest"):
        raise PermissionDenied("Your role does not record clients' requests.")
    rules.check_new(
        kind=kind,
        channel=channel,
        received_on=received_on,
        today=timezone.localdate(),
        summary=summary,
    )
    if decision is not None and decision.case.client_id != client.pk:
        raise rules.RequestRefused(
            "decision", "That decision is about another client.", status=UNPROCESSABLE
        )
    due_on = first_deadline(kind, received_on)
    with transaction.atomic():
        request = ClientRequest.objects.create(
            client=client,
            kind=kind,
            channel=channel,
            received_on=received_on,
            summary=summary.strip(),
            decision=decision if kind == rules.REVIEW else None,
            due_on=due_on,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        request.reference = rules.reference_for(request.pk)
        request.save(update_fields=["reference"])
        record_event(
            "requests.request.recorded",
            actor=actor,
            target=request,
            client_id=client.pk,
            payload={
                "reference": request.reference,
                "client_id": client.pk,
                "kind": kind,
                "kind_title": rules.KINDS[kind],
                "channel": channel,
                "received_on": received_on.isoformat(),
                "due_on": due_on.isoformat(),
            },
        )
    return request


def extend_request(
    request: ClientRequest,
    *,
    months: int,
    reason: str,
    actor: Any,
    told_on: date | None = None,
) -> ClientRequest:
    """Extend a subject access request by one or two further months, with the reason.

    The new deadline counts from receipt (31 January, extended by two months:
    30 April). ``told_on`` is when the client was told (the extension letter's
    date; today unless given). Refuses (PermissionDenied) anyone but an admin;
    (RequestRefused) a review, a closed request, a second extension, more than
    two months, no reason, or a client told after the first month ran out.
    """
    today = timezone.localdate()
    told = told_on or today
    _require_handler(actor, request.kind)
    with transaction.atomic():
        locked = ClientRequest.objects.select_for_update().get(pk=request.pk)
        rules.check_extension(
            kind=locked.kind,
            status=locked.status,
            already_extended=locked.extended_due_on is not None,
            months=months,
            reason=reason,
            received_on=locked.received_on,
            original_due=locked.due_on,
            told_on=told,
            today=today,
        )
        locked.extension_months = months
        locked.extension_told_on = told
        locked.extended_due_on = rules.subject_access_due(locked.received_on, months)
        locked.extension_reason = reason.strip()
        locked.extended_by = actor
        locked.extended_at = timezone.now()
        locked.save()
        record_event(
            "requests.request.extended",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={
                "reference": locked.reference,
                "months": months,
                "due_on": locked.extended_due_on.isoformat(),
                "told_on": told.isoformat(),
            },
        )
    return locked


def close_request(
    request: ClientRequest, *, outcome: str, closed_on: date, note: str, actor: Any
) -> ClientRequest:
    """Close a request as answered (on ``closed_on``) or withdrawn by the client.

    Refuses (PermissionDenied) anyone who does not answer this kind;
    (RequestRefused) a closed request, another outcome, a date in the future
    or before receipt.
    """
    _require_handler(actor, request.kind)
    with transaction.atomic():
        locked = ClientRequest.objects.select_for_update().get(pk=request.pk)
        rules.check_close(
            status=locked.status,
            outcome=outcome,
            answered_on=closed_on,
            received_on=locked.received_on,
            today=timezone.localdate(),
        )
        locked.status = outcome
        locked.closed_on = closed_on
        locked.outcome_note = note.strip()
        locked.closed_by = actor
        locked.closed_at = timezone.now()
        locked.save()
        on_time = closed_on <= locked.deadline
        record_event(
            "requests.request.closed",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={
                "reference": locked.reference,
                "status": outcome,
                "closed_on": closed_on.isoformat(),
                "due_on": locked.deadline.isoformat(),
                "on_time": on_time,
            },
        )
    return locked


def produce_subject_access(
    request: ClientRequest, *, actor: Any, redact_third_parties: bool
) -> SubjectAccessExport:
    """Ask the privacy app for the subject access export of the request's client.

    The export is made in the background; its record (progress, and the
    SHA-256 once ready) answers the request, which keeps which export that is
    and when it was asked for. The one audit event is the privacy app's
    ``privacy.subject_access.requested``, with the request's reference.
    Refuses (PermissionDenied) anyone but an admin; (RequestRefused) a review
    or a closed request.
    """
    _require_handler(actor, request.kind)
    if request.kind != rules.SUBJECT_ACCESS:
        raise rules.RequestRefused("export_kind", "Only a subject access request has an export.")
    with transaction.atomic():
        locked = (
            ClientRequest.objects.select_for_update().select_related("client").get(pk=request.pk)
        )
        if locked.status != rules.OPEN:
            raise rules.RequestRefused("export_open", "This request is closed.")
        export = produce_export(
            locked.client,
            actor=actor,
            reference=locked.reference,
            redact_third_parties=redact_third_parties,
        )
        locked.export = export
        locked.exported_at = export.requested_at
        locked.save(update_fields=["export", "exported_at"])
    return export
