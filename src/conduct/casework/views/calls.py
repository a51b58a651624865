"""The live-call guide: one screen, plain buttons in forms, usable by keyboard alone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from conduct.casework import rules
from conduct.casework.access import get_incident_for_change
from conduct.casework.forms import CallFinishForm, CallStartForm
from conduct.casework.models import Incident, Script
from conduct.casework.scripts import DEFAULT_SCRIPTS
from conduct.casework.services import finish_call, record_call_step, start_call
from conduct.casework.services.calls import STEP_TITLES, referral_due, step_times
from conduct.clients.access import get_client_for_change
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown

BUTTONS = {
    "warn_and_explain": "Warning given",
    "staff_withdraws": "Behaviour continued — I am withdrawing",
    "inform_call_termination": "Call ended, caller told",
}


@requires("casework.add_incident")
def call_start(request: HttpRequest) -> HttpResponse:
    client = None
    if request.GET.get("client") or request.POST.get("client"):
        client = get_client_for_change(
            request.user, request.GET.get("client") or request.POST["client"]
        )
    form = CallStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form) as refusal:
            incident = start_call(
                client=client,
                channel=form.cleaned_data["channel"],
                caller_number=form.cleaned_data.get("caller_number", ""),
                actor=request.user,
            )
        if not refusal:
            return redirect("casework:call", pk=incident.pk)
    return render(request, "casework/call_start.html", {"form": form, "client": client})


def _scripts() -> dict[str, tuple[str, str]]:
    texts = dict(DEFAULT_SCRIPTS)
    for script in Script.objects.all():
        texts[script.key] = (script.title, script.text)
    return texts


@requires("casework.add_incident")
def call_guide(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_change(request.user, pk)
    if incident.status != Incident.LIVE:
        return redirect("casework:incident", pk=incident.pk)
    done = [s["step"] for s in incident.call_steps]
    scripts = _scripts()
    times = {s["step"]: s["at"] for s in step_times(incident)}
    steps = [
        {
            "id": step,
            "button": BUTTONS[step],
            "title": scripts[step][0],
            "script": scripts[step][1],
            "done_at": times.get(step),
            "next": step == rules.next_call_step(done),
        }
        for step in rules.CALL_STEPS
    ]
    ended = rules.CALL_END_STEP in done
    form = CallFinishForm(request.POST or None)
    context = {
        "incident": incident,
        "client": incident.client,
        "steps": steps,
        "ended": ended,
        "form": form,
        "referred_at": referral_due(incident),
    }
    return render(request, "casework/call_guide.html", context)


@require_POST
@requires("casework.add_incident")
def call_step(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_change(request.user, pk)
    step = request.POST.get("step", "")
    with refusal_shown(request) as refusal:
        record_call_step(incident, step, actor=request.user)
    if not refusal:
        messages.success(request, f"Recorded: {STEP_TITLES[step]}.")
    return redirect("casework:call", pk=incident.pk)


@require_POST
@requires("casework.add_incident")
def call_finish(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_change(request.user, pk)
    form = CallFinishForm(request.POST)
    if form.is_valid():
        with refusal_shown(form) as refusal:
            finish_call(incident, form.details(), actor=request.user)
        if not refusal:
            messages.success(
                request,
                "The incident is recorded and Senior Management has been informed."
                + (
                    " A senior manager will contact you about support."
                    if form.cleaned_data.get("wants_support")
                    else ""
                ),
            )
            return redirect("casework:incident", pk=incident.pk)
    done = [s["step"] for s in incident.call_steps]
    context: dict[str, Any] = {
        "incident": incident,
        "client": incident.client,
        "steps": [],
        "ended": rules.CALL_END_STEP in done,
        "form": form,
    }
    return render(request, "casework/call_guide.html", context, status=400)
