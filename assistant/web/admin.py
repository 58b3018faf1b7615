"""The documents page `/dokument`: what is indexed and what could not be read; upload, replace, delete.

Changes need an administrator (see `auth.require_admin`); each one writes the corpus folder
and starts a background reindex (`jobs.IndexJobs`), whose progress the page polls at
`GET /api/index-status`. Questions keep being answered from the index in use meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, NoReturn

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from assistant.errors import AssistantError, IndexMismatch, IndexMissing, UnreadableDocument
from assistant.indexing.jobs import IndexJobs
from assistant.indexing.titles import set_title
from assistant.indexing.uploads import (
    FORMATS,
    check_content,
    remove_document,
    replacement_path,
    safe_file_name,
    write_document,
)
from assistant.indexing.versions import describe
from assistant.ingest.corpus import SUFFIXES, document_id
from assistant.web.auth import admin_enabled, require_admin
from assistant.web.documents import file_name
from assistant.web.errors import wants_json
from assistant.web.state import current_assistant, current_settings

if TYPE_CHECKING:  # FAISS and the model load late, when the index is first opened
    from assistant.embedding.base import Embedder
    from assistant.indexing.store import StoredIndex

admin = Blueprint("admin", __name__)

JOBS = "plan_assistant_jobs"
_jobs_lock = threading.Lock()


def index_jobs() -> IndexJobs:
    """Return the app's background reindex runner, made on first use."""
    with _jobs_lock:
        jobs = current_app.extensions.get(JOBS)
        if jobs is None:
            jobs = current_app.extensions[JOBS] = IndexJobs(current_settings())
        return jobs


def _index_or_none() -> StoredIndex | None:
    # With no index yet the page still opens, so an administrator can upload the first document.
    from assistant.indexing.store import current_generation

    try:
        current_generation(current_settings().index)  # cheap: no model is loaded to find out
        return current_assistant().index
    except IndexMissing:
        return None


def _embedder() -> Embedder | None:
    # The app's own model, so a background build loads no second copy (none yet: the build loads it).
    try:
        return current_assistant().embedder if _index_or_none() is not None else None
    except IndexMismatch:
        return None


def refuse(message: str) -> NoReturn:
    """Stop a refused change: a 400 with the reason for a JSON client; for a person, back to /dokument
    with the reason shown above the rest of the page."""
    if wants_json():
        abort(400, message)
    flash(message, "error")
    abort(redirect(url_for("admin.page"), 303))


@contextmanager
def refused() -> Iterator[None]:
    """Turn a refused file (wrong type, empty, name taken) into a refusal with its reason."""
    try:
        yield
    except UnreadableDocument as exc:
        refuse(f"{exc.path}: {exc.reason}.")
    except AssistantError as exc:
        refuse(str(exc))


@admin.get("/dokument")
def page() -> str:
    """List every indexed document and every unreadable file, with the administrator's controls."""
    index = _index_or_none()
    infos = sorted(index.documents.values(), key=lambda info: info.title.casefold()) if index else []
    return render_template(
        "dokument.html",
        documents=infos,
        replaced=index.superseded if index else {},
        failures=[(document_id(f.path), f) for f in index.failures] if index else [],
        status=index_jobs().status(),
        admin_enabled=admin_enabled(),
        accept=",".join(SUFFIXES),
        formats=FORMATS,
        max_mb=current_settings().upload_max_bytes // 1_000_000,
        retention_days=current_settings().retention_days,
        file_name=file_name,
        describe=describe,
    )


@admin.get("/api/index-status")
def index_status() -> ResponseReturnValue:
    """Return the background reindex's state and progress as JSON (the page polls it)."""
    return jsonify(index_jobs().status().as_json())


def _uploaded_file() -> tuple[str, bytes]:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        refuse("Välj en fil att ladda upp.")
    data = upload.read()
    with refused():
        name = safe_file_name(upload.filename)
        check_content(name, data)
    return name, data


def _known_path(doc_id: str) -> str:
    """Return the corpus path of an indexed document or unreadable file, looked up by id."""
    index = _index_or_none()
    if index is not None:
        if doc_id in index.documents:
            return index.documents[doc_id].path
        for failure in index.failures:
            if document_id(failure.path) == doc_id:
                return failure.path
    abort(404, "Dokumentet finns inte i indexet.")


def _reindex(message: str) -> ResponseReturnValue:
    status = index_jobs().start(_embedder())
    if wants_json():
        return jsonify(message=message, status=status.as_json()), 202
    flash(message)
    return redirect(url_for("admin.page"), 303)


@admin.post("/dokument/ladda-upp")
@require_admin
def upload() -> ResponseReturnValue:
    """Add a new document to the corpus and reindex in the background."""
    name, data = _uploaded_file()
    with refused():
        write_document(current_settings().corpus, name, data)
    return _reindex(f"{name} är uppladdad och indexeras nu.")


@admin.post("/dokument/<doc_id>/ersatt")
@require_admin
def replace(doc_id: str) -> ResponseReturnValue:
    """Replace a document's file with a new one (its type may change) and reindex."""
    old = _known_path(doc_id)
    name, data = _uploaded_file()
    target = replacement_path(old, name)
    corpus = current_settings().corpus
    with refused():
        write_document(corpus, target, data, overwrite=target == old)
        if target != old:
            remove_document(corpus, old)
    return _reindex(f"{PurePosixPath(old).name} är ersatt av {name} och indexeras nu.")


@admin.post("/dokument/<doc_id>/ta-bort")
@require_admin
def delete(doc_id: str) -> ResponseReturnValue:
    """Delete a document's file (or an unreadable file) from the corpus and reindex."""
    old = _known_path(doc_id)
    with refused():
        remove_document(current_settings().corpus, old)
    return _reindex(f"{PurePosixPath(old).name} är borttagen; indexet uppdateras nu.")


@admin.post("/dokument/<doc_id>/titel")
@require_admin
def retitle(doc_id: str) -> ResponseReturnValue:
    """Set the title staff see for a document (an empty title gives back the document's own), kept
    across rebuilds; the index is opened again with it."""
    path = _known_path(doc_id)
    with refused():
        set_title(current_settings().index, path, request.form.get("title", ""))
    return _reindex(f"Titeln för {PurePosixPath(path).name} är sparad.")
