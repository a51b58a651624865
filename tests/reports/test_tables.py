"""The pure parts of reports: periods, buckets, charts, exports. No database."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from conduct.reports.charts import bar_chart
from conduct.reports.exports import safe, to_csv, to_xlsx
from conduct.reports.tables import (
    AGE_BUCKETS,
    Period,
    Table,
    bucket,
    months_between,
    rate,
    summary,
)

TABLES = [
    Table(
        "a",
        "Incidents by channel",
        ["Channel", "Incidents"],
        [("Phone", 3), ("Email", 1)],
        "Incidents",
    ),
    Table("b", "Clients", ["Client", "Incidents"], [('=HYPERLINK("x")', 2)], note="-1 note"),
]
PERIOD = Period(date(2026, 1, 1), date(2026, 3, 31))


def test_periods() -> None:
    assert Period.month(2026, 2) == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert Period.month(2026, 12).end == date(2026, 12, 31)
    assert Period.last_year_to(date(2026, 11, 28)) == Period(date(2025, 12, 1), date(2026, 11, 28))
    assert Period.last_year_to(date(2026, 12, 5)).start == date(2026, 1, 1)
    assert months_between(Period(date(2025, 11, 20), date(2026, 2, 1))) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    with pytest.raises(ValueError, match="before its start"):
        Period(date(2026, 2, 1), date(2026, 1, 1))


def test_buckets_and_summaries() -> None:
    assert bucket(0, AGE_BUCKETS) == "0 to 7 days"
    assert bucket(8, AGE_BUCKETS) == "8 to 28 days"
    assert bucket(400, AGE_BUCKETS) == "Over 90 days"
    assert summary([]) == {"count": 0, "median": None, "mean": None, "longest": None}
    assert summary([1, 2, 10]) == {"count": 3, "median": 2, "mean": 4.3, "longest": 10}
    assert rate(1, 3) == 33.3 and rate(1, 0) is None


def test_charts_are_plain_svg_with_numbers_as_text() -> None:
    svg = str(bar_chart("c1", "Incidents <by> channel", TABLES[0].bars()))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="c1-title">Incidents &lt;by&gt; channel</title>' in svg
    assert ">3</text>" in svg and ">Phone</text>" in svg
    assert "style=" not in svg and "<script" not in svg
    assert str(bar_chart("c2", "Empty", [])) == ""
    evil = str(bar_chart("c3", "x", [("<script>alert(1)</script>", 1.0)]))
    assert "<script>" not in evil


def test_spreadsheet_formulas_are_defused() -> None:
    assert safe("=1+1") == "'=1+1" and safe("@x") == "'@x" and safe("ok") == "ok"
    assert safe(-1) == -1


def test_csv_has_every_table_with_its_columns() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(TABLES, PERIOD))))
    assert rows[0] == ["Client Conduct management report", "2026-01-01 to 2026-03-31"]
    assert ["Incidents by channel"] in rows and ["Phone", "3"] in rows
    assert ['\'=HYPERLINK("x")', "2"] in rows and ["'-1 note"] in rows


def test_xlsx_has_a_sheet_per_table() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(TABLES, PERIOD)))
    assert book.sheetnames == ["Report", "Incidents by channel", "Clients"]
    sheet = book["Incidents by channel"]
    assert [c.value for c in sheet[3]] == ["Phone", 3]
    assert book["Clients"]["A3"].value == '\'=HYPERLINK("x")'
