"""Read corpus files into Documents of structural blocks: PDF, DOCX, plain text, Markdown and HTML.

Loading only finds structure (headings, paragraphs, list items, table rows); `clean` then
tidies the text. A file that cannot be read becomes a `LoadFailure` with a reason a staff
member can act on, and the rest of the corpus still loads. Files are checked before they
are read (links, names, size, what the content really is), and each is read in a worker
process that is stopped after `max_seconds` (see `limits`)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.errors import AssistantError, UnreadableDocument, UnsupportedFormat
from assistant.ingest.docx import load_docx
from assistant.ingest.html import html_blocks
from assistant.ingest.limits import TimedWorker, check_unpacked, megabytes
from assistant.ingest.ocr import read_scanned_pages
from assistant.ingest.odt import load_odt
from assistant.ingest.pdf import pdf_text
from assistant.ingest.pptx import load_pptx
from assistant.ingest.sheets import load_sheets
from assistant.ingest.sniff import EXPECTED, ZIPPED, content_problem, decode_text
from assistant.ingest.text import text_blocks
from assistant.ingest.titles import document_title, metadata_title, stated_title
from assistant.models import Block, Document, LoadFailure
from assistant.settings import Settings

SUFFIXES = (".pdf", ".docx", ".pptx", ".xlsx", ".ods", ".odt", ".txt", ".md", ".html", ".htm")
_FORMATS = "PDF, DOCX, PPTX, XLSX, ODS, ODT, TXT, MD, HTML"
# Older formats that open in the same programs, and what to save them as.
_SAVE_AS = {".doc": "DOCX", ".rtf": "DOCX", ".wpd": "DOCX", ".ppt": "PPTX", ".pps": "PPTX", ".xls": "XLSX",
            ".odp": "PPTX eller PDF", ".pages": "DOCX eller PDF", ".key": "PPTX eller PDF", ".numbers": "XLSX"}
_WORD = re.compile(r"\w")
# What a worker process imports (every reader) before its time limit starts to count.
_READERS = ("assistant.ingest.corpus",)


def document_id(relative_path: str) -> str:
    """Return a stable, URL-safe slug for a corpus-relative path ("Plan 2026.docx" → "plan-2026-docx")."""
    decomposed = unicodedata.normalize("NFKD", relative_path.lower())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "dokument"


def load_document(path: Path, corpus: Path, settings: Settings | None = None) -> Document:
    """Load one corpus file into a Document, or raise UnreadableDocument / UnsupportedFormat.

    Pages without text (scans) are listed in `Document.scanned`, for `read_scanned_pages` to read
    by OCR (`load_corpus` does, each page with a time limit of its own)."""
    settings = settings or Settings()
    name = _relative(path, corpus)
    suffix = path.suffix.lower()
    check_file(path, name, settings)
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise UnreadableDocument(name, f"filen kan inte öppnas ({exc.strerror or exc})") from exc
    problem = content_problem(suffix, data)
    if problem:
        raise UnreadableDocument(name, problem)
    blocks, pages, scanned = _read(path, name, suffix, data, settings)
    if not scanned and not any(_WORD.search(block.text) for block in blocks):
        raise UnreadableDocument(name, "ingen text hittades i filen")
    if sum(len(block.text) for block in blocks) > settings.max_chars:
        raise UnreadableDocument(name, f"dokumentet har mer text än gränsen på {settings.max_chars} tecken")
    return Document(
        doc_id=document_id(name),
        path=name,
        title=document_title(blocks, path, metadata_title(path)),
        heading=stated_title(blocks, path),
        scanned=tuple(scanned),
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
    on_page: Callable[[int, int], None] | None = None,
    notes: list[str] | None = None,
) -> tuple[list[Document], list[LoadFailure], list[str]]:
    """Load every file under `corpus`; return documents, failures, and the paths `skip` kept as they were.

    `skip(path, sha256)` lets an index build keep a file unchanged since last time without
    reading its structure again; `on_file(done, total)` reports progress, and `on_page(done,
    total)` a file's scanned pages as OCR reads them. A page OCR cannot read is added to `notes`;
    the rest of its file is indexed.
    """
    settings = settings or Settings()
    files = corpus_files(corpus)
    ids = unique_ids([_relative(path, corpus) for path in files])
    documents: list[Document] = []
    failures: list[LoadFailure] = []
    skipped: list[str] = []
    worker = TimedWorker(settings.max_seconds, _READERS) if settings.max_seconds > 0 else None
    with worker or contextlib.nullcontext():
        for done, path in enumerate(files):
            if on_file:
                on_file(done, len(files))
            name = _relative(path, corpus)
            try:
                check_file(path, name, settings)
                if skip and skip(path, _file_sha256(path)):
                    skipped.append(name)
                    continue
            except UnreadableDocument as exc:
                failures.append(LoadFailure(printable(name), exc.reason))
                continue
            except OSError as exc:
                failures.append(LoadFailure(printable(name), f"filen kan inte öppnas ({exc.strerror or exc})"))
                continue
            loaded = _load_in(worker, path, corpus, settings)
            if not isinstance(loaded, LoadFailure) and loaded.scanned:
                loaded = read_scanned_pages(loaded, path, worker, settings, on_page, notes)
            if isinstance(loaded, LoadFailure):
                failures.append(loaded)
            else:
                documents.append(dataclasses.replace(loaded, doc_id=ids.get(name, loaded.doc_id)))
    if on_file:
        on_file(len(files), len(files))
    return documents, failures, skipped


def check_file(path: Path, name: str, settings: Settings) -> None:
    """Refuse, before reading it, a corpus entry that is a link, oddly named, of another type, empty or too big."""
    if path.is_symlink():
        raise UnreadableDocument(name, "filen är en symbolisk länk; länkar följs inte, lägg in själva filen")
    if printable(name) != name:
        raise UnreadableDocument(printable(name), "filnamnet har tecken som inte kan läsas; byt namn på filen")
    suffix = path.suffix.lower()
    if suffix in _SAVE_AS:
        raise UnsupportedFormat(name, f"filtypen {suffix} stöds inte; öppna filen och spara den som {_SAVE_AS[suffix]}, "
                                      f"så kan den läsas")
    if suffix not in SUFFIXES:
        raise UnsupportedFormat(name, f"filtypen {suffix or '(ingen filändelse)'} stöds inte ({_FORMATS})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableDocument(name, f"filen kan inte öppnas ({exc.strerror or exc})") from exc
    if size == 0:
        raise UnreadableDocument(name, "tom fil")
    if size > settings.max_bytes:
        raise UnreadableDocument(name, f"filen är för stor ({megabytes(size)}, gränsen är "
                                       f"{megabytes(settings.max_bytes)})")


def unique_ids(names: Sequence[str]) -> dict[str, str]:
    """Map corpus-relative paths to document ids; paths whose ids collide each get a short hash added."""
    counts = Counter(document_id(name) for name in names)
    return {
        name: document_id(name) if counts[document_id(name)] == 1
        else f"{document_id(name)}-{hashlib.sha256(name.encode('utf-8', 'replace')).hexdigest()[:6]}"
        for name in names
    }


def printable(name: str) -> str:
    """Return a file name that can be stored and shown (undecodable bytes become "\ufffd")."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _load_or_fail(path: Path, corpus: Path, settings: Settings) -> Document | LoadFailure:
    """Load a document, or return why it cannot be (the form a worker process sends back)."""
    try:
        return load_document(path, corpus, settings)
    except UnreadableDocument as exc:
        return LoadFailure(printable(_relative(path, corpus)), exc.reason)


