"""Demand analytics: a client's demand profile, and the organisation's outliers."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from conduct.audit.reads import Door
from conduct.clients.access import get_client_for_change
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.correspondence import demand
from conduct.correspondence.access import get_demand_client_for_user
from conduct.correspondence.chart import weekly_chart
from conduct.correspondence.demand_rules import PERSISTENCE_REMINDER, reasons
from conduct.correspondence.forms import DemandCaseForm, PeriodForm
from conduct.correspondence.services import open_demand_case


def _days(request: HttpRequest) -> int:
    form = PeriodForm(request.GET or None)
    if form.is_valid() and form.cleaned_data.get("days"):
        return int(form.cleaned_data["days"])
    return demand.thresholds().period_days


@requires("correspondence.view_demand", "clients.view_client")
def demand_profile(request: HttpRequest, client_pk: int) -> HttpResponse:
    days = _days(request)
    client = get_demand_client_for_user(request.user, client_pk, days=days, door=Door.PAGE)
    t = demand.thresholds()
    start, end = demand.window(days)
    figures = demand.client_figures(client.pk, start, end, t)
    org = demand.organisation(start, end)
    weeks = demand.weekly_counts(figures, start, end)
    chart = weekly_chart(
        weeks,
        [
            ("Organisation median", org.median, "line-median"),
            ("95th percentile", org.p95, "line-p95"),
            ("99th percentile", org.p99, "line-p99"),
        ],
    )
    return render(
        request,
        "correspondence/demand_profile.html",
        {
            "client": client,
            "days": days,
            "period_form": PeriodForm(initial={"days": days}),
            "figures": figures,
            "org": org,
            "weeks": weeks,
            "chart": chart,
            "reasons": reasons(figures, org, t),
            "reminder": PERSISTENCE_REMINDER,
            "case_form": DemandCaseForm(),
        },
    )


@requires("correspondence.view_demand")
def outlier_list(request: HttpRequest) -> HttpResponse:
    days = _days(request)
    t = demand.thresholds()
    start, end = demand.window(days)
    rows, org = demand.outliers(start, end, t)
    return render(
        request,
        "correspondence/outliers.html",
        {
            "rows": rows,
            "org": org,
            "days": days,
            "thresholds": t,
            "period_form": PeriodForm(initial={"days": days}),
            "reminder": PERSISTENCE_REMINDER,
        },
    )


@require_POST
@requires("correspondence.view_demand", "casework.add_incident")
def open_case(request: HttpRequest, client_pk: int) -> HttpResponse:
    client = get_client_for_change(request.user, client_pk)
    form = DemandCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The note is too long (2,000 characters at most).")
        return redirect("correspondence:demand", client_pk=client.pk)
    t = demand.thresholds()
    days = _days(request) if request.GET else t.period_days
    start, end = demand.window(days)
    with refusal_shown(request) as refusal:
        incident = open_demand_case(
            client,
            figures=demand.client_figures(client.pk, start, end, t),
            org=demand.organisation(start, end),
            thresholds=t,
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    if refusal:
        return redirect("correspondence:demand", client_pk=client.pk)
    messages.success(
        request,
        format_html(
            '<a href="{}">Case {}</a> opened for Senior Management, citing the figures.',
            reverse("casework:case", args=[incident.case_id]),
            incident.case_id,
        ),
    )
    return redirect("correspondence:demand", client_pk=client.pk)
