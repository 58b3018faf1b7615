"""Sentence windows: each chunk's text cut into a few short, separately embedded pieces.

A chunk of 200 words about several things has one vector that is about none of them
in particular. Its windows (a sentence or a few, up to WINDOW_WORDS) let a question meet
the one sentence that answers it: retrieval scores a chunk by its best window, and the
answer composer quotes the windows closest to the question.

On disk, beside the chunk vectors: windows.npz (chunk row, start, end of every window,
in chunk order) and window_vectors.npy, memory-mapped so that large indexes stay small
in memory and only the windows of candidate chunks are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.ingest.sentences import sentence_spans, word_count
from assistant.models import Chunk

WINDOW_WORDS = 40
SHORT_LINE = 6
SPANS = "windows.npz"
VECTORS = "window_vectors.npy"


def window_spans(text: str) -> list[tuple[int, int]]:
    """Group a chunk's sentences into windows of at most WINDOW_WORDS words (a longer sentence stands alone)."""
    windows: list[tuple[int, int]] = []
    start = end = -1
    words = 0
    for lo, hi in sentence_spans(text):
        size = word_count(text[lo:hi])
        # A heading or label line never stands alone: it stays with what it introduces, and a line
        # that ends in a colon ("Inom SAMLA samverkar:") opens a window for the list it introduces.
        introduces = text[lo:hi].endswith(":")
        if start >= 0 and (words + size > WINDOW_WORDS or introduces) and words >= SHORT_LINE:
            windows.append((start, end))
            start = -1
        if start < 0:
            start, words = lo, 0
        end = hi
        words += size
    if start >= 0:
        windows.append((start, end))
    return windows


# A web address's path: what follows its host ("…/SURROGATE/Till%c3%a4mpningsanvisningar%20i%20G…").
_ADDRESS_PATH = re.compile(r"\b((?:https?://|www\.)[^\s/]+)/\S*", re.IGNORECASE)


def short_addresses(text: str) -> str:
    """Return the text with each web address cut to its host, for the embedder and the term index.

    A path is percent-encoded noise to both: five copies of one archive link took most of e5's
    512 tokens for a chunk of Mölndal's plan, and the words after them were never read. The
    text shown and quoted keeps the whole address."""
    return _ADDRESS_PATH.sub(r"\1", text)


def window_text(chunk: Chunk, start: int, end: int) -> str:
    """Return the text embedded for one window: where it stands, then its words."""
    title = chunk.searched_title
    where = f"{title} – {chunk.section}" if chunk.section else title
    return f"{where}\n{short_addresses(chunk.text[start:end])}"


@dataclass(frozen=True)
class ScoredWindow:
    """A window of a chunk and its cosine similarity to the question."""

    start: int
    end: int
    score: float


class Windows:
    """The windows of every chunk of an index generation, and their vectors."""

    def __init__(self, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, vectors: np.ndarray) -> None:
        self.rows = rows
        self.starts = starts
        self.ends = ends
        self.vectors = vectors
        # Windows are stored in chunk order, so each chunk's windows are one slice.
        count = int(rows.max()) + 1 if len(rows) else 0
        self.first = np.searchsorted(rows, np.arange(count + 1))

    @staticmethod
    def write(generation: Path, spans: Sequence[tuple[int, int, int]], vectors: np.ndarray) -> None:
        """Save (chunk row, start, end) of every window and their vectors."""
        table = np.asarray(spans, dtype=np.int64).reshape(-1, 3)
        with open(generation / SPANS, "wb") as handle:
            np.savez(handle, rows=table[:, 0], starts=table[:, 1], ends=table[:, 2])
        # Half precision: they are read from disk as questions need them, and at 100k chunks
        # float32 made 470 MB of pages resident. Cosines move by about 0.0005.
        np.save(generation / VECTORS, np.ascontiguousarray(vectors, dtype=np.float16))

    @classmethod
    def load(cls, generation: Path) -> Windows | None:
        """Open a generation's windows, or None for an index built without them."""
        if not (generation / SPANS).exists():
            return None
        with np.load(generation / SPANS) as data:
            rows, starts, ends = data["rows"], data["starts"], data["ends"]
        return cls(rows, starts, ends, np.load(generation / VECTORS, mmap_mode="r"))

    def best(self, question: np.ndarray, chunk_rows: Sequence[int]) -> dict[int, list[ScoredWindow]]:
        """Return each chunk's windows scored against a question vector, best first."""
        slices = {}
        for row in chunk_rows:
            if row + 1 < len(self.first) and self.first[row] < self.first[row + 1]:
                slices[row] = (int(self.first[row]), int(self.first[row + 1]))
        if not slices:
            return {}
        # One read and one product for all candidates: slice by slice cost more than the products.
        positions = np.concatenate([np.arange(lo, hi) for lo, hi in slices.values()])
        similarities = (np.asarray(self.vectors[positions], dtype=np.float32) @ question).tolist()
        starts, ends = self.starts[positions].tolist(), self.ends[positions].tolist()
        scored: dict[int, list[ScoredWindow]] = {}
        at = 0
        for row, (lo, hi) in slices.items():
            windows = [ScoredWindow(starts[i], ends[i], similarities[i]) for i in range(at, at + hi - lo)]
            scored[row] = sorted(windows, key=lambda w: -w.score)
            at += hi - lo
        return scored

    def vector(self, row: int, start: int) -> np.ndarray | None:
        """Return the stored vector of the chunk's window that starts at `start`, if any."""
        if row + 1 >= len(self.first):
            return None
        for i in range(int(self.first[row]), int(self.first[row + 1])):
            if int(self.starts[i]) == start:
                return np.asarray(self.vectors[i], dtype=np.float32)
        return None
