"""Synthetic vectors for the scaled corpus: each text borrows the real vector of the sample text most like it.

Embedding 20,000 chunks and their sentence windows with the real model would take hours on
two cores, so the scaled index is built with `BorrowedVectors`, an `Embedder` for the
benchmark only. The scaled documents are varied copies of the sample documents, so each
scaled text takes the real vector of the sample text that shares most words with it, plus a
little noise. The vectors stay in the real model's space: scores, thresholds and the answer
checks behave as with real vectors, and questions are still embedded by the real model.

The index records the real embedder's name, so that `plan-assistant serve` and an
incremental rebuild open it with the real embedder (which then embeds new text for real).
Every report calls these vectors synthetic.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.indexing.store import StoredIndex
from assistant.indexing.windows import window_text
from assistant.ingest.terms import words

HASH_DIM = 2048
# Per-component noise; a borrowed vector keeps a cosine of about 0.98 with the vector it borrows.
NOISE = 0.010
BATCH = 2048


def hashed_words(texts: Sequence[str]) -> np.ndarray:
    """Return each text's words hashed into HASH_DIM buckets, L2-normalised (stable across processes)."""
    bags = np.zeros((len(texts), HASH_DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in words(text):
            bags[row, zlib.crc32(word.encode()) % HASH_DIM] += 1.0
    return bags / np.maximum(np.linalg.norm(bags, axis=1, keepdims=True), 1e-12)


def noise_for(text: str, dim: int) -> np.ndarray:
    """Return the same small random vector for the same text, every run."""
    return np.random.default_rng(zlib.crc32(text.encode())).standard_normal(dim).astype(np.float32) * NOISE


def real_vectors(folder: Path) -> tuple[str, list[str], np.ndarray]:
    """Return an index's embedder name, and every text it embedded (chunks and windows) with its vector."""
    index = StoredIndex(folder)
    chunk_vectors = index.embedded_vectors()
    texts, vectors = list(chunk_vectors), list(chunk_vectors.values())
    if index.windows is not None:
        for i, (row, start, end) in enumerate(zip(index.windows.rows, index.windows.starts, index.windows.ends)):
            texts.append(window_text(index.chunks[int(row)], int(start), int(end)))
            vectors.append(np.asarray(index.windows.vectors[i]))
    return str(index.meta["embedder"]), texts, np.vstack(vectors).astype(np.float32)


class BorrowedVectors:
    """An `Embedder` that lends each text the real vector of its most similar source text, plus noise."""

    def __init__(self, name: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        self._name = name
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._bags = hashed_words(texts)

    @classmethod
    def load(cls, path: Path) -> BorrowedVectors:
        """Read the source texts and vectors written by `save`."""
        with np.load(path, allow_pickle=False) as data:
            return cls(str(data["name"]), [str(t) for t in data["texts"]], data["vectors"])

    @staticmethod
    def save(path: Path, name: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Write source texts and their real vectors for a child process to borrow from."""
        np.savez(path, name=np.array(name), texts=np.array(list(texts), dtype=str), vectors=vectors)

    @property
    def name(self) -> str:
        """The real embedder's name (see the module docstring for why)."""
        return self._name

    @property
    def dim(self) -> int:
        """Vector length of the real embedder."""
        return int(self._vectors.shape[1])

    def _borrow(self, texts: Sequence[str]) -> np.ndarray:
        nearest = np.argmax(hashed_words(texts) @ self._bags.T, axis=1)
        vectors = self._vectors[nearest] + np.vstack([noise_for(t, self.dim) for t in texts])
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Borrow vectors for questions too (the benchmark embeds questions with the real model instead)."""
        return self._borrow(texts) if texts else np.zeros((0, self.dim), np.float32)

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Borrow a vector for every passage, in batches."""
        parts = [np.zeros((0, self.dim), np.float32)]
        for start in range(0, len(texts), BATCH):
            parts.append(self._borrow(texts[start:start + BATCH]))
            if progress:
                progress(min(start + BATCH, len(texts)))
        return np.vstack(parts).astype(np.float32)
