"""The dashboard, its exports and the monthly PDF: senior managers only, audited."""

from __future__ import annotations

import io

import pytest
from django.test import Client as HttpClient
from django.utils import timezone
from openpyxl import load_workbook

from conduct.audit.models import AuditEvent
from tests.privacy.conftest import History

pytestmark = pytest.mark.django_db

PAGES = [
    "/reports/",
    "/reports/export.csv",
    "/reports/export.xlsx",
    "/reports/monthly.pdf?month=2026-01",
]


def test_only_senior_managers_see_reports(
    as_staff: HttpClient, as_admin: HttpClient, as_outsider: HttpClient, as_manager: HttpClient
) -> None:
    for http in (as_staff, as_admin, as_outsider):
        for url in PAGES:
            assert http.get(url).status_code == 403, url
    assert HttpClient().get("/reports/").status_code == 302
    assert as_manager.get("/reports/").status_code == 200
    nav = as_manager.get("/clients/").content
    assert b'href="/reports/"' in nav
    assert b'href="/reports/"' not in as_staff.get("/clients/").content


def test_the_dashboard_shows_charts_with_tables_and_is_audited(
    history: History, as_manager: HttpClient
) -> None:
    response = as_manager.get("/reports/")
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "Incidents by category" in html and "Open cases by stage and age" in html
    assert "CL-000900" in html  # restrictions in force
    assert "style=" not in html.split("<main", 1)[1]
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    event = AuditEvent.objects.get(action="reports.dashboard.viewed")
    assert event.payload["end"] == timezone.localdate().isoformat()


def test_the_date_filter_narrows_the_figures(history: History, as_manager: HttpClient) -> None:
    html = as_manager.get("/reports/?start=2001-01-01&end=2001-12-31").content.decode()
    assert "1 January 2001" in html
    assert "Nothing to show for this period." in html
    bad = as_manager.get("/reports/?start=2001-12-31&end=2001-01-01").content.decode()
    assert "The end date must be on or after the start date." in bad


def test_csv_and_xlsx_exports(history: History, as_manager: HttpClient) -> None:
    today = timezone.localdate().isoformat()
    response = as_manager.get(f"/reports/export.csv?start=2020-01-01&end={today}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "Incidents by channel" in text and "Phone,1" in text
    response = as_manager.get("/reports/export.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert "Incidents by channel" in book.sheetnames
    formats = [e.payload["format"] for e in AuditEvent.objects.filter(action="reports.exported")]
    assert sorted(formats) == ["CSV", "XLSX"]


def test_the_monthly_report_is_a_pdf(history: History, as_manager: HttpClient) -> None:
    month = timezone.localdate().strftime("%Y-%m")
    response = as_manager.get(f"/reports/monthly.pdf?month={month}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert AuditEvent.objects.get(action="reports.exported").payload["format"] == "PDF"
    bad = as_manager.get("/reports/monthly.pdf?month=soon")
    assert bad.status_code == 400 and b"There is a problem" in bad.content
