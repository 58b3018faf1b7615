"""The index on disk: SQLite for documents and chunks, FAISS for vectors, BM25 for terms.

    index/
      CURRENT            name of the generation in use, replaced in one step
      gen-<stamp>/       one complete index: meta.json, index.sqlite, vectors.faiss, lexical.npz

A new index is written to a new generation folder and only then named in CURRENT, so a
reader never sees a half-written index, and a killed build leaves the old one whole.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant.activities.register import Register
from assistant.activities.storage import load_activities, save_activities
from assistant.embedding.calibration import E5_UNRELATED, CosineScale
from assistant.errors import IndexMismatch, IndexMissing
from assistant.indexing.bm25 import BM25
from assistant.indexing.titles import read_titles
from assistant.indexing.versions import document_date, superseded
from assistant.indexing.windows import Windows
from assistant.models import Activity, Chunk, DocumentInfo, LoadFailure

FORMAT = 3
CURRENT = "CURRENT"
# Exact (flat) search takes about 16 ms at 100,000 chunks on two cores. Beyond this many, an
# inverted-file index (IVF) answers in well under a millisecond: the bench measured recall@10
# against flat of 0.98 at 100k chunks, where HNSW (M=32, efSearch=64) kept only 0.43.
FLAT_UP_TO = 200_000
IVF_PROBES = 16
IVF_TRAINING_SAMPLE = 100_000

SCHEMA = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, path TEXT, title TEXT, kind TEXT, pages INTEGER, chunks INTEGER,
    sha256 TEXT, mtime REAL, indexed_at TEXT, version TEXT, date TEXT, text TEXT, heading TEXT
);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE, doc_id TEXT, section TEXT, page INTEGER,
    start INTEGER, "end" INTEGER, text TEXT, kind TEXT, embedded TEXT
);
CREATE TABLE failures (path TEXT PRIMARY KEY, reason TEXT);
"""


@dataclass(frozen=True)
class StoredDocument:
    """A document as written to the index: its listing record and its cleaned text."""

    info: DocumentInfo
    text: str
    sha256: str
    mtime: float


