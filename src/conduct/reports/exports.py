"""The dashboard's tables as CSV and as an XLSX workbook (one sheet per table).

Text that a spreadsheet would run as a formula (starting = + - @) is prefixed
with an apostrophe, so a client reference can never become a formula.
"""

from __future__ import annotations

import csv
import io

from conduct.reports.tables import Cell, Period, Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(tables: list[Table], period: Period) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Client Conduct management report", str(period)])
    for table in tables:
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow(["" if v is None else safe(v) for v in row])
        if table.note:
            writer.writerow([safe(table.note)])
    return buffer.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    base = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    name, n = base, 2
    while name in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def to_xlsx(tables: list[Table], period: Period) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Report"
    cover.append(["Client Conduct management report"])
    cover.append(["Period", str(period)])
    used = {"Report"}
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(table.columns))
        for row in table.rows:
            sheet.append([safe(v) for v in row])
        if table.note:
            sheet.append([])
            sheet.append([safe(table.note)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
