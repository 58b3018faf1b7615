"""Read a PDF into blocks: headings, paragraphs, list items and plan-table rows, page by page.

Text comes from pypdf with positions (`pdf_layout`); tables are rebuilt from those positions
(`pdf_tables`); the remaining lines are grouped here by font size, bullets and vertical gaps.
"""

from __future__ import annotations

import logging
import re
import struct
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, PyPdfError

from assistant.errors import UnreadableDocument
from assistant.ingest.pdf_layout import Line, build_vocabulary, ends_sentence, join_lines, read_page
from assistant.ingest.pdf_tables import Table, separate_tables
from assistant.models import HEADING, LIST_ITEM, PARAGRAPH, Block

# pypdf logs every oddity it repairs; the loader reports what matters as a LoadFailure.
logging.getLogger("pypdf").setLevel(logging.ERROR)
# AES needs the `cryptography` package, which pypdf only imports if it is installed.
_AES_UNSUPPORTED = ("PDF:en är krypterad med AES, som kräver Python-paketet cryptography; "
                    "spara en kopia utan kryptering eller installera paketet")
# What pypdf raises, besides its own errors, on a damaged file.
_PDF_ERRORS = (
    PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, struct.error, RecursionError
)
# Glyphs that mark a list item wherever they start a line.
_BULLETS = frozenset("•\uf0b7\uf0a7\uf076\uf0d8»❖▪■◦●○➢►✓")
# Marks that are bullets only when drawn apart from the text ("o" and dashes also occur in prose).
_SEPARATE_BULLETS = frozenset({"o", "–", "-", "*"})
# A table-of-contents entry: a title, leader dots, an ellipsis or a tab, and a page number.
_TOC_ENTRY = re.compile(r"^\S.*?(?:\.{3,}|…|\t)\s*\d{1,3}$")
_TOC = "toc"


@dataclass(frozen=True)
class _Style:
    """The body font size, heading sizes by level (level 1 first), and line spacing in font sizes."""

    body_size: float
    heading_sizes: tuple[float, ...]
    line_gap: float


@dataclass
class _Open:
    """A block being assembled from consecutive lines."""

    kind: str
    lines: list[str]
    first: Line
    last: Line
    level: int = 0
    text_x: float = 0.0


def load_pdf(path: Path, max_pages: int | None = None) -> tuple[list[Block], int]:
    """Read a PDF into blocks in reading order, each with its 1-based page, and return its page count."""
    blocks, count, scanned = pdf_text(path, max_pages)
    if not blocks:
        raise UnreadableDocument(str(path), "ingen text (skannad?)")
    return blocks, count


def pdf_text(path: Path, max_pages: int | None = None) -> tuple[list[Block], int, list[int]]:
    """Read a PDF's text layer into blocks; return them, the page count and the pages without text
    (scanned pages, which only OCR can read: see `ocr`)."""
    reader = _open_reader(path)
    try:
        count = len(reader.pages)
        if max_pages is not None and count > max_pages:
            raise UnreadableDocument(str(path), f"PDF:en har {count} sidor, fler än gränsen {max_pages}")
        layouts = [read_page(page, number) for number, page in enumerate(reader.pages, start=1)]
    except DependencyError as exc:
        raise UnreadableDocument(str(path), _AES_UNSUPPORTED) from exc
    except _PDF_ERRORS as exc:
        raise UnreadableDocument(str(path), f"PDF:en är skadad och kan inte läsas ({exc})") from exc
    lines = [line for layout in layouts for line in layout.lines]
    scanned = [number for number, layout in enumerate(layouts, start=1) if not layout.lines]
    if not lines:
        return [], count, scanned
    vocabulary = build_vocabulary(lines)
    items = separate_tables(layouts, vocabulary)
    style = _style([item for item in items if isinstance(item, Line)])
    blocks: list[Block] = []
    run: list[Line] = []
    for item in items:
        if isinstance(item, Table):
            blocks.extend(_text_blocks(run, style, vocabulary))
            blocks.extend(item.rows)
            run = []
        else:
            run.append(item)
    blocks.extend(_text_blocks(run, style, vocabulary))
    return blocks, count, scanned


def _open_reader(path: Path) -> PdfReader:
    try:
        if path.stat().st_size == 0:
            raise UnreadableDocument(str(path), "filen är tom (0 byte)")
        with path.open("rb") as file:
            if b"%PDF-" not in file.read(1024):
                raise UnreadableDocument(str(path), "filen är ingen PDF (PDF-huvudet saknas)")
        reader = PdfReader(path, strict=False)
    except OSError as exc:
        raise UnreadableDocument(str(path), f"filen kan inte öppnas ({exc.strerror or exc})") from exc
    except _PDF_ERRORS as exc:
        raise UnreadableDocument(str(path), f"PDF:en är skadad och kan inte läsas ({exc})") from exc
    if reader.is_encrypted:
        # Many PDFs are encrypted only to restrict printing or copying; they open without a password.
        try:
            opened = reader.decrypt("")
        except DependencyError as exc:
            raise UnreadableDocument(str(path), _AES_UNSUPPORTED) from exc
        except _PDF_ERRORS as exc:
            raise UnreadableDocument(str(path), "PDF:en är krypterad och kräver lösenord") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise UnreadableDocument(str(path), "PDF:en är krypterad och kräver lösenord")
    return reader