def current_generation(folder: Path) -> Path:
    """Return the generation folder named in CURRENT, or raise IndexMissing."""
    try:
        name = (folder / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError as exc:
        raise IndexMissing(
            f"Inget index i {folder}. Bygg det med: plan-assistant index --index {folder}"
        ) from exc
    generation = folder / name
    if not name or not (generation / "meta.json").exists():
        raise IndexMissing(f"Indexet i {folder} är ofullständigt. Bygg om det med: plan-assistant index")
    return generation


def new_generation(folder: Path) -> Path:
    """Create an empty generation folder to build into."""
    folder.mkdir(parents=True, exist_ok=True)
    generation = folder / f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    generation.mkdir()
    return generation


def write_generation(
    generation: Path,
    embedder_name: str,
    documents: Sequence[StoredDocument],
    chunks: Sequence[Chunk],
    embedded_texts: Sequence[str],
    vectors: np.ndarray,
    lexical: BM25,
    failures: Sequence[LoadFailure],
    extra_meta: dict[str, Any],
    activities: Sequence[Activity] = (),
) -> None:
    """Write a complete index into a generation folder (not yet in use); `extra_meta` goes to meta.json."""
    with sqlite3.connect(generation / "index.sqlite") as db:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (d.info.doc_id, d.info.path, d.info.title, d.info.kind, d.info.pages, d.info.chunks,
                 d.sha256, d.mtime, d.info.indexed_at, d.info.version, d.info.date, d.text, d.info.heading)
                for d in documents
            ],
        )
        db.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (row, c.chunk_id, c.doc_id, c.section, c.page, c.start, c.end, c.text, c.kind, embedded)
                for row, (c, embedded) in enumerate(zip(chunks, embedded_texts))
            ],
        )
        db.executemany("INSERT INTO failures VALUES (?,?)", [(f.path, f.reason) for f in failures])
        save_activities(db, activities)
    faiss.write_index(vector_index(vectors), str(generation / "vectors.faiss"))
    lexical.save(generation / "lexical.npz")
    meta = {
        "format": FORMAT,
        "embedder": embedder_name,
        "dim": int(vectors.shape[1]),
        "documents": len(documents),
        "chunks": len(chunks),
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        **extra_meta,
    }
    # meta.json is written last: a generation without it is incomplete and never opened.
    (generation / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


def vector_index(vectors: np.ndarray, flat_up_to: int = FLAT_UP_TO) -> faiss.Index:
    """Return a FAISS index of the (normalised) vectors, by inner product: flat while exact search
    is fast enough, IVF with about 4·√n lists beyond `flat_up_to` vectors."""
    dim = vectors.shape[1]
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    index: faiss.Index
    if len(vectors) <= flat_up_to:
        index = faiss.IndexFlatIP(dim)
    else:
        lists = max(1, int(4 * np.sqrt(len(vectors))))
        inverted = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(0).permutation(len(vectors))[:IVF_TRAINING_SAMPLE]
        inverted.train(vectors[np.sort(sample)])
        inverted.nprobe = min(IVF_PROBES, lists)
        # Retrieval reads stored vectors back by row (reconstruct); IVF needs a map for that.
        inverted.make_direct_map()
        index = inverted
    if len(vectors):
        index.add(vectors)
    return index


def switch_to(folder: Path, generation: Path) -> None:
    """Put a finished generation in use in one atomic step, then remove older generations.

    Call it under the build lock. The generation it replaces is kept until the next switch, so
    a request that still reads it (a document's text) finishes; anything older, and what a
    killed build left behind, is removed.
    """
    try:
        replaced = (folder / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        replaced = ""
    pointer = folder / f".{CURRENT}.{os.getpid()}"
    pointer.write_text(generation.name, encoding="utf-8")
    with open(pointer, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer, folder / CURRENT)
    for old in folder.glob("gen-*"):
        if old.is_dir() and old.name not in {generation.name, replaced}:
            shutil.rmtree(old, ignore_errors=True)
    for stale in folder.glob(f".{CURRENT}.*"):
        stale.unlink(missing_ok=True)


class StoredIndex:
    """An index opened for reading: chunks and vectors in memory, document texts on demand."""

    def __init__(self, folder: Path, embedder_name: str | None = None) -> None:
        self.folder = folder
        self.generation = current_generation(folder)
        self.meta: dict[str, Any] = json.loads((self.generation / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("format") != FORMAT:
            raise IndexMismatch(
                f"Indexet i {folder} har ett äldre format. Bygg om det med: plan-assistant index"
            )
        if embedder_name is not None and self.meta.get("embedder") != embedder_name:
            raise IndexMismatch(
                f"Indexet i {folder} byggdes med {self.meta.get('embedder')}, men nu används "
                f"{embedder_name}. Bygg om indexet med: plan-assistant index"
            )
        self._db_path = self.generation / "index.sqlite"
        with self._connect() as db:
            titles = read_titles(folder)
            self.documents = {info.doc_id: replace(info, title=titles.get(info.path, info.title)) for info in (
                DocumentInfo(*row) for row in db.execute(
                    "SELECT doc_id, path, title, kind, pages, chunks, indexed_at, version, date, heading "
                    "FROM documents ORDER BY title"))}
            dated = {doc_id: document_date(info) for doc_id, info in self.documents.items()}
            self.chunks = [
                Chunk(chunk_id, doc_id, self.documents[doc_id].path, self.documents[doc_id].title,
                      section, page, start, end, text, kind, dated[doc_id], self.documents[doc_id].heading)
                for chunk_id, doc_id, section, page, start, end, text, kind in db.execute(
                    'SELECT chunk_id, doc_id, section, page, start, "end", text, kind FROM chunks ORDER BY row')
            ]
            self.failures = [LoadFailure(*row) for row in db.execute("SELECT path, reason FROM failures")]
            self.activities = load_activities(db)
        self.row_of = {chunk.chunk_id: row for row, chunk in enumerate(self.chunks)}
        self.abbreviations: dict[str, str] = self.meta.get("abbreviations", {})
        # An index from before calibration was built with e5, whose scale is the reference.
        self.scale = CosineScale(float(self.meta.get("unrelated_cosine", E5_UNRELATED)))
        self.vectors = faiss.read_index(str(self.generation / "vectors.faiss"))
        self.lexical = BM25.load(self.generation / "lexical.npz")
        self.windows = Windows.load(self.generation)

    def nearest(self, vector: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the cosines and rows of the `depth` chunks nearest one question vector.

        FAISS would start a team of OpenMP threads in every request thread that searches; for
        one question the team costs more than it gains (20k chunks: 3.7 ms and 7.4 ms of CPU
        on two cores, 1.1 ms on one), so each search runs on its caller's thread alone."""
        faiss.omp_set_num_threads(1)  # for the calling thread only
        scores, rows = self.vectors.search(vector.reshape(1, -1).astype(np.float32), depth)
        return scores[0], rows[0]

    @cached_property
    def register(self) -> Register:
        """The activity rows, indexed by term for answering from them."""
        return Register(self.activities)

    @cached_property
    def superseded(self) -> dict[str, DocumentInfo]:
        """Each superseded document's id, mapped to the newest version of its plan."""
        return superseded(self.documents)

    @cached_property
    def _chunks_by_document(self) -> dict[str, list[Chunk]]:
        by_document: dict[str, list[Chunk]] = {}
        for chunk in self.chunks:
            by_document.setdefault(chunk.doc_id, []).append(chunk)
        return by_document

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        """A document's chunks in reading order (none for an unknown id)."""
        return self._chunks_by_document.get(doc_id, [])

    @cached_property
    def activity_of_chunk(self) -> dict[str, Activity]:
        """The activity record of each table-row chunk that holds one, by chunk id."""
        return {activity.chunk_id: activity for activity in self.activities}

    @cached_property
    def activity_chunks(self) -> dict[str, Chunk]:
        """The chunk of each activity row, by chunk id."""
        return {a.chunk_id: self.chunks[self.row_of[a.chunk_id]] for a in self.activities if a.chunk_id in self.row_of}

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self._db_path}?mode=ro", uri=True, check_same_thread=False)

    def document_text(self, doc_id: str) -> str | None:
        """Return a document's whole cleaned text, or None for an unknown id."""
        with self._connect() as db:
            row = db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def stored_documents(self) -> list[StoredDocument]:
        """Return every document record with its text and content hash (for incremental builds)."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT doc_id, path, title, kind, pages, chunks, indexed_at, version, date, heading, "
                "text, sha256, mtime FROM documents").fetchall()
        return [StoredDocument(DocumentInfo(*row[:10]), row[10], row[11], row[12]) for row in rows]

    def embedded_vectors(self) -> dict[str, np.ndarray]:
        """Return the stored vector of each embedded text, so unchanged text is never embedded again."""
        with self._connect() as db:
            texts = [row[0] for row in db.execute("SELECT embedded FROM chunks ORDER BY row")]
        if not texts:
            return {}
        vectors = self.vectors.reconstruct_n(0, len(texts))
        return dict(zip(texts, vectors))
