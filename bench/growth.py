"""Growth: indexes of 1k, 10k and 100k chunks, and FAISS index types compared at each size.

An index of a given size is derived from the scaled index: its documents are taken in order,
and copied under new names (kopia-2/…) when more are needed; a copy's chunk and window vectors
get a little noise, so no two are identical. Chunk records, terms, windows and the activity
register grow with it, so opening and querying it costs what a real index of that size would.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant.indexing.bm25 import BM25
from assistant.indexing.build import embedding_text
from assistant.indexing.store import StoredDocument, StoredIndex, new_generation, switch_to, write_generation
from assistant.indexing.windows import Windows
from assistant.ingest.terms import index_terms
from assistant.models import Activity, Chunk
from bench.borrowed import NOISE
from bench.measure import Latency, recall_at_k

# How deep retrieval asks FAISS (retrieve.CANDIDATES) and the depth recall is judged at.
DEPTH = 50
RECALL_AT = 10
HNSW_M = 32
HNSW_EF_SEARCH = 64
IVF_PROBES = 16


def _renamed(name: str, copy: int, separator: str = "~") -> str:
    return name if copy == 0 else f"{name}{separator}{copy + 1}"


def _with_noise(vectors: np.ndarray, copies: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    noisy = vectors + (copies[:, None] > 0) * rng.standard_normal(vectors.shape).astype(np.float32) * NOISE
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)


def _copy_chunk(chunk: Chunk, copy: int) -> Chunk:
    return replace(chunk, chunk_id=_renamed(chunk.chunk_id, copy), doc_id=_renamed(chunk.doc_id, copy),
                   document=_copy_path(chunk.document, copy), title=_renamed(chunk.title, copy, " kopia "))


def _copy_path(path: str, copy: int) -> str:
    return path if copy == 0 else f"kopia-{copy + 1}/{path}"


def _copy_activity(activity: Activity, copy: int) -> Activity:
    return replace(activity, id=_renamed(activity.id, copy), doc_id=_renamed(activity.doc_id, copy),
                   chunk_id=_renamed(activity.chunk_id, copy), document=_copy_path(activity.document, copy))


def _copy_document(document: StoredDocument, copy: int) -> StoredDocument:
    info = document.info
    return replace(document, info=replace(info, doc_id=_renamed(info.doc_id, copy), path=_copy_path(info.path, copy),
                                          title=_renamed(info.title, copy, " kopia ")))


def derive_index(source: StoredIndex, target: Path, size: int) -> np.ndarray:
    """Write an index of at least `size` chunks (whole documents) made from `source`; return its chunk vectors."""
    documents = sorted(source.stored_documents(), key=lambda d: d.info.doc_id)
    rows_of: dict[str, list[int]] = {}
    for row, chunk in enumerate(source.chunks):
        rows_of.setdefault(chunk.doc_id, []).append(row)
    activities_of: dict[str, list[Activity]] = {}
    for activity in source.activities:
        activities_of.setdefault(activity.doc_id, []).append(activity)
    taken: list[tuple[int, StoredDocument]] = []
    count = copy = 0
    while count < size:
        for document in documents:
            if count >= size:
                break
            taken.append((copy, document))
            count += len(rows_of.get(document.info.doc_id, []))
        copy += 1
    source_rows = np.asarray([row for _c, d in taken for row in rows_of.get(d.info.doc_id, [])], dtype=np.int64)
    copies = np.asarray([c for c, d in taken for _row in rows_of.get(d.info.doc_id, [])], dtype=np.int64)
    chunks = [_copy_chunk(source.chunks[row], int(c)) for row, c in zip(source_rows, copies)]
    source_texts = [embedding_text(chunk) for chunk in source.chunks]
    source_terms = index_terms(source_texts)
    rng = np.random.default_rng(size)
    vectors = _with_noise(source.vectors.reconstruct_n(0, len(source.chunks))[source_rows], copies, rng)

    generation = new_generation(target)
    write_generation(
        generation, str(source.meta["embedder"]), [_copy_document(d, c) for c, d in taken], chunks,
        [source_texts[row] for row in source_rows], vectors, BM25.build(source_terms[row] for row in source_rows),
        [], {"pipeline": source.meta.get("pipeline"), "abbreviations": source.abbreviations},
        [_copy_activity(a, c) for c, d in taken for a in activities_of.get(d.info.doc_id, [])],
    )
    if source.windows is not None:
        _write_windows(generation, source.windows, source_rows, copies, rng)
    switch_to(target, generation)
    return vectors


def _write_windows(generation: Path, windows: Windows, source_rows: np.ndarray, copies: np.ndarray,
                   rng: np.random.Generator) -> None:
    first = windows.first
    ranges = [np.arange(first[row], first[row + 1]) if row + 1 < len(first) else np.zeros(0, np.int64)
              for row in source_rows]
    picked = np.concatenate(ranges) if ranges else np.zeros(0, np.int64)
    new_rows = np.repeat(np.arange(len(source_rows)), [len(r) for r in ranges])
    spans = list(zip(new_rows.tolist(), windows.starts[picked].tolist(), windows.ends[picked].tolist()))
    vectors = _with_noise(np.asarray(windows.vectors[picked]), copies[new_rows], rng)
    Windows.write(generation, spans, vectors)


def _index_types(dim: int, size: int) -> dict[str, Any]:
    hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efSearch = HNSW_EF_SEARCH
    # About 4·√n lists, but never fewer than 39 training points a list (FAISS's minimum).
    lists = max(1, min(int(4 * np.sqrt(size)), size // 39))
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
    ivf.nprobe = min(IVF_PROBES, lists)
    return {
        "flat": faiss.IndexFlatIP(dim),
        f"hnsw (M={HNSW_M}, efSearch={HNSW_EF_SEARCH})": hnsw,
        f"ivf (nlist={lists}, nprobe={ivf.nprobe})": ivf,
    }


def compare_index_types(vectors: np.ndarray, queries: np.ndarray, repeats: int = 3) -> dict[str, Any]:
    """Build each FAISS index type over the vectors; report build time, memory, latency and recall@10 vs flat."""
    results: dict[str, Any] = {}
    exact: np.ndarray | None = None
    for name, index in _index_types(vectors.shape[1], len(vectors)).items():
        began = time.monotonic()
        if not index.is_trained:
            index.train(vectors)
        index.add(vectors)
        built = time.monotonic() - began
        timings = []
        for _ in range(repeats):
            for query in queries:
                start = time.perf_counter()
                index.search(query.reshape(1, -1), DEPTH)
                timings.append((time.perf_counter() - start) * 1000)
        _scores, found = index.search(queries, RECALL_AT)
        exact = found if exact is None else exact
        results[name] = {
            "build_seconds": round(built, 2),
            "memory_mb": round(len(faiss.serialize_index(index)) / 1e6, 1),
            "search": Latency.of(timings).as_dict(),
            f"recall_at_{RECALL_AT}": recall_at_k(exact, found),
        }
    return results

