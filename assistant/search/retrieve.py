"""Hybrid retrieval: dense (FAISS) and lexical (BM25) rankings fused into one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.embedding.base import Embedder
from assistant.indexing.store import StoredIndex
from assistant.indexing.windows import ScoredWindow
from assistant.ingest.abbreviations import expand_query
from assistant.ingest.terms import query_weights, terms, terms_present, words
from assistant.models import CONTENTS, Passage
from assistant.search.forms import asked_form_share
from assistant.search.lexicon import related_groups, share_shown, term_weights, word_groups

CANDIDATES = 50
RRF_K = 60
# Share of the lexical side in the fused score, and weight of the rank-based tie-breaker.
LEXICAL_SHARE = 0.5
RANK_CREDIT = 1.0
# How much a chunk's best sentence window counts against the chunk's own vector.
WINDOW_SHARE = 0.5
# Weight of a related word that stands in for a question word (once per word, see `lexical_ranking`).
RELATED_SHARE = 1.0
# What the best window's share of the question's words adds to a chunk's fused score, and how many
# of the fused candidates are read for it.
WINDOW_WORDS = 0.1
WINDOWS_READ = 20
# A question that names the form of its answer (a share, how often, who is responsible, an age…)
# is better answered by a chunk that holds that form; among the top WINDOWS_READ, such a chunk
# gains this much for the share of the asked forms it holds.
FORM_WEIGHT = 0.3


@dataclass(frozen=True)
class Ranking:
    """One retriever's ranked rows with their raw scores (`ceiling`: what a full match would score)."""

    rows: np.ndarray
    scores: np.ndarray
    ceiling: float = 0.0


def dense_ranking(index: StoredIndex, vector: np.ndarray, depth: int) -> Ranking:
    """Rank chunks by cosine similarity to a question vector."""
    depth = min(depth, index.vectors.ntotal)
    if depth == 0:
        return Ranking(np.zeros(0, np.int64), np.zeros(0, np.float32))
    scores, rows = index.nearest(vector, depth)
    keep = rows >= 0
    return Ranking(rows[keep], scores[keep])


def lexical_ranking(index: StoredIndex, question: str, depth: int) -> Ranking:
    """Rank chunks by BM25 over Swedish-stemmed terms.

    A question word's related words ("finansiering" for "betalar") stand in for it at its full
    weight, but a chunk scores only its best one: a chunk full of money words does not outrank
    the one that says who pays."""
    weights = query_weights(question, index.lexical.vocabulary)
    groups = [
        dict.fromkeys((term for term in terms(" ".join(group)) if term not in weights), RELATED_SHARE)
        for group in related_groups(words(question))
    ]
    scores = index.lexical.scores(weights, [group for group in groups if group])
    if not len(scores):
        return Ranking(np.zeros(0, np.int64), np.zeros(0, np.float32))
    depth = min(depth, len(scores))
    top = np.argpartition(-scores, depth - 1)[:depth]
    top = top[np.argsort(-scores[top], kind="stable")]
    top = top[scores[top] > 0]
    return Ranking(top, scores[top], index.lexical.full_match(weights))


def fuse_rankings(dense: Ranking, lexical: Ranking, k: int) -> list[tuple[int, float, int | None, int | None]]:
    """Fuse two rankings; return (row, score, dense rank, lexical rank), best first.

    Each retriever's scores are scaled to 0–1 over the candidates (dense from the weakest to
    the strongest candidate, BM25 as a share of a full match of the question's words, or of the
    best if it scores more), then mixed with LEXICAL_SHARE, and
    a little reciprocal-rank credit breaks near-ties. Unlike pure rank fusion, this keeps how
    *much* better a retriever finds its first passage than its second.
    """
    ranks: dict[int, list[int | None]] = {}
    for slot, ranking in enumerate((dense, lexical)):
        for rank, row in enumerate(ranking.rows.tolist(), start=1):
            ranks.setdefault(row, [None, None])[slot] = rank
    dense_scores = dict(zip(dense.rows.tolist(), dense.scores.tolist()))
    lexical_scores = dict(zip(lexical.rows.tolist(), lexical.scores.tolist()))
    low = min(dense_scores.values(), default=0.0)
    high = max(dense_scores.values(), default=1.0)
    best_lexical = max(lexical_scores.values(), default=0.0)
    # BM25 is scaled against a chunk that holds all of the question's words, unless one scores
    # higher: a best chunk that holds one word of five must not outweigh the dense side as fully
    # as one that holds them all.
    lexical_scale = max(best_lexical, lexical.ceiling)
    fused: dict[int, float] = {}
    for row, (dense_rank, lexical_rank) in ranks.items():
        scaled_dense = (dense_scores.get(row, low) - low) / (high - low) if high > low else 1.0
        scaled_lexical = lexical_scores.get(row, 0.0) / lexical_scale if best_lexical > 0 else 0.0
        share = LEXICAL_SHARE if best_lexical > 0 else 0.0
        rank_credit = sum(1.0 / (RRF_K + r) for r in (dense_rank, lexical_rank) if r)
        fused[row] = (1 - share) * scaled_dense + share * scaled_lexical + RANK_CREDIT * rank_credit
    ordered = sorted(fused, key=lambda row: (-fused[row], ranks[row][0] or CANDIDATES + 1))
    return [(row, fused[row], ranks[row][0], ranks[row][1]) for row in ordered[:k]]


