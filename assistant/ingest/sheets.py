"""Read a workbook (XLSX with openpyxl, ODS with odfdo) into blocks: each sheet a section.

A sheet's first row that reads as a table's header row (see `columns.is_header_row`) heads its
table, even when a title and a version line stand above it; the lines above are paragraphs, and
each row below becomes a table row with its column headers, as a Word table's rows do, so an
activity table in a workbook feeds the activity register the same way. A value is shown as the
sheet shows it: a year stored as a number reads "2026", not "2026.0"; a date formatted as a
month reads "jan 2026"; a decimal has a decimal comma.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import UnreadableDocument
from assistant.ingest.columns import is_header_row
from assistant.ingest.tables import table_blocks
from assistant.models import HEADING, PARAGRAPH, Block

# How far down a sheet its header row may stand (below a title, a version line, empty rows).
HEADER_SEARCH = 15
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december")


def shown_value(value: Any, number_format: str = "General") -> str:
    """A cell's value as the sheet shows it, in Swedish conventions."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, (dt.datetime, dt.date)):
        fmt = number_format.lower()
        if "mmmm" in fmt:
            return f"{MONTH_NAMES[value.month - 1]} {value.year}"
        if "mmm" in fmt:
            return f"{MONTHS[value.month - 1]} {value.year}"
        if isinstance(value, dt.datetime) and (value.hour or value.minute):
            return value.strftime("%Y-%m-%d %H:%M")
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        if "%" in number_format:
            return f"{value * 100:g} %".replace(".", ",")
        return f"{value:g}".replace(".", ",")
    return str(value).strip()


def sheet_blocks(name: str, sheet: Sequence[Sequence[str]]) -> list[Block]:
    """One sheet's blocks: its name as a heading, lines above its table as paragraphs, then the table."""
    rows = [list(row) for row in sheet]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not any(cell.strip() for row in rows for cell in row):
        return []
    blocks = [Block(HEADING, name, level=1)]
    header = next((i for i, row in enumerate(rows[:HEADER_SEARCH]) if is_header_row(row)), None)
    above = rows if header is None else rows[:header]
    for row in above:
        cells = [cell for cell in row if cell.strip()]
        if cells:
            blocks.append(Block(PARAGRAPH, " | ".join(cells)))
    if header is not None:
        width = max(i for i, cell in enumerate(rows[header]) if cell.strip()) + 1
        table = [row[:width] + [""] * (width - len(row[:width])) for row in rows[header:]]
        blocks.extend(table_blocks([row for row in table if any(cell.strip() for cell in row)]))
    return blocks


def _xlsx_sheets(path: Path) -> Iterable[tuple[str, list[list[str]]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableDocument(str(path), "filen är ingen giltig Excel-fil (XLSX); den kan vara skadad") from exc
    try:
        for sheet in workbook.worksheets:
            rows = [[shown_value(cell.value, getattr(cell, "number_format", "General") or "General") for cell in row]
                    for row in sheet.iter_rows()]
            yield sheet.title, rows
    finally:
        workbook.close()


def _ods_sheets(path: Path) -> Iterable[tuple[str, list[list[str]]]]:
    from odfdo import Document as OdfDocument

    try:
        document = OdfDocument(str(path))
        tables = document.body.get_tables()
    except Exception as exc:  # odfdo raises many kinds for a damaged file
        raise UnreadableDocument(str(path), "filen är ingen giltig OpenDocument-fil (ODS); den kan vara skadad") from exc
    for table in tables:
        rows = [[shown_value(cell.value) if not isinstance(cell.value, str) else " ".join(
            (cell.value or "").split("\n")).strip() for cell in row.traverse()] for row in table.traverse()]
        yield table.name or "Blad", rows


def load_sheets(path: Path) -> list[Block]:
    """Read a workbook's sheets into blocks, in sheet order."""
    sheets = _ods_sheets(path) if path.suffix.lower() == ".ods" else _xlsx_sheets(path)
    return [block for name, rows in sheets for block in sheet_blocks(name, rows)]
