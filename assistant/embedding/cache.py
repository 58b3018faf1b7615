"""Embeddings kept across builds, keyed by the embedder and the exact text embedded.

Lives beside the index generations (index/embeddings.sqlite), so a rebuild, a changed
chunking or a reverted document never embeds the same text twice.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

FILE = "embeddings.sqlite"


def _key(embedder: str, text: str) -> str:
    return hashlib.sha256(f"{embedder}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    """A table of vectors by (embedder, text) hash, in one SQLite file."""

    def __init__(self, folder: Path, embedder: str, dim: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / FILE
        self.embedder = embedder
        self.dim = dim
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=60)

    def get(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """Return the cached vector of each text that has one."""
        keys = {_key(self.embedder, text): text for text in texts}
        found: dict[str, np.ndarray] = {}
        wanted = list(keys)
        with self._connect() as db:
            for start in range(0, len(wanted), 500):
                batch = wanted[start:start + 500]
                marks = ",".join("?" * len(batch))
                for key, blob in db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", batch):
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape == (self.dim,):
                        found[keys[key]] = vector
        return found

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store vectors for texts (one row each)."""
        rows = [(_key(self.embedder, t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
