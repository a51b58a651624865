"""Data protection pages: a client's subject access and legal hold; the retention preview."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from conduct.audit.models import AuditEvent
from conduct.audit.reads import Door
from conduct.clients.access import get_client_for_change, get_client_for_user
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.privacy.exports import open_export, request_subject_access_export
from conduct.privacy.forms import HoldForm, LiftForm, SubjectAccessForm
from conduct.privacy.holds import active_hold, lift_legal_hold, set_legal_hold
from conduct.privacy.models import LegalHold, SubjectAccessExport
from conduct.privacy.registry import record_types
from conduct.privacy.retention import preview_retention


@requires("privacy.view_legalhold")
def client_privacy(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_client_for_user(request.user, pk, door=Door.PAGE)
    return render(
        request,
        "privacy/client.html",
        {
            "client": client,
            "hold": active_hold(client.pk),
            "holds": LegalHold.objects.filter(client=client).select_related("set_by", "lifted_by"),
            "access_form": SubjectAccessForm(),
            "keep_days": settings.PRIVACY_SUBJECT_ACCESS_KEEP_DAYS,
            "exports": SubjectAccessExport.objects.filter(client=client).select_related(
                "requested_by"
            )[:10],
            "hold_form": HoldForm(),
            "lift_form": LiftForm(),
        },
    )


@requires("privacy.export_subject_access")
@require_POST
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_client_for_change(request.user, pk)
    form = SubjectAccessForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("privacy:client", pk=client.pk)
    export = request_subject_access_export(
        client,
        actor=request.user,
        reference=form.cleaned_data["request_reference"],
        redact_third_parties=form.cleaned_data["redact_third_parties"],
    )
    return redirect("privacy:export", pk=export.pk)


def _export_for(request: HttpRequest, pk: int) -> SubjectAccessExport:
    export = SubjectAccessExport.objects.select_related("client", "requested_by").filter(pk=pk)
    found = export.first()
    if found is None:
        raise Http404("No such subject access export.")
    get_client_for_change(request.user, found.client_id)
    return found


@requires("privacy.export_subject_access")
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    export = _export_for(request, pk)
    return render(request, "privacy/export.html", {"export": export, "client": export.client})


@requires("privacy.export_subject_access")
def export_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the progress page polls: no personal data."""
    export = _export_for(request, pk)
    return JsonResponse(
        {
            "state": export.state,
            "state_label": export.get_state_display(),
            "progress": export.progress,
            "step": export.step,
            "finished": export.finished,
        }
    )


@requires("privacy.export_subject_access")
def export_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    export = _export_for(request, pk)
    with refusal_shown(request) as refusal:
        path, filename = open_export(export, actor=request.user, door=Door.EXPORT)
    if refusal:
        return redirect("privacy:export", pk=export.pk)
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["X-Content-SHA256"] = export.sha256
    return response


@requires("privacy.add_legalhold")
@require_POST
def hold_set(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_client_for_change(request.user, pk)
    form = HoldForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as refusal:
            set_legal_hold(client, form.cleaned_data["reason"], actor=request.user)
        if not refusal:
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
        with refusal_shown(request) as refusal:
            lift_legal_hold(hold, form.cleaned_data["reason"], actor=request.user)
        if not refusal:
            messages.success(request, "Legal hold lifted.")
    else:
        messages.error(request, "Give the reason for lifting the legal hold.")
    return redirect("privacy:client", pk=hold.client_id)


@requires("privacy.run_retention")
def retention(request: HttpRequest) -> HttpResponse:
    plan = preview_retention(actor=request.user, door=Door.PAGE)
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
