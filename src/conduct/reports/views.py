"""The management dashboard, its CSV/XLSX export and the monthly PDF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from conduct.audit.reads import Door
from conduct.core.access import requires
from conduct.reports import exports, metrics
from conduct.reports.access import dashboard_for_user, record_report_exported
from conduct.reports.charts import bar_chart
from conduct.reports.forms import MonthForm, PeriodForm
from conduct.reports.tables import Table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _charted(tables: list[Table]) -> list[dict[str, Any]]:
    return [{"table": t, "chart": bar_chart(f"chart-{t.key}", t.title, t.bars())} for t in tables]


@requires("reports.view_reports")
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    period = form.period(today)
    tables = dashboard_for_user(request.user, period, today, door=Door.PAGE)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "period": period,
            "items": _charted(tables),
            "query": f"start={period.start.isoformat()}&end={period.end.isoformat()}",
            "month_form": MonthForm(initial={"month": today.replace(day=1)}),
        },
    )


@requires("reports.view_reports")
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    today = timezone.localdate()
    period = PeriodForm(request.GET or None).period(today)
    tables = metrics.dashboard(period, today)
    if fmt == "csv":
        body: bytes = exports.to_csv(tables, period).encode("utf-8-sig")
    else:
        body = exports.to_xlsx(tables, period)
    record_report_exported(request.user, period, fmt=fmt.upper(), door=Door.EXPORT)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"conduct-report-{period.start.isoformat()}-to-{period.end.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires("reports.view_reports")
def monthly(request: HttpRequest) -> HttpResponse:
    from conduct.core.pdf import PdfUnavailable, html_to_pdf

    form = MonthForm(request.GET or None)
    if not form.is_valid():
        return render(request, "reports/monthly_form.html", {"form": form}, status=400)
    period = form.period()
    today = min(timezone.localdate(), period.end)
    tables = metrics.dashboard(period, today)
    html = render_to_string(
        "reports/monthly.html",
        {"period": period, "items": _charted(tables), "generated_at": timezone.now()},
    )
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailable as exc:
        return render(request, "503.html", {"message": str(exc)}, status=503)
    record_report_exported(request.user, period, fmt="PDF", door=Door.EXPORT)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"conduct-monthly-report-{period.start:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
