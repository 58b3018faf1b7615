"""Read a Word file (DOCX) into blocks, walking paragraphs and tables in the order the body holds them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from assistant.errors import UnreadableDocument
from assistant.ingest.tables import table_blocks
from assistant.models import HEADING, LIST_ITEM, PARAGRAPH, Block

# Built-in heading styles keep their English names in python-docx; Swedish templates add their own.
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)", re.IGNORECASE)
_TITLE_STYLES = {"title": 1, "titel": 1, "rubrik": 1, "subtitle": 2, "underrubrik": 2}


def load_docx(path: Path) -> list[Block]:
    """Read a DOCX file's headings, paragraphs, list items and table rows in reading order."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError) as exc:  # KeyError: a zip without Word's parts
        raise UnreadableDocument(str(path), "filen är ingen giltig Word-fil (DOCX); den kan vara skadad") from exc
    except etree.XMLSyntaxError as exc:  # also what lxml says to an entity bomb ("billion laughs")
        raise UnreadableDocument(str(path), f"Word-filens innehåll är inte giltig XML; den kan vara skadad "
                                            f"eller manipulerad ({exc.msg})") from exc
    blocks: list[Block] = []
    for element in _body_elements(document.element.body):
        if element.tag == qn("w:p"):
            block = _paragraph_block(Paragraph(element, document))
            if block is not None:
                blocks.append(block)
        else:
            blocks.extend(table_blocks(_table_rows(Table(element, document))))
    return blocks


def _body_elements(parent: Any) -> Iterator[Any]:
    """The body's paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content)


def _paragraph_block(paragraph: Paragraph) -> Block | None:
    text = paragraph.text.strip()
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = _HEADING_STYLE.match(style)
    if heading:
        return Block(HEADING, text, level=max(1, int(heading.group(1))))
    if style.lower() in _TITLE_STYLES:
        return Block(HEADING, text, level=_TITLE_STYLES[style.lower()])
    if _is_list(paragraph, style):
        return Block(LIST_ITEM, text)
    return Block(PARAGRAPH, text)


def _is_list(paragraph: Paragraph, style: str) -> bool:
    if "list" in style.lower():
        return True
    properties = paragraph._p.pPr
    return properties is not None and properties.find(qn("w:numPr")) is not None


def _table_rows(table: Table) -> list[list[str]]:
    """Each row's cell texts, one per grid column; a merged cell's text appears once."""
    rows: list[list[str]] = []
    above: list[Any] = []
    for row in table.rows:
        texts = [""] * row.grid_cols_before
        elements: list[Any] = [None] * row.grid_cols_before
        for cell in row.cells:
            spans_left = bool(elements) and cell._tc is elements[-1]
            # A cell merged down from the row above, at the start of the row, is left empty so
            # the row reads as a continuation (its leading cells are filled from the row above).
            merged_down = len(elements) < len(above) and cell._tc is above[len(elements)]
            leading = not any(text.strip() for text in texts)
            repeated = spans_left or (merged_down and leading)
            texts.append("" if repeated else _cell_text(cell))
            elements.append(cell._tc)
        rows.append(texts)
        above = elements
    return rows


def _cell_text(cell: Any) -> str:
    # Each paragraph on its own line, so numbered steps ("1. …", "2. …") stay apart.
    return "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