def refine_dense(
    index: StoredIndex, vector: np.ndarray, dense: Ranking, lexical: Ranking
) -> tuple[Ranking, dict[int, list[ScoredWindow]]]:
    """Re-rank every candidate chunk by its own vector and its best sentence window."""
    candidates = list(dict.fromkeys(dense.rows.tolist() + lexical.rows.tolist()))
    chunk_scores = dict(zip(dense.rows.tolist(), dense.scores.tolist()))
    for row in candidates:
        if row not in chunk_scores:
            chunk_scores[row] = float(index.vectors.reconstruct(int(row)) @ vector)
    windows = index.windows.best(vector, candidates) if index.windows else {}
    scores = {
        row: WINDOW_SHARE * windows[row][0].score + (1 - WINDOW_SHARE) * chunk_scores[row]
        if row in windows else chunk_scores[row]
        for row in candidates
    }
    ordered = sorted(candidates, key=lambda row: -scores[row])
    return Ranking(np.asarray(ordered, dtype=np.int64), np.asarray([scores[r] for r in ordered])), windows


def window_word_share(index: StoredIndex, question: str, windows: dict[int, list[ScoredWindow]],
                      rows: list[int]) -> dict[int, float]:
    """For each chunk, the largest share of the question's words (by idf, once per word) that one
    of its windows holds.

    BM25 counts a chunk's words wherever they stand; a chunk of 200 words may hold the question's
    words in sentences about different things. A window that holds them together says more."""
    groups = word_groups(index.lexical, question)
    shown = share_shown(groups, term_weights(index.lexical, question))
    wanted = set().union(*groups)
    shares = {}
    for row in rows:
        text = index.chunks[row].text
        shares[row] = max((shown(terms_present(text[w.start:w.end], wanted)) for w in windows.get(row, ())),
                          default=0.0)
    return shares


def form_share(question: str, texts: dict[int, str]) -> dict[int, float]:
    """For each chunk, the share of the forms the question's answer takes that its text holds:
    "Hur långa är NOSAM-mötena och hur ofta hålls de?" asks for a duration and a frequency,
    and "3 tim./5-6 vecka" holds both, while a chunk about the meetings' purpose holds neither."""
    return {row: asked_form_share(question, text) for row, text in texts.items()}


def search(
    index: StoredIndex, embedder: Embedder, question: str, k: int = 5, vector: np.ndarray | None = None
) -> list[Passage]:
    """Return the k best passages for a question, best first (`vector`: the question's, if embedded already)."""
    if vector is None:
        vector = embedder.embed_queries([question])[0]
    lexical = lexical_ranking(index, expand_query(question, index.abbreviations), CANDIDATES)
    dense, windows = refine_dense(index, vector, dense_ranking(index, vector, CANDIDATES), lexical)
    dense_scores = dict(zip(dense.rows.tolist(), dense.scores.tolist()))
    lexical_scores = dict(zip(lexical.rows.tolist(), lexical.scores.tolist()))
    passages = []
    # Cosines are reported on e5's scale, where the answer and abstention thresholds were set.
    on_e5 = index.scale.to_e5
    fused = fuse_rankings(dense, lexical, max(k, WINDOWS_READ))
    shares = window_word_share(index, question, windows, [row for row, *_ in fused])
    forms = form_share(question, {row: index.chunks[row].text for row, *_ in fused})
    fused = sorted(
        ((row, score + WINDOW_WORDS * shares[row] + FORM_WEIGHT * forms[row], dense_rank, lexical_rank)
         for row, score, dense_rank, lexical_rank in fused if index.chunks[row].kind != CONTENTS),
        key=lambda entry: -entry[1],
    )[:k]
    for rank, (row, score, dense_rank, lexical_rank) in enumerate(fused, start=1):
        passages.append(
            Passage(index.chunks[row], score, rank, dense_rank, lexical_rank,
                    on_e5(float(dense_scores[row])), float(lexical_scores.get(row, 0.0)),
                    tuple((w.start, w.end, on_e5(w.score)) for w in windows.get(row, ())))
        )
    return passages
