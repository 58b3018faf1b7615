"""The setup most tutorials use, to compare against: fixed-size chunks, one vector each, flat FAISS, dense only.

Documents are read with the project's loaders and cleaning (kinder to the tutorial than a raw
PDF loader), then cut every 800 characters into 1,000-character chunks (LangChain's default
size and overlap), embedded as they are, and searched by cosine similarity alone: no sections,
no windows, no BM25, no answer step.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from assistant.embedding.base import Embedder
from assistant.evaluate import fold
from assistant.ingest.chunk import document_text
from assistant.ingest.clean import clean_document
from assistant.ingest.corpus import corpus_files, load_document

CHUNK_CHARS = 1000
OVERLAP = 200


def fixed_size_chunks(text: str, size: int = CHUNK_CHARS, overlap: int = OVERLAP) -> list[str]:
    """Cut a text into pieces of `size` characters, each overlapping the one before by `overlap`."""
    step = size - overlap
    return [text[start:start + size] for start in range(0, max(len(text) - overlap, 1), step)]


def corpus_chunks(corpus: Path) -> list[str]:
    """Return the fixed-size chunks of every readable document in a corpus."""
    chunks: list[str] = []
    for path in corpus_files(corpus):
        text, _spans = document_text(clean_document(load_document(path, corpus)))
        chunks.extend(fixed_size_chunks(text))
    return chunks


@dataclass(frozen=True)
class TutorialIndex:
    """The chunks, their flat FAISS index, and how long making them took."""

    chunks: list[str]
    vectors: faiss.IndexFlatIP
    seconds: float
    embedding_seconds: float


def build_tutorial_index(corpus: Path, embedder: Embedder) -> TutorialIndex:
    """Chunk, embed and index a corpus the tutorial way."""
    began = time.monotonic()
    chunks = corpus_chunks(corpus)
    embedding_began = time.monotonic()
    matrix = embedder.embed_passages(chunks)
    embedding_seconds = time.monotonic() - embedding_began
    vectors = faiss.IndexFlatIP(matrix.shape[1])
    vectors.add(np.ascontiguousarray(matrix, dtype=np.float32))
    return TutorialIndex(chunks, vectors, round(time.monotonic() - began, 3), round(embedding_seconds, 3))


def tutorial_search(index: TutorialIndex, embedder: Embedder, question: str, k: int = 10) -> list[str]:
    """Return the k chunks nearest to a question, best first."""
    _scores, rows = index.vectors.search(embedder.embed_queries([question]), k)
    return [index.chunks[row] for row in rows[0] if row >= 0]


def first_hits(index: TutorialIndex, embedder: Embedder, items: Sequence[dict[str, Any]]) -> list[int | None]:
    """Return, per answerable question, the rank of the first chunk holding its evidence (the eval's rule)."""
    ranks: list[int | None] = []
    for item in items:
        if item.get("absent"):
            continue
        evidence = [fold(e) for e in item.get("evidence", [])]
        found = tutorial_search(index, embedder, item["q"])
        ranks.append(next((rank for rank, text in enumerate(found, start=1)
                           if any(e in fold(text) for e in evidence)), None))
    return ranks