def _style(lines: Sequence[Line]) -> _Style:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text.strip())
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    heading_lines = Counter(round(line.size * 2) / 2 for line in lines if _is_heading_size(line.size, body))
    # The commonest heading size marks the document's sections; larger ones are titles, also level 1.
    main = heading_lines.most_common(1)[0][0] if heading_lines else 0.0
    headings = [main] + sorted((size for size in heading_lines if size < main), reverse=True)
    ratios = sorted(
        (above.y - below.y) / below.size
        for above, below in zip(lines, lines[1:])
        if above.page == below.page
        and abs(above.size - below.size) < 0.6
        and 0 < above.y - below.y < 2 * below.size
    )
    line_gap = ratios[len(ratios) // 2] if ratios else 1.35
    return _Style(body, tuple(headings), line_gap)


def _is_heading_size(size: float, body: float) -> bool:
    return size >= body * 1.15 and size >= body + 1


def _text_blocks(lines: Sequence[Line], style: _Style, vocabulary: frozenset[str]) -> list[Block]:
    """Group text lines into headings, list items and paragraphs with their hard wraps joined."""
    blocks: list[Block] = []
    current: _Open | None = None
    for index, line in enumerate(lines):
        kind, text, text_x = _classify(lines, index, style)
        if current is not None and _extends(current, kind, line, style):
            current.lines.append(text)
            current.last = line
            continue
        if current is not None:
            blocks.append(_close(current, vocabulary))
        current = _Open(kind, [text], line, line, _level(line, style) if kind == HEADING else 0, text_x)
    if current is not None:
        blocks.append(_close(current, vocabulary))
    return blocks


def _classify(lines: Sequence[Line], index: int, style: _Style) -> tuple[str, str, float]:
    """Return a line's kind, its text without any bullet, and where that text starts."""
    line = lines[index]
    text = line.text
    stripped = text.strip()
    first = line.fragments[0].text.strip()
    if len(line.fragments) > 1 and (first in _BULLETS or first in _SEPARATE_BULLETS):
        rest = line.fragments[1:]
        return LIST_ITEM, Line(rest, line.page).text, rest[0].x
    if len(stripped) > 1 and stripped[0] in _BULLETS:
        return LIST_ITEM, stripped[1:].lstrip(), line.x
    if _TOC_ENTRY.match(stripped):
        return _TOC, stripped, line.x
    if _is_heading_size(line.size, style.body_size) and len(stripped) <= 200:
        return HEADING, text, line.x
    if _bold_heading(lines, index, style):
        return HEADING, text, line.x
    return PARAGRAPH, text, line.x


def _bold_heading(lines: Sequence[Line], index: int, style: _Style) -> bool:
    """Tell whether a bold line of body size stands alone as a heading (be conservative)."""
    line = lines[index]
    stripped = line.text.strip()
    if not line.bold or len(stripped) > 80 or not stripped[0].isupper():
        return False
    if ends_sentence(stripped) or stripped.endswith((",", ";")):
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    return following is None or not following.bold or _gap(line, following) > style.line_gap * 1.3


def _gap(above: Line, below: Line) -> float:
    """The vertical distance between two lines in units of the lower line's size (infinite across pages)."""
    if above.page != below.page:
        return float("inf")
    return (above.y - below.y) / below.size


def _extends(current: _Open, kind: str, line: Line, style: _Style) -> bool:
    """Tell whether a line continues the block being assembled rather than starting a new one."""
    previous = current.last
    if kind == _TOC or current.kind == _TOC:
        return kind == current.kind
    if kind == HEADING or current.kind == HEADING:
        return kind == current.kind and abs(line.size - previous.size) < 0.6 and _gap(previous, line) < 1.6
    if kind == LIST_ITEM or abs(line.size - previous.size) >= 0.6:
        return False
    if current.kind == LIST_ITEM and line.x < current.text_x - 2:
        return False
    unfinished = not ends_sentence(current.lines[-1]) and line.text.lstrip()[:1].islower()
    if line.page != previous.page:
        # Only a real paragraph runs over a page break; a short block there is a page header or footer.
        return unfinished and line.page == previous.page + 1 and len(current.lines) > 1
    return _gap(previous, line) <= style.line_gap * 1.3 or unfinished


def _level(line: Line, style: _Style) -> int:
    size = round(line.size * 2) / 2
    if style.heading_sizes and size >= style.heading_sizes[0]:
        return 1
    if size in style.heading_sizes:
        return style.heading_sizes.index(size) + 1
    return len(style.heading_sizes) + 1


def _close(current: _Open, vocabulary: frozenset[str]) -> Block:
    if current.kind == _TOC:
        return Block(PARAGRAPH, "\n".join(line.strip() for line in current.lines), page=current.first.page)
    text = join_lines(current.lines, vocabulary)
    return Block(current.kind, text, level=current.level, page=current.first.page)
