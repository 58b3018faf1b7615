"""The source view: the list of indexed documents, one document's text by chunk, and its original file."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from flask import Blueprint, Response, abort, render_template, send_file

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


def split_into_segments(text: str, chunks: Sequence[Chunk]) -> list[Segment]:
    """Cut a document's text into chunk segments and the gaps between them, in reading order."""
    segments: list[Segment] = []
    cursor = 0
    place: tuple[int | None, str] | None = None
    for chunk in sorted(chunks, key=lambda c: (c.start, c.end)):
        start, end = max(chunk.start, cursor), min(max(chunk.end, 0), len(text))
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        # A chunk that overlaps the one before shows only its new text, but keeps its anchor.
        segments.append(Segment(text[start:end] if end > start else "", chunk, (chunk.page, chunk.section) != place))
        place = (chunk.page, chunk.section)
        cursor = max(cursor, end)
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
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
        segments=split_into_segments(text, chunks),
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
