"""Read an OpenDocument text (ODT, with odfdo) into blocks: headings, paragraphs, lists and tables in order.

Many ODT files are saved from a PDF or a text: each printed line is a paragraph of its own, and an
empty paragraph separates what were paragraphs. Such a document is read as the text reader reads a
hard-wrapped text file; any other paragraph is a paragraph. Headings keep their outline level,
list items their nesting, and a table's rows go to `tables.table_blocks` as a Word table's do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import UnreadableDocument
from assistant.ingest.tables import table_blocks
from assistant.ingest.text import text_blocks
from assistant.models import HEADING, LIST_ITEM, Block

# With this share of empty paragraphs or more, the paragraphs are a hard-wrapped text's lines.
WRAPPED_SHARE = 0.1


def _text(element: Any) -> str:
    return str(element.text_recursive or "").strip()


def _list_items(element: Any, level: int = 0) -> Iterator[Block]:
    for item in element.get_elements("text:list-item"):
        for child in item.children:
            if child.tag == "text:list":
                yield from _list_items(child, level + 1)
            elif _text(child):
                yield Block(LIST_ITEM, " ".join(_text(child).split()), level=level)


def _table_rows(table: Any) -> list[list[str]]:
    return [[" ".join(_text(cell).split("\n")).strip() if cell.tag == "table:table-cell" else ""
             for cell in row.traverse()] for row in table.traverse()]


def load_odt(path: Path) -> list[Block]:
    """Read an ODT file into blocks, in document order."""
    from odfdo import Document as OdfDocument

    try:
        children = list(OdfDocument(str(path)).body.children)
    except Exception as exc:  # odfdo raises many kinds for a damaged file
        raise UnreadableDocument(str(path), "filen är ingen giltig OpenDocument-fil (ODT); den kan vara skadad") from exc
    paragraphs = [child for child in children if child.tag == "text:p"]
    wrapped = bool(paragraphs) and sum(not _text(p) for p in paragraphs) >= WRAPPED_SHARE * len(paragraphs)
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.extend(text_blocks("\n".join(lines)))
            lines.clear()

    for child in children:
        if child.tag == "text:p":
            # A hard-wrapped line joins its paragraph; a real paragraph stands alone.
            lines.append(child.text_recursive or "")
            if not wrapped:
                lines.append("")
        elif child.tag == "text:h":
            flush()
            level = int(child.get_attribute("text:outline-level") or 1)
            if _text(child):
                blocks.append(Block(HEADING, " ".join(_text(child).split()), level=level))
        elif child.tag == "text:list":
            flush()
            blocks.extend(_list_items(child))
        elif child.tag == "table:table":
            flush()
            blocks.extend(table_blocks(_table_rows(child)))
    flush()
    return blocks
