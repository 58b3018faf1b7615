"""Build the index from the corpus: load, clean, chunk, embed, and switch to it in one step.

Files whose content hash is unchanged since the index in use keep their chunks and
vectors; any text already embedded by the same embedder is never embedded again.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.activities.records import activities_from_document
from assistant.embedding.base import Embedder
from assistant.embedding.cache import EmbeddingCache
from assistant.embedding.calibration import unrelated_cosine
from assistant.embedding.e5 import create_embedder
from assistant.errors import AssistantError, IndexMismatch, IndexMissing, MissingInput
from assistant.indexing.bm25 import BM25
from assistant.indexing.store import StoredDocument, StoredIndex, new_generation, switch_to, write_generation
from assistant.indexing.windows import Windows, short_addresses, window_spans, window_text
from assistant.ingest.abbreviations import find_abbreviations
from assistant.ingest.chunk import split_into_chunks
from assistant.ingest.clean import clean_document
from assistant.ingest.corpus import load_corpus
from assistant.ingest.terms import index_terms
from assistant.models import Activity, Chunk, Document, DocumentInfo, LoadFailure
from assistant.settings import Settings

LOCK = ".lock"
# The stages a build reports its progress in, as the progress bar and the documents page name them.
READING = "Läser filerna"
SCANNED = "Läser skannade sidor (OCR)"
EMBEDDING = "Gör texterna sökbara"

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
    # What could not be read in a file that was indexed all the same (a scanned page OCR could not read).
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Describe the build in plain Swedish: totals, then files added, changed, removed and unchanged."""
        def files(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        return [
            f"Indexet är klart på {self.seconds:.1f} s: {self.documents} dokument i {self.chunks} avsnitt.",
            f"Filer: {files(len(self.added), 'ny', 'nya')}, {files(len(self.changed), 'ändrad', 'ändrade')}, "
            f"{files(len(self.removed), 'borttagen', 'borttagna')}, "
            f"{files(len(self.unchanged), 'oförändrad', 'oförändrade')}.",
            *(f"Obs: {note}" for note in self.notes),
        ]


def embedding_text(chunk: Chunk) -> str:
    """Return the text embedded (and term-indexed) for a chunk: its section path, then its text
    (web addresses cut to their host)."""
    text, title = short_addresses(chunk.text), chunk.searched_title
    return f"{title} – {chunk.section}\n{text}" if chunk.section else f"{title}\n{text}"


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


def _pipeline_fingerprint() -> str:
    """Hash the code that turns a file into chunks, so a changed pipeline re-reads every file."""
    package = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for pattern in PIPELINE_MODULES:
        for path in sorted(package.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PIPELINE_MODULES = ("ingest/*.py", "activities/records.py", "activities/storage.py", "indexing/build.py",
                    "indexing/bm25.py", "indexing/windows.py")
PIPELINE = _pipeline_fingerprint()


def _previous(folder: Path, embedder: Embedder) -> StoredIndex | None:
    """The index in use, if its documents can be reused: same embedder and same pipeline code."""
    try:
        previous = StoredIndex(folder, embedder.name)
    except (IndexMissing, IndexMismatch):
        return None
    return previous if previous.meta.get("pipeline") == PIPELINE else None


def _fresh_chunks(doc: Document) -> tuple[StoredDocument, list[Chunk], list[Activity]]:
    cleaned = clean_document(doc)
    text, chunks = split_into_chunks(cleaned)
    version, date = version_and_date(text)
    info = DocumentInfo(cleaned.doc_id, cleaned.path, cleaned.title, cleaned.kind, cleaned.pages,
                        len(chunks), time.strftime("%Y-%m-%d %H:%M"), version, date, cleaned.heading)
    record = StoredDocument(info, text, cleaned.sha256, cleaned.mtime)
    return record, chunks, activities_from_document(cleaned, chunks)


@dataclass(frozen=True)
class Embedded:
    """The vectors of a build's texts, row for row, and how many had to be embedded anew."""

    matrix: np.ndarray
    embedded: int


def embed_with_cache(
    folder: Path, embedder: Embedder, texts: list[str], previous: StoredIndex | None, report: Progress
) -> Embedded:
    """Embed the texts that neither the index in use nor the embedding cache already holds."""
    cache = EmbeddingCache(folder, embedder.name, embedder.dim)
    known = previous.embedded_vectors() if previous else {}
    known.update(cache.get(t for t in set(texts) if t not in known))
    missing = sorted({t for t in texts if t not in known})
    report(EMBEDDING, 0, len(missing))
    if missing:
        fresh = embedder.embed_passages(missing, progress=lambda n: report(EMBEDDING, n, len(missing)))
        cache.put(missing, fresh)
        known.update(zip(missing, fresh))
    matrix = np.vstack([known[t] for t in texts]) if texts else np.zeros((0, embedder.dim), np.float32)
    return Embedded(matrix.astype(np.float32), len(missing))


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
        raise MissingInput(f"Korpusmappen {settings.corpus} finns inte.")
    embedder = embedder or create_embedder(settings)
    report = progress or (lambda stage, done, total: None)
    with build_lock(folder, wait):
        previous = _previous(folder, embedder)
        old_docs = {d.info.path: d for d in previous.stored_documents()} if previous else {}
        old_chunks: dict[str, list[Chunk]] = {}
        for chunk in previous.chunks if previous else []:
            old_chunks.setdefault(chunk.doc_id, []).append(chunk)
        old_activities: dict[str, list[Activity]] = {}
        for activity in previous.activities if previous else ():
            old_activities.setdefault(activity.doc_id, []).append(activity)

        def unchanged(path: Path, digest: str) -> bool:
            old = old_docs.get(path.relative_to(settings.corpus).as_posix())
            return old is not None and old.sha256 == digest

        notes: list[str] = []
        documents, failures, skipped = load_corpus(
            settings.corpus, settings, skip=unchanged, on_file=lambda i, n: report(READING, i, n),
            on_page=lambda i, n: report(SCANNED, i, n), notes=notes
        )
        stored: list[StoredDocument] = []
        chunks: list[Chunk] = []
        activities: list[Activity] = []
        for path in skipped:
            old = old_docs[path]
            stored.append(old)
            chunks.extend(old_chunks.get(old.info.doc_id, []))
            activities.extend(old_activities.get(old.info.doc_id, []))
        for doc in documents:
            record, doc_chunks, doc_activities = _fresh_chunks(doc)
            stored.append(record)
            chunks.extend(doc_chunks)
            activities.extend(doc_activities)

        texts = [embedding_text(chunk) for chunk in chunks]
        spans = [(row, lo, hi) for row, chunk in enumerate(chunks) for lo, hi in window_spans(chunk.text)]
        window_texts = [window_text(chunks[row], lo, hi) for row, lo, hi in spans]
        vectors = embed_with_cache(folder, embedder, texts + window_texts, previous, report)
        chunk_vectors, window_vectors = vectors.matrix[: len(texts)], vectors.matrix[len(texts):]
        lexical = BM25.build(index_terms(texts))

        generation = new_generation(folder)
        try:
            # The embedder is the same as the previous build's, so is where it puts unrelated text.
            calibration = previous.meta.get("unrelated_cosine") if previous else None
            extra_meta = {"pipeline": PIPELINE, "abbreviations": find_abbreviations(d.text for d in stored),
                          "unrelated_cosine": calibration if calibration is not None else unrelated_cosine(embedder),
                          "build_seconds": round(time.monotonic() - began, 2)}
            write_generation(
                generation, embedder.name, stored, chunks, texts, chunk_vectors, lexical, failures, extra_meta,
                activities,
            )
            Windows.write(generation, spans, window_vectors)
            switch_to(folder, generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
    # A file that was indexed and now cannot be read has changed (its failure is listed), not gone.
    new_paths = {d.path for d in documents} | {f.path for f in failures if f.path in old_docs}
    return BuildSummary(
        documents=len(stored),
        chunks=len(chunks),
        embedded=vectors.embedded,
        seconds=time.monotonic() - began,
        added=tuple(sorted(p for p in new_paths if p not in old_docs)),
        changed=tuple(sorted(p for p in new_paths if p in old_docs)),
        removed=tuple(sorted(p for p in old_docs if p not in new_paths and p not in skipped)),
        unchanged=tuple(sorted(skipped)),
        failures=tuple(failures),
        notes=tuple(notes),
    )


def index_exists(folder: Path) -> bool:
    """Tell whether a usable index generation is in place."""
    return (folder / "CURRENT").exists() and os.path.isdir(folder / (folder / "CURRENT").read_text().strip())
