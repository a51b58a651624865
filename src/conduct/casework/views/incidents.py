"""Recording, reading, editing and linking incidents; evidence downloads."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from conduct.audit.reads import Door
from conduct.casework import queries, rules, wording
from conduct.casework.access import (
    get_evidence_for_user,
    get_incident_for_change,
    get_incident_for_user,
    is_manager,
)
from conduct.casework.downloads import evidence_response
from conduct.casework.forms import EvidenceForm, IncidentForm, LinkClientForm
from conduct.casework.forms.client_picker import SHOWN
from conduct.casework.models import Incident
from conduct.casework.services import (
    EvidenceRefused,
    add_evidence,
    edit_incident,
    link_incident,
    record_incident,
)
from conduct.casework.services.calls import step_times
from conduct.casework.services.incidents import EDITABLE
from conduct.clients.access import get_client_for_change
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.policy.services import policy_of


@requires("casework.view_incident")
def incident_list(request: HttpRequest) -> HttpResponse:
    """Staff see the incidents they recorded; senior managers see all."""
    incidents = Incident.objects.filter(status=Incident.RECORDED).select_related(
        "client", "recorded_by", "policy_version"
    )
    if not is_manager(request.user):
        incidents = incidents.filter(recorded_by_id=request.user.pk)
    return render(
        request,
        "casework/incident_list.html",
        {"incidents": incidents[:200], "unfinished": queries.unfinished_calls(request.user)},
    )


def _finder(request: HttpRequest, form: IncidentForm, title: str) -> dict[str, object]:
    return {
        "form": form,
        "title": title,
        "client_q": request.GET.get("client_q", "")[:200],
        "shown_at_most": SHOWN,
    }


@requires("casework.add_incident")
def incident_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("client"):
        initial["client"] = get_client_for_change(request.user, request.GET["client"]).pk
    form = IncidentForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        client_query=request.GET.get("client_q"),
    )
    if request.method == "POST" and form.is_valid():
        with (
            refusal_shown(form, fields={EvidenceRefused: "evidence"}) as refusal,
            transaction.atomic(),
        ):
            incident = record_incident(form.details(), actor=request.user)
            upload = form.cleaned_data.get("evidence")
            if upload:
                add_evidence(upload, upload.name, actor=request.user, incident=incident)
        if not refusal:
            messages.success(request, "Incident recorded and referred to Senior Management.")
            return redirect("casework:incident", pk=incident.pk)
    return render(
        request, "casework/incident_form.html", _finder(request, form, "Record an incident")
    )


@requires("casework.view_incident")
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_user(request.user, pk, door=Door.PAGE)
    # The record reads in the words of the version it was made under.
    policy = policy_of(incident.policy_version)
    known_rights = {r.id for r in policy.staff_rights}
    context = {
        "incident": incident,
        "client": incident.client,
        "categories": [
            policy.category(c).title for c in incident.categories if policy.has_category(c)
        ],
        "actions": [
            wording.staff_action_done(a, incident.channel, policy.staff_right(a).text)
            for a in incident.staff_actions
            if a in known_rights
        ],
        "call_steps": step_times(incident),
        "revisions": incident.revisions.select_related("changed_by"),
        "evidence": incident.evidence.all(),
        "police_suggested": rules.police_referral_suggested(incident.categories),
        "is_manager": is_manager(request.user),
        "evidence_form": EvidenceForm(),
        "link_form": (
            LinkClientForm(client_query=request.GET.get("client_q"))
            if incident.client_id is None
            else None
        ),
        "client_q": request.GET.get("client_q", "")[:200],
        "shown_at_most": SHOWN,
    }
    return render(request, "casework/incident_detail.html", context)


@requires("casework.change_incident")
def incident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_change(request.user, pk)
    if incident.status != Incident.RECORDED:
        return redirect("casework:call", pk=incident.pk)
    if request.method != "POST":  # the form shows the record: a read
        incident = get_incident_for_user(request.user, pk, door=Door.PAGE)
    initial = {name: getattr(incident, name) for name in EDITABLE}
    initial["client"] = incident.client_id
    initial["version"] = incident.version
    form = IncidentForm(request.POST or None, initial=initial)
    form.fields["client"].disabled = True
    del form.fields["evidence"]  # evidence is added on the incident page, never replaced
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form) as refusal:
            edit_incident(
                incident,
                form.details(),
                actor=request.user,
                expected_version=form.cleaned_data.get("version") or incident.version,
                reason="edited in the browser",
            )
        if not refusal:
            messages.success(
                request, "Incident updated; the earlier version is kept in its history."
            )
            return redirect("casework:incident", pk=incident.pk)
    return render(
        request,
        "casework/incident_form.html",
        {"form": form, "title": f"Edit incident {incident.pk}", "incident": incident},
    )


@require_POST
@requires("casework.change_incident")
def incident_link(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_change(request.user, pk)
    form = LinkClientForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as refusal:
            link_incident(incident, form.cleaned_data["client"], actor=request.user)
        if not refusal:
            messages.success(request, "Incident linked to the client.")
    else:
        messages.error(request, "Choose a client to link.")
    return redirect("casework:incident", pk=incident.pk)


@require_POST
@requires("casework.change_incident")
def incident_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_change(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        with refusal_shown(request) as refusal:
            add_evidence(upload, upload.name, actor=request.user, incident=incident)
        if not refusal:
            messages.success(request, "Evidence added.")
    else:
        messages.error(request, "Choose a file to upload.")
    return redirect("casework:incident", pk=incident.pk)


@requires("casework.view_incident")
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Always a download, never rendered: attachment, sniffing off, sandboxed."""
    item = get_evidence_for_user(request.user, pk)
    return evidence_response(item, actor=request.user, door=Door.EXPORT)
