"""The source view: the list of indexed documents, one document's text by chunk, and its original file."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from flask import Blueprint, Response, abort, render_template, request, send_file

from assistant.models import Chunk, DocumentInfo
from assistant.web.state import current_assistant

documents = Blueprint("documents", __name__, url_prefix="/documents")

# The original file is never HTML (its type is set and nosniff is on), and Chrome's PDF viewer is
# an <embed> with inline styles that the page-wide policy would block; so this response gets its own.
FILE_POLICY = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# Types a browser shows itself; anything else (Word files) is offered as a download.
SHOWN_INLINE = {"application/pdf", "text/plain"}


@dataclass(frozen=True)
class Segment:
    """A stretch of a document's text: a chunk (with `chunk` set) or the text between chunks."""

    text: str
    chunk: Chunk | None = None
    # True when the chunk's page or section differs from the chunk before it.
    new_place: bool = False
    # The segment's text in pieces, each with whether an answer quoted it.
    pieces: tuple[tuple[str, bool], ...] = ()


# At most this many marked stretches are read from an address.
MAX_MARKS = 20


def read_marks(value: str | None, length: int) -> list[tuple[int, int]]:
    """The quoted stretches of `?markera=120-180,300-340`, within the text; anything else is ignored."""
    marks = []
    for part in (value or "").split(",")[:MAX_MARKS]:
        start, _, end = part.partition("-")
        if start.isdigit() and end.isdigit() and int(start) < int(end):
            marks.append((min(int(start), length), min(int(end), length)))
    return marks


def _pieces(text: str, offset: int, marks: Sequence[tuple[int, int]]) -> tuple[tuple[str, bool], ...]:
    """Cut a stretch of text (starting at `offset` in the document), white space trimmed at its ends,
    where quoted stretches begin and end."""
    offset += len(text) - len(text.lstrip())
    text = text.strip()
    cuts = sorted({0, len(text)} | {min(max(edge - offset, 0), len(text)) for mark in marks for edge in mark})
    pieces = []
    for lo, hi in zip(cuts, cuts[1:]):
        if hi > lo:
            quoted = any(start <= offset + lo and offset + hi <= end for start, end in marks)
            pieces.append((text[lo:hi], quoted))
    return tuple(pieces)


def split_into_segments(text: str, chunks: Sequence[Chunk], marks: Sequence[tuple[int, int]] = ()) -> list[Segment]:
    """Cut a document's text into chunk segments and the gaps between them, in reading order; the
    quoted stretches (`marks`) are pieces of their own."""
    segments: list[Segment] = []
    cursor = 0
    place: tuple[int | None, str] | None = None
    for chunk in sorted(chunks, key=lambda c: (c.start, c.end)):
        start, end = max(chunk.start, cursor), min(max(chunk.end, 0), len(text))
        if start > cursor:
            segments.append(Segment(text[cursor:start], pieces=_pieces(text[cursor:start], cursor, marks)))
        # A chunk that overlaps the one before shows only its new text, but keeps its anchor.
        shown = text[start:end] if end > start else ""
        segments.append(Segment(shown, chunk, (chunk.page, chunk.section) != place, _pieces(shown, start, marks)))
        place = (chunk.page, chunk.section)
        cursor = max(cursor, end)
    if cursor < len(text):
        segments.append(Segment(text[cursor:], pieces=_pieces(text[cursor:], cursor, marks)))
    return segments


def is_pdf(info: DocumentInfo) -> bool:
    """Tell whether a document's original is a PDF (whose pages a link can open at)."""
    return info.kind.lower() == "pdf" or PurePosixPath(info.path).suffix.lower() == ".pdf"


@documents.get("")
def listing() -> str:
    """List every indexed document with links to its text and its original file."""
    infos = sorted(current_assistant().documents(), key=lambda info: info.title.casefold())
    return render_template("documents.html", documents=infos, is_pdf=is_pdf, file_name=file_name)


@documents.get("/<doc_id>")
def document(doc_id: str) -> str:
    """Show a document's whole cleaned text, each chunk an anchor a citation can open."""
    found = current_assistant().document(doc_id)
    if found is None:
        abort(404, "Dokumentet finns inte i indexet.")
    info, text, chunks = found
    return render_template(
        "document.html",
        info=info,
        segments=split_into_segments(text, chunks, read_marks(request.args.get("markera"), len(text))),
        chunk_count=len(chunks),
        pdf=is_pdf(info),
        file_name=file_name(info),
    )


@documents.get("/<doc_id>/file")
def original(doc_id: str) -> Response:
    """Send the original corpus file of a known document (the id is looked up, never used as a path)."""
    path = current_assistant().source_file(doc_id)
    if path is None:
        abort(404, "Originalfilen finns inte.")
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    response = send_file(path, mimetype=mimetype, as_attachment=mimetype not in SHOWN_INLINE,
                         download_name=path.name)
    response.headers["Content-Security-Policy"] = FILE_POLICY
    return response


def file_name(info: DocumentInfo) -> str:
    """Return the file name of a document's original, without its folders."""
    return PurePosixPath(info.path.replace("\\", "/")).name