def _load_in(worker: TimedWorker | None, path: Path, corpus: Path, settings: Settings) -> Document | LoadFailure:
    if worker is None:
        return _load_or_fail(path, corpus, settings)
    name = printable(_relative(path, corpus))
    try:
        return worker.call(_load_or_fail, path, corpus, settings)
    except TimeoutError:
        return LoadFailure(name, f"tog för lång tid att läsa (mer än {settings.max_seconds:g} s)")
    except ChildProcessError as exc:
        return LoadFailure(name, f"filen kan inte läsas ({exc})")


def _file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def corpus_files(corpus: Path) -> list[Path]:
    """List the corpus's files and links in sorted order, leaving out hidden files and folders."""
    found = []
    for path in corpus.rglob("*"):
        parts = path.relative_to(corpus).parts
        # Links are listed (not followed) so that they are reported rather than silently left out.
        if (path.is_file() or path.is_symlink()) and not any(part.startswith(".") for part in parts):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(corpus).as_posix())


def _read(path: Path, name: str, suffix: str, data: bytes,
          settings: Settings) -> tuple[list[Block], int | None, list[int]]:
    """Read a file's blocks, its page (or slide) count, and its pages without text (a PDF's scanned pages)."""
    try:
        if suffix == ".pdf":
            return pdf_text(path, settings.max_pages)
        if EXPECTED.get(suffix) in ZIPPED:  # zip-based: its unpacked size is checked before it is read
            check_unpacked(path, name, settings.max_bytes)
        if suffix == ".pptx":
            blocks, slides = load_pptx(path)
            return blocks, slides, []
        if suffix == ".docx":
            blocks = load_docx(path)
        elif suffix in (".xlsx", ".ods"):
            blocks = load_sheets(path)
        elif suffix == ".odt":
            blocks = load_odt(path)
        elif suffix in (".html", ".htm"):
            blocks = html_blocks(decode_text(data))
        else:
            blocks = text_blocks(decode_text(data), markdown=suffix == ".md")
        return blocks, None, []
    except AssistantError:
        raise
    except zipfile.BadZipFile as exc:
        kind = ZIPPED.get(EXPECTED.get(suffix, ""), "Office-fil")
        raise UnreadableDocument(name, f"filen är ingen giltig {kind}; den kan vara skadad") from exc
    except Exception as exc:  # any library error on a damaged file becomes one readable reason
        raise UnreadableDocument(name, f"filen kan inte läsas ({type(exc).__name__}: {exc})") from exc


def _relative(path: Path, corpus: Path) -> str:
    for inside, folder in ((path, corpus), (path.absolute(), corpus.absolute())):
        try:
            return inside.relative_to(folder).as_posix()
        except ValueError:
            continue
    return path.name
