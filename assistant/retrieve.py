"""Hybrid retrieval: dense (FAISS) and lexical (BM25) rankings fused into one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.embed import Embedder
from assistant.lexical import terms
from assistant.models import Passage
from assistant.store import StoredIndex

CANDIDATES = 50
# Reciprocal rank fusion: score = Σ weight / (RRF_K + rank).
RRF_K = 60
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 1.0


@dataclass(frozen=True)
class Ranking:
    """One retriever's ranked rows with their raw scores."""

    rows: np.ndarray
    scores: np.ndarray


def dense_ranking(index: StoredIndex, vector: np.ndarray, depth: int) -> Ranking:
    """Rank chunks by cosine similarity to a question vector."""
    depth = min(depth, index.vectors.ntotal)
    if depth == 0:
        return Ranking(np.zeros(0, np.int64), np.zeros(0, np.float32))
    scores, rows = index.vectors.search(vector.reshape(1, -1).astype(np.float32), depth)
    keep = rows[0] >= 0
    return Ranking(rows[0][keep], scores[0][keep])


def lexical_ranking(index: StoredIndex, question: str, depth: int) -> Ranking:
    """Rank chunks by BM25 over Swedish-stemmed terms."""
    scores = index.lexical.scores(terms(question))
    if not len(scores):
        return Ranking(np.zeros(0, np.int64), np.zeros(0, np.float32))
    depth = min(depth, len(scores))
    top = np.argpartition(-scores, depth - 1)[:depth]
    top = top[np.argsort(-scores[top], kind="stable")]
    top = top[scores[top] > 0]
    return Ranking(top, scores[top])


def fuse_rankings(dense: Ranking, lexical: Ranking, k: int) -> list[tuple[int, float, int | None, int | None]]:
    """Fuse two rankings by weighted reciprocal rank; return (row, score, dense rank, lexical rank)."""
    fused: dict[int, list] = {}
    for weight, ranking, slot in ((DENSE_WEIGHT, dense, 2), (LEXICAL_WEIGHT, lexical, 3)):
        for rank, row in enumerate(ranking.rows.tolist(), start=1):
            entry = fused.setdefault(row, [row, 0.0, None, None])
            entry[1] += weight / (RRF_K + rank)
            entry[slot] = rank
    ordered = sorted(fused.values(), key=lambda e: (-e[1], e[2] or CANDIDATES + 1))
    return [tuple(entry) for entry in ordered[:k]]  # type: ignore[misc]


def search(index: StoredIndex, embedder: Embedder, question: str, k: int = 5) -> list[Passage]:
    """Return the k best passages for a question, best first."""
    vector = embedder.embed_queries([question])[0]
    dense = dense_ranking(index, vector, CANDIDATES)
    lexical = lexical_ranking(index, question, CANDIDATES)
    dense_scores = dict(zip(dense.rows.tolist(), dense.scores.tolist()))
    lexical_scores = dict(zip(lexical.rows.tolist(), lexical.scores.tolist()))
    passages = []
    for rank, (row, score, dense_rank, lexical_rank) in enumerate(fuse_rankings(dense, lexical, k), start=1):
        dense_score = dense_scores.get(row)
        if dense_score is None:
            dense_score = float(index.vectors.reconstruct(int(row)) @ vector)
        passages.append(
            Passage(index.chunks[row], score, rank, dense_rank, lexical_rank,
                    float(dense_score), float(lexical_scores.get(row, 0.0)))
        )
    return passages
