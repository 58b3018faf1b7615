"""Read a PowerPoint file (PPTX) into blocks: one run of blocks per slide, in slide order.

Each slide's title is a heading; its other text frames are paragraphs, or list items when the
slide writes them as bullets or indents them (their level kept); its tables are tables; its
speaker notes follow as a paragraph. Every block carries its slide's number as its page, so a
citation says which slide ("bild 3").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import UnreadableDocument
from assistant.ingest.tables import table_blocks
from assistant.models import HEADING, LIST_ITEM, PARAGRAPH, Block

# Placeholder kinds that hold a slide's title.
_TITLES = {"TITLE", "CENTER_TITLE", "VERTICAL_TITLE"}
# The prefix a speaker's notes are given, so that a reader of the passage sees what they are.
NOTES = "Anteckningar:"


def _is_title(shape: Any) -> bool:
    if not getattr(shape, "is_placeholder", False):
        return False
    kind = getattr(shape.placeholder_format.type, "name", "")
    return kind in _TITLES


def _frame_blocks(frame: Any, slide: int) -> list[Block]:
    """A text frame's paragraphs: a single line is a paragraph; several lines are a slide's bullets."""
    lines = [(paragraph.level, " ".join(paragraph.text.split())) for paragraph in frame.paragraphs]
    lines = [(level, text) for level, text in lines if text]
    if len(lines) == 1 and lines[0][0] == 0:
        return [Block(PARAGRAPH, lines[0][1], page=slide)]
    return [Block(LIST_ITEM, text, level=level, page=slide) for level, text in lines]


def _shape_blocks(shape: Any, slide: int) -> list[Block]:
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = [[" ".join(cell.text.split("\n")).strip() for cell in row.cells] for row in shape.table.rows]
        return table_blocks(rows, page=slide)
    if getattr(shape, "shape_type", None) is not None and shape.shape_type.name == "GROUP":
        return [block for inner in shape.shapes for block in _shape_blocks(inner, slide)]
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        return _frame_blocks(shape.text_frame, slide)
    return []


def _by_reading_order(shapes: Any) -> list[Any]:
    # Top to bottom, then left to right: the order a reader takes in a slide's boxes.
    return sorted(shapes, key=lambda shape: ((shape.top or 0) // 100_000, shape.left or 0))


def load_pptx(path: Path) -> tuple[list[Block], int]:
    """Read a PPTX file into blocks, each with its slide number as page; return them and the slide count."""
    import pptx
    from pptx.exc import PackageNotFoundError

    try:
        presentation = pptx.Presentation(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableDocument(str(path), "filen är ingen giltig PowerPoint-fil (PPTX); den kan vara skadad") from exc
    blocks: list[Block] = []
    slides = list(presentation.slides)
    for number, slide in enumerate(slides, start=1):
        shapes = _by_reading_order(slide.shapes)
        titles = [shape for shape in shapes if _is_title(shape) and shape.has_text_frame and shape.text_frame.text.strip()]
        if titles:
            blocks.append(Block(HEADING, " ".join(titles[0].text_frame.text.split()), level=1, page=number))
        for shape in shapes:
            if shape not in titles[:1]:
                blocks.extend(_shape_blocks(shape, number))
        if slide.has_notes_slide:
            notes = " ".join(slide.notes_slide.notes_text_frame.text.split())
            if notes:
                blocks.append(Block(PARAGRAPH, f"{NOTES} {notes}", page=number))
    return blocks, len(slides)
