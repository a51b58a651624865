"""Senior Management: the queue, a case with the client's history, the decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from conduct.audit.reads import Door
from conduct.casework import queries, rules
from conduct.casework.access import (
    get_case_for_change,
    is_manager,
    record_case_viewed,
)
from conduct.casework.forms import (
    AssignForm,
    DecisionForm,
    EvidenceForm,
    LinkCaseForm,
    NoteForm,
    OverrideForm,
    PoliceReferralForm,
    PoliceReferralUpdateForm,
)
from conduct.casework.models import Case, PoliceReferral
from conduct.casework.services import (
    PoliceReferralInput,
    RuleViolation,
    add_case_note,
    add_evidence,
    assign_case,
    link_cases,
    record_decision,
    record_override,
    record_police_referral,
    update_police_referral,
)
from conduct.casework.services.cases import has_prior_warning
from conduct.casework.services.common import today
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.policy.document import OUTCOME_TITLES

QUEUE_PAGE = 50  # open cases a page: the page's cost stays the same however many are open


@requires("casework.view_case")
def queue(request: HttpRequest) -> HttpResponse:
    day = today()
    page = Paginator(
        queries.queue().annotate(incident_count=Count("incidents")), QUEUE_PAGE
    ).get_page(request.GET.get("page"))
    open_cases: list[Any] = list(page.object_list)
    history = queries.histories(open_cases)
    # Each row's words and links made here, once, rather than by lookups and filters in the
    # template's loop (the page's rows are most of its cost).
    cases = [
        {
            "case": c,
            "url": reverse("casework:case", args=[c.pk]),
            "pk": str(c.pk),
            "opened": date_format(timezone.localtime(c.opened_at), "j M Y"),
            "due": date_format(c.due_on, "j M Y"),
            "overdue": rules.is_overdue(c.due_on, day),
            "incidents": str(c.incident_count),
            "history": history.get(c.pk),
            "assignee": (c.assigned_to.get_username() if c.assigned_to else "") or "Not assigned",
        }
        for c in open_cases
    ]
    clients = [c.client for c in open_cases if c.client is not None]
    return render(
        request, "casework/queue.html", {"cases": cases, "clients": clients, "page": page}
    )


def _case_context(request: HttpRequest, case: Case, **forms: Any) -> dict[str, Any]:
    incidents = list(
        case.incidents.select_related("recorded_by", "policy_version").order_by("occurred_at")
    )
    categories = {c for i in incidents for c in i.categories}
    client_id = case.client_id
    context: dict[str, Any] = {
        "case": case,
        "client": case.client,
        "incidents": incidents,
        "overdue": case.status == Case.OPEN and rules.is_overdue(case.due_on, today()),
        "notes": case.notes.select_related("author"),
        "evidence": case.evidence.all(),
        "police_suggested": rules.police_referral_suggested(categories),
        "timeline": queries.timeline_for(client_id, request.user) if client_id else [],
        "history": queries.histories([case]).get(case.pk),
        "other_open": Case.objects.filter(client_id=client_id, status=Case.OPEN).exclude(pk=case.pk)
        if client_id
        else [],
        "decision": getattr(case, "decision", None) if case.status == Case.DECIDED else None,
        "outcome_titles": OUTCOME_TITLES,
        "override_title": rules.ZERO_TOLERANCE_GROUNDS.get(case.override_ground, ""),
        "referrals": case.police_referrals.all(),
        "assign_form": AssignForm(initial={"assignee": case.assigned_to_id}),
        "note_form": NoteForm(),
        "link_form": LinkCaseForm(),
        "override_form": OverrideForm(),
        "evidence_form": EvidenceForm(),
        "police_form": PoliceReferralForm(initial={"referred_on": today()}),
    }
    context.update(forms)
    return context


@requires("casework.view_case")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_change(request.user, pk)
    if case.status == Case.MERGED and case.merged_into_id:
        return redirect("casework:case", pk=case.merged_into_id)
    record_case_viewed(request.user, case, door=Door.PAGE)
    return render(request, "casework/case_detail.html", _case_context(request, case))


def _post_action(
    request: HttpRequest, pk: int, form_class: type[Any], name: str, act: Callable[[Case, Any], str]
) -> HttpResponse:
    case = get_case_for_change(request.user, pk)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        with refusal_shown(form) as refusal:
            messages.success(request, act(case, form.cleaned_data))
        if not refusal:
            return redirect("casework:case", pk=case.pk)
    return render(
        request,
        "casework/case_detail.html",
        _case_context(request, case, failed_form=form, **{name: form}),
        status=400,
    )


@require_POST
@requires("casework.change_case")
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> str:
        assign_case(case, data["assignee"], actor=request.user)
        return "Case assigned."

    return _post_action(request, pk, AssignForm, "assign_form", act)


@require_POST
@requires("casework.change_case")
def case_note(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> str:
        add_case_note(case, data["text"], actor=request.user)
        return "Note added."

    return _post_action(request, pk, NoteForm, "note_form", act)


@require_POST
@requires("casework.change_case")
def case_link(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> str:
        other = Case.objects.filter(pk=data["other_case"]).first()
        if other is None:
            raise RuleViolation("link_same_client", f"There is no case {data['other_case']}.")
        link_cases(case, other, actor=request.user)
        return f"Case {other.pk} linked into this case."

    return _post_action(request, pk, LinkCaseForm, "link_form", act)


@require_POST
@requires("casework.add_decision")
def case_override(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> str:
        record_override(
            case,
            ground=data["ground"],
            reason=data["reason"],
            differs_reason=data.get("differs_reason", ""),
            actor=request.user,
        )
        return "Zero-tolerance override recorded."

    return _post_action(request, pk, OverrideForm, "override_form", act)


@require_POST
@requires("casework.change_case")
def case_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> str:
        upload = data["file"]
        add_evidence(upload, upload.name, actor=request.user, case=case)
        return "Evidence added."

    return _post_action(request, pk, EvidenceForm, "evidence_form", act)


@require_POST
@requires("casework.add_policereferral")
def case_police(request: HttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> str:
        if case.client is None:
            raise RuleViolation("case_has_client", "Link the incident to a client first.")
        referral = PoliceReferralInput(
            referred_on=data["referred_on"],
            force=data["force"],
            officer=data.get("officer", ""),
            crime_reference=data.get("crime_reference", ""),
            outcome=data.get("outcome", ""),
        )
        record_police_referral(case.client, referral, actor=request.user, case=case)
        return "Police referral recorded."

    return _post_action(request, pk, PoliceReferralForm, "police_form", act)


@requires("casework.add_decision")
def case_decide(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_change(request.user, pk)
    if case.status != Case.OPEN and request.method != "POST":
        messages.info(
            request,
            f"Case {case.pk} is {case.get_status_display().lower()}; it cannot be decided again.",
        )
        return redirect("casework:case", pk=case.pk)
    recorded = {c for i in case.incidents.all() for c in i.categories}
    form = DecisionForm(
        request.POST or None, initial={"version": case.version, "clauses": sorted(recorded)}
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form) as refusal:
            record_decision(
                case,
                form.decision_input(),
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        if not refusal:
            messages.success(request, "Decision recorded.")
            return redirect("casework:case", pk=case.pk)
    context = _case_context(request, case)
    context["form"] = form
    context["has_warning"] = case.client_id is not None and has_prior_warning(case.client_id)
    return render(request, "casework/decide.html", context, status=400 if form.errors else 200)


@require_POST
@requires("casework.add_policereferral")
def police_referral_update(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_manager(request.user):
        raise PermissionDenied("Only senior managers handle police referrals.")
    referral = PoliceReferral.objects.filter(pk=pk).first()
    if referral is None:
        raise Http404("No such police referral.")
    form = PoliceReferralUpdateForm(request.POST)
    if form.is_valid():
        update_police_referral(referral, actor=request.user, **form.cleaned_data)
        messages.success(request, "Police referral updated.")
    else:
        messages.error(request, "The referral was not updated: check the lengths of the fields.")
    if referral.case_id:
        return redirect("casework:case", pk=referral.case_id)
    return redirect("clients:detail", pk=referral.client_id)
