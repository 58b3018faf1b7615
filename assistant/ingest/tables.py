"""Tables as blocks: a plan table's rows under their column headers, other tables as paragraphs.

Every loader that meets a table (DOCX, HTML, text) hands its rows here."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.ingest.columns import fill_continued, is_header_row, render_row
from assistant.models import PARAGRAPH, TABLE_ROW, Block, Cell


def table_blocks(rows: Sequence[Sequence[str]], page: int | None = None) -> list[Block]:
    """Turn one table's rows into blocks: plan rows under a header row as TABLE_ROW, other tables as paragraphs."""
    if not rows or not is_header_row(rows[0]):
        return [Block(PARAGRAPH, " | ".join(_distinct(row)), page=page) for row in rows if _distinct(row)]
    headers = [" ".join(text.split()) for text in rows[0]]
    # A header row repeated further down (a page break in Word, a pasted table) is not data.
    body = [list(row) for row in rows[1:] if not is_header_row(row)]
    blocks = []
    for texts, continued in fill_continued(headers, body):
        cells = tuple(Cell(header, text) for header, text in zip(headers, texts))
        if any(cell.text.strip() for cell in cells):
            blocks.append(Block(TABLE_ROW, render_row(cells), page=page, cells=cells, continued=continued))
    return blocks


def _distinct(row: Sequence[str]) -> list[str]:
    """The row's non-empty cell texts, each once (a merged cell is read once per column it spans)."""
    texts: list[str] = []
    for text in row:
        if text.strip() and text.strip() not in texts:
            texts.append(text.strip())
    return texts
