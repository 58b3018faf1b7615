"""Build the index from the corpus: load, clean, chunk, embed, and switch to it in one step.

Files whose content hash is unchanged since the index in use keep their chunks and
vectors; any text already embedded by the same embedder is never embedded again.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.chunk import split_into_chunks
from assistant.clean import clean_document
from assistant.embed import Embedder, create_embedder
from assistant.errors import AssistantError, IndexMismatch, IndexMissing
from assistant.lexical import BM25, terms
from assistant.load import load_corpus
from assistant.models import Chunk, Document, DocumentInfo, LoadFailure
from assistant.settings import Settings
from assistant.store import StoredDocument, StoredIndex, new_generation, switch_to, write_generation

LOCK = ".lock"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildSummary:
    """What a build did, for the CLI's summary line and the documents page."""

    documents: int
    chunks: int
    embedded: int
    seconds: float
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failures: tuple[LoadFailure, ...] = field(default=())


def embedding_text(chunk: Chunk) -> str:
    """Return the text embedded (and term-indexed) for a chunk: its section path, then its text."""
    return f"{chunk.section}\n{chunk.text}" if chunk.section else chunk.text


_VERSION = re.compile(r"\bversion[\s.:]*(\d+(?:\.\d+)*)", re.IGNORECASE)
_DATE = re.compile(r"(?:(datum|fastställ\w*|senast ändrad|reviderad)\s*:?\s*)?(20\d\d-\d\d-\d\d)", re.IGNORECASE)


def version_and_date(text: str) -> tuple[str, str]:
    """Read a document's version ("Version.2.8" → "2.8") and date from its opening text."""
    opening = text[:3000]
    version = _VERSION.search(opening)
    dates = list(_DATE.finditer(opening))
    labelled = [m for m in dates if m.group(1)]
    date = (labelled or dates)[0].group(2) if dates else ""
    return (version.group(1) if version else ""), date


@contextmanager
def build_lock(folder: Path, wait: bool = False) -> Iterator[None]:
    """Hold the index folder's build lock; refuse clearly (or wait) if another build holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise AssistantError(
                f"En annan indexering av {folder} pågår redan. Vänta tills den är klar och försök igen."
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _previous(folder: Path, embedder: Embedder) -> StoredIndex | None:
    try:
        return StoredIndex(folder, embedder.name)
    except (IndexMissing, IndexMismatch):
        return None


def _fresh_chunks(doc: Document) -> tuple[StoredDocument, list[Chunk]]:
    cleaned = clean_document(doc)
    text, chunks = split_into_chunks(cleaned)
    version, date = version_and_date(text)
    info = DocumentInfo(cleaned.doc_id, cleaned.path, cleaned.title, cleaned.kind, cleaned.pages,
                        len(chunks), time.strftime("%Y-%m-%d %H:%M"), version, date)
    return StoredDocument(info, text, cleaned.sha256, cleaned.mtime), chunks


def build_index(
    settings: Settings,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    wait: bool = False,
) -> BuildSummary:
    """Build (or update) the index in `settings.index` from `settings.corpus`, then switch to it."""
    began = time.monotonic()
    folder = settings.index
    if not settings.corpus.is_dir():
        raise AssistantError(f"Korpusmappen {settings.corpus} finns inte.")
    embedder = embedder or create_embedder(settings)
    report = progress or (lambda stage, done, total: None)
    with build_lock(folder, wait):
        previous = _previous(folder, embedder)
        old_docs = {d.info.path: d for d in previous.stored_documents()} if previous else {}
        old_chunks: dict[str, list[Chunk]] = {}
        for chunk in previous.chunks if previous else []:
            old_chunks.setdefault(chunk.doc_id, []).append(chunk)
        cache = previous.embedded_vectors() if previous else {}

        def unchanged(path: Path, digest: str) -> bool:
            old = old_docs.get(path.relative_to(settings.corpus).as_posix())
            return old is not None and old.sha256 == digest

        documents, failures, skipped = load_corpus(
            settings.corpus, settings, skip=unchanged, on_file=lambda i, n: report("Läser", i, n)
        )
        stored: list[StoredDocument] = []
        chunks: list[Chunk] = []
        for path in skipped:
            old = old_docs[path]
            stored.append(old)
            chunks.extend(old_chunks.get(old.info.doc_id, []))
        for doc in documents:
            record, doc_chunks = _fresh_chunks(doc)
            stored.append(record)
            chunks.extend(doc_chunks)

        texts = [embedding_text(chunk) for chunk in chunks]
        missing = sorted({text for text in texts if text not in cache})
        report("Bäddar in", 0, len(missing))
        if missing:
            vectors = embedder.embed_passages(missing, progress=lambda n: report("Bäddar in", n, len(missing)))
            cache.update(zip(missing, vectors))
        matrix = np.vstack([cache[t] for t in texts]) if texts else np.zeros((0, embedder.dim), np.float32)
        lexical = BM25.build(terms(text) for text in texts)

        generation = new_generation(folder)
        try:
            write_generation(generation, embedder.name, stored, chunks, texts, matrix, lexical, failures)
            switch_to(folder, generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
    new_paths = {d.path for d in documents}
    return BuildSummary(
        documents=len(stored),
        chunks=len(chunks),
        embedded=len(missing),
        seconds=time.monotonic() - began,
        added=tuple(sorted(p for p in new_paths if p not in old_docs)),
        changed=tuple(sorted(p for p in new_paths if p in old_docs)),
        removed=tuple(sorted(p for p in old_docs if p not in new_paths and p not in skipped)),
        unchanged=tuple(sorted(skipped)),
        failures=tuple(failures),
    )


def index_exists(folder: Path) -> bool:
    """Tell whether a usable index generation is in place."""
    return (folder / "CURRENT").exists() and os.path.isdir(folder / (folder / "CURRENT").read_text().strip())
