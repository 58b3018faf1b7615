"""A document's title: its own metadata if it has a real one, else its first heading or first line, cleaned.

Staff see the title beside every source, so it should say what the document is. Word and
PDF files often carry one in their properties; a file saved from a template carries
"Dokument1" or "Microsoft Word - plan.docx", which is no title. A text file has only its
first line, which in a slide export runs on into the slide ("Mötesstruktur NOSAM 3 tim./5-6
vecka"): a title stops before a measurement (a number that is not a year), loses separators
at its ends ("Handlingsplan 2024/NOSAM Mölndal/"), and reads a slash between words as a dash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from assistant.models import HEADING, PARAGRAPH, TABLE_ROW, Block

MAX_CHARS = 100
# Titles that tools write for a file nobody named.
_PLACEHOLDER = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel) - .*|untitled.*|namnlös.*|dokument\s*\d*|document\s*\d*|"
    r"presentation\s*\d*|presentation1|rubrik|title|slide \d+|pdf)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d(?:[-–/]\d{2,4})?$")
_NUMBER = re.compile(r"^\d")


def metadata_title(path: Path) -> str:
    """The title a DOCX, PPTX or PDF file's properties give, or "" (never raises: a damaged file is
    reported by its reader, not here)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            import docx

            return str(docx.Document(str(path)).core_properties.title or "")
        if suffix == ".pptx":
            import pptx

            return str(pptx.Presentation(str(path)).core_properties.title or "")
        if suffix == ".xlsx":
            import openpyxl

            return str(openpyxl.load_workbook(str(path), read_only=True).properties.title or "")
        if suffix == ".pdf":
            from pypdf import PdfReader

            metadata = PdfReader(str(path)).metadata
            return str(metadata.title or "") if metadata else ""
    except Exception:  # a title is a nicety; the reader reports a file it cannot read
        return ""
    return ""


def clean_title(text: str) -> str:
    """Tidy a title: one line, no separators at its ends, a slash between words as a dash, cut
    before a measurement and at MAX_CHARS."""
    line = re.sub(r"(?<=\w)/(?=\w)", " – ", " ".join(text.split()).strip(" /|–-:;,."))
    kept: list[str] = []
    for word in line.split(" "):
        if kept and _NUMBER.match(word) and not _YEAR.match(word.strip(".,;:/")):
            break
        kept.append(word)
    title = " ".join(kept).strip(" /|–-:;,")
    if len(title) > MAX_CHARS:
        title = title[:MAX_CHARS].rsplit(" ", 1)[0] + " …"
    return title


def is_real_title(text: str, path: Path) -> bool:
    """Whether a metadata title names the document: not empty, not a placeholder, not the file name."""
    title = " ".join(text.split())
    return 3 <= len(title) <= 200 and not _PLACEHOLDER.match(title) and title.lower() != path.stem.lower()


def stated_title(blocks: Sequence[Block], path: Path) -> str:
    """The title as the text states it: its first heading, else its first short line, else the file name."""
    for block in blocks:
        if block.kind == HEADING and block.text.strip():
            return " ".join(block.text.split())
    for block in blocks:
        first = block.text.strip().split("\n")[0].strip()
        if first and len(first) <= 120 and block.kind != TABLE_ROW:
            return " ".join(first.split())
    return path.stem


def document_title(blocks: Sequence[Block], path: Path, metadata: str = "") -> str:
    """The document's title: its metadata's, its first heading, or its first line; else its file name."""
    if is_real_title(metadata, path):
        return clean_title(metadata)
    if path.suffix.lower() in (".xlsx", ".ods"):
        # A workbook's first heading is a sheet's name; the line above its table is its title.
        first = next((b.text for b in blocks if b.kind == PARAGRAPH and clean_title(b.text)), "")
        if first:
            return clean_title(first)
    for block in blocks:
        if block.kind == HEADING and clean_title(block.text):
            return clean_title(block.text)
    for block in blocks:
        first = block.text.strip().split("\n")[0]
        if block.kind != TABLE_ROW and clean_title(first):
            return clean_title(first)
    return path.stem
