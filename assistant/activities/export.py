"""The activity register as a spreadsheet: one set of columns, written as CSV or as XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from assistant.ingest.periods import describe_period
from assistant.models import Activity

# Column title, width in the spreadsheet, and how to read it from a record.
COLUMNS: tuple[tuple[str, int, Callable[[Activity], str]], ...] = (
    ("Mål", 40, lambda a: a.goal),
    ("Vad", 40, lambda a: a.what),
    ("Hur", 60, lambda a: a.how),
    ("Ansvarig", 28, lambda a: ", ".join(a.responsible)),
    ("Start", 14, lambda a: a.start),
    ("Startperiod", 14, lambda a: describe_period(a.start_period)),
    ("Deadline", 14, lambda a: a.deadline),
    ("Deadlineperiod", 14, lambda a: describe_period(a.deadline_period)),
    ("Uppföljning", 36, lambda a: a.follow_up),
    ("Status", 14, lambda a: a.status),
    ("Målgrupp", 16, lambda a: a.target_group),
    ("Dokument", 36, lambda a: a.title),
    ("Fil", 30, lambda a: a.document),
    ("Sida", 6, lambda a: "" if a.page is None else str(a.page)),
)
HEADERS = tuple(title for title, _width, _read in COLUMNS) + ("Källa",)
SHEET_TITLE = "Aktiviteter"


def export_rows(records: Sequence[Activity], link: Callable[[Activity], str]) -> list[list[str]]:
    """Return the register as rows of cell texts under `HEADERS`, each ending with its source link."""
    return [[read(record) for _title, _width, read in COLUMNS] + [link(record)] for record in records]


def _defused(value: str) -> str:
    # A cell starting like a formula would be run by a spreadsheet program; make it plain text.
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not value[1:2].isspace() else value


def to_csv(records: Sequence[Activity], link: Callable[[Activity], str]) -> bytes:
    """Write the register as CSV for Excel: UTF-8 with a byte-order mark, semicolons between cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows([[_defused(value) for value in row] for row in export_rows(records, link)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(records: Sequence[Activity], link: Callable[[Activity], str]) -> bytes:
    """Write the register as an Excel workbook: one sheet, a bold frozen header row and filters."""
    # Imported here: openpyxl takes a third of a second to import, which the server's start need not pay.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    for row in export_rows(records, link):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            # Text stays text, even text that starts with "=".
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        source = sheet.cell(sheet.max_row, len(HEADERS))
        source.hyperlink = row[-1]
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [width for _title, width, _read in COLUMNS] + [40]
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(sheet.max_row, 1)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
