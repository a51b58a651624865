from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from conduct.audit.reads import Door
from conduct.core.access import allow
from conduct.reports.access import dashboard_for_user
from conduct.reports.tables import Cell, Period

router = Router(tags=["reports"])


class TableOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str


class DashboardOut(Schema):
    start: date
    end: date
    tables: list[TableOut]


@router.get("/dashboard", response=DashboardOut, summary="The management dashboard's figures")
@allow("reports.view_reports")
def dashboard(request: HttpRequest, start: date | None = None, end: date | None = None) -> object:
    today = timezone.localdate()
    default = Period.last_year_to(today)
    period = Period(start or default.start, end or today)
    tables = dashboard_for_user(request.user, period, today, door=Door.API)
    return {
        "start": period.start,
        "end": period.end,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "columns": t.columns,
                "rows": [list(row) for row in t.rows],
                "note": t.note,
            }
            for t in tables
        ],
    }
