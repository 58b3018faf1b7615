"""Read corpus files into Documents of structural blocks: PDF, DOCX, plain text, Markdown and HTML.

Loading only finds structure (headings, paragraphs, list items, table rows); `clean` then
tidies the text. A file that cannot be read becomes a `LoadFailure` with a reason a staff
member can act on, and the rest of the corpus still loads.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.columns import fill_continued, is_header_row, render_row
from assistant.errors import AssistantError, UnreadableDocument, UnsupportedFormat
from assistant.models import HEADING, PARAGRAPH, TABLE_ROW, Block, Cell, Document, LoadFailure
from assistant.settings import Settings

SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".html", ".htm")
_FORMATS = "PDF, DOCX, TXT, MD, HTML"


def document_id(relative_path: str) -> str:
    """Return a stable, URL-safe slug for a corpus-relative path ("Plan 2026.docx" → "plan-2026-docx")."""
    decomposed = unicodedata.normalize("NFKD", relative_path.lower())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "dokument"


def load_document(path: Path, corpus: Path, settings: Settings | None = None) -> Document:
    """Load one corpus file into a Document, or raise UnreadableDocument / UnsupportedFormat."""
    settings = settings or Settings()
    name = _relative(path, corpus)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormat(name, f"filtypen {suffix or '(ingen filändelse)'} stöds inte ({_FORMATS})")
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise UnreadableDocument(name, f"filen kan inte öppnas ({exc.strerror or exc})") from exc
    if not data:
        raise UnreadableDocument(name, "tom fil")
    if len(data) > settings.max_bytes:
        raise UnreadableDocument(name, f"filen är för stor ({_megabytes(len(data))}, gränsen är "
                                       f"{_megabytes(settings.max_bytes)})")
    blocks, pages = _read(path, name, suffix, data, settings)
    if not any(block.text.strip() for block in blocks):
        raise UnreadableDocument(name, "ingen text hittades i filen")
    if sum(len(block.text) for block in blocks) > settings.max_chars:
        raise UnreadableDocument(name, f"dokumentet har mer text än gränsen på {settings.max_chars} tecken")
    return Document(
        doc_id=document_id(name),
        path=name,
        title=_title(blocks, path),
        kind=suffix[1:],
        blocks=tuple(blocks),
        pages=pages,
        sha256=hashlib.sha256(data).hexdigest(),
        mtime=mtime,
    )


def load_corpus(
    corpus: Path,
    settings: Settings | None = None,
    skip: Callable[[Path, str], bool] | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> tuple[list[Document], list[LoadFailure], list[str]]:
    """Load every file under `corpus`; return documents, failures, and the paths `skip` kept as they were.

    `skip(path, sha256)` lets an index build keep a file unchanged since last time without
    reading its structure again; `on_file(done, total)` reports progress.
    """
    files = corpus_files(corpus)
    documents: list[Document] = []
    failures: list[LoadFailure] = []
    skipped: list[str] = []
    for done, path in enumerate(files):
        if on_file:
            on_file(done, len(files))
        name = _relative(path, corpus)
        try:
            if skip and skip(path, hashlib.sha256(path.read_bytes()).hexdigest()):
                skipped.append(name)
                continue
            documents.append(load_document(path, corpus, settings))
        except UnreadableDocument as exc:
            failures.append(LoadFailure(name, exc.reason))
        except OSError as exc:
            failures.append(LoadFailure(name, f"filen kan inte öppnas ({exc.strerror or exc})"))
    if on_file:
        on_file(len(files), len(files))
    return documents, failures, skipped


def corpus_files(corpus: Path) -> list[Path]:
    """List the corpus's files in sorted order, leaving out hidden files and folders."""
    found = []
    for path in corpus.rglob("*"):
        parts = path.relative_to(corpus).parts
        if path.is_file() and not any(part.startswith(".") for part in parts):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(corpus).as_posix())


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 when a BOM or NUL bytes say so, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Text in UTF-16 without a BOM is full of NUL bytes, which no 8-bit text has.
    if data[:2000].count(0) > len(data[:2000]) // 4:
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    return data.decode("cp1252", errors="replace")


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


def _read(path: Path, name: str, suffix: str, data: bytes, settings: Settings) -> tuple[list[Block], int | None]:
    # Readers are imported when their format is met: they import `table_blocks` from here.
    try:
        if suffix == ".pdf":
            from assistant.load_pdf import load_pdf

            return load_pdf(path, settings.max_pages)
        if suffix == ".docx":
            from assistant.load_docx import load_docx

            _check_unpacked(path, name, settings)
            return load_docx(path), None
        if suffix in (".html", ".htm"):
            from assistant.load_html import html_blocks

            return html_blocks(decode_text(data)), None
        from assistant.load_text import text_blocks

        return text_blocks(decode_text(data), markdown=suffix == ".md"), None
    except AssistantError:
        raise
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(name, "filen är ingen giltig Word-fil (DOCX); den kan vara skadad") from exc
    except Exception as exc:  # any library error on a damaged file becomes one readable reason
        raise UnreadableDocument(name, f"filen kan inte läsas ({type(exc).__name__}: {exc})") from exc


def _check_unpacked(path: Path, name: str, settings: Settings) -> None:
    # A DOCX is a zip: a small file can unpack to gigabytes, so the limit applies unpacked too.
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > settings.max_bytes:
        raise UnreadableDocument(name, f"Word-filen packas upp till {_megabytes(unpacked)}, mer än gränsen "
                                       f"{_megabytes(settings.max_bytes)}")


def _relative(path: Path, corpus: Path) -> str:
    for inside, folder in ((path, corpus), (path.absolute(), corpus.absolute())):
        try:
            return inside.relative_to(folder).as_posix()
        except ValueError:
            continue
    return path.name


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _title(blocks: Sequence[Block], path: Path) -> str:
    for block in blocks:
        if block.kind == HEADING and block.text.strip():
            return " ".join(block.text.split())
    for block in blocks:
        first = block.text.strip().split("\n")[0].strip()
        if first and len(first) <= 120 and block.kind != TABLE_ROW:
            return " ".join(first.split())
    return path.stem


def _distinct(row: Sequence[str]) -> list[str]:
    """The row's non-empty cell texts, each once (a merged cell is read once per column it spans)."""
    texts: list[str] = []
    for text in row:
        if text.strip() and text.strip() not in texts:
            texts.append(text.strip())
    return texts
