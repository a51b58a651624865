"""Data protection pages: a client's subject access and legal hold; the retention preview."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from conduct.accounts.access import requires
from conduct.audit.models import AuditEvent
from conduct.audit.services import record_event
from conduct.clients.access import get_client_for_user
from conduct.privacy.forms import HoldForm, LiftForm, SubjectAccessForm
from conduct.privacy.holds import active_hold, lift_legal_hold, set_legal_hold
from conduct.privacy.models import LegalHold
from conduct.privacy.registry import record_types
from conduct.privacy.retention import plan_retention
from conduct.privacy.subject_access import export_subject_access


@requires("privacy.view_legalhold")
def client_privacy(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_client_for_user(request.user, pk)
    return render(
        request,
        "privacy/client.html",
        {
            "client": client,
            "hold": active_hold(client.pk),
            "holds": LegalHold.objects.filter(client=client).select_related("set_by", "lifted_by"),
            "access_form": SubjectAccessForm(),
            "hold_form": HoldForm(),
            "lift_form": LiftForm(),
        },
    )


@requires("privacy.export_subject_access")
@require_POST
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_client_for_user(request.user, pk)
    form = SubjectAccessForm(request.POST)
    redact = bool(form.is_valid() and form.cleaned_data["redact_third_parties"])
    export = export_subject_access(client, actor=request.user, redact_third_parties=redact)
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Content-SHA256"] = export.sha256
    return response


@requires("privacy.add_legalhold")
@require_POST
def hold_set(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_client_for_user(request.user, pk)
    form = HoldForm(request.POST)
    if form.is_valid():
        try:
            set_legal_hold(client, form.cleaned_data["reason"], actor=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, "Legal hold set: retention will remove nothing about this client."
            )
    else:
        messages.error(request, "Give the reason for the legal hold.")
    return redirect("privacy:client", pk=client.pk)


@requires("privacy.change_legalhold")
@require_POST
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    hold = LegalHold.objects.filter(pk=pk).first()
    if hold is None:
        raise Http404("No such legal hold.")
    form = LiftForm(request.POST)
    if form.is_valid():
        try:
            lift_legal_hold(hold, form.cleaned_data["reason"], actor=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Legal hold lifted.")
    else:
        messages.error(request, "Give the reason for lifting the legal hold.")
    return redirect("privacy:client", pk=hold.client_id)


@requires("privacy.run_retention")
def retention(request: HttpRequest) -> HttpResponse:
    plan = plan_retention()
    with transaction.atomic():
        record_event(
            "privacy.retention.previewed",
            actor=request.user,
            payload={"due": len(plan.due), "held": len(plan.held)},
        )
    runs = AuditEvent.objects.filter(action="privacy.retention.run").order_by("-seq")[:10]
    return render(
        request,
        "privacy/retention.html",
        {
            "plan": plan,
            "types": record_types(),
            "export_configured": bool(settings.PRIVACY_RETENTION_EXPORT_DIR),
            "runs": runs,
        },
    )
