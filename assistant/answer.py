"""Compose an extractive answer: the sentences that best answer the question, each cited.

No language model: sentences are taken word for word from the top passages, so every
claim in an answer is a quotation that its citation points at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.lexical import BM25, terms
from assistant.models import TABLE_ROW, Answer, Citation, Passage
from assistant.present import chunk_url
from assistant.sentences import split_sentences, word_count

NOT_FOUND = "Jag hittar inget om det i dokumenten."
PASSAGES_READ = 3
MAX_SENTENCES = 2
MAX_ANSWER_WORDS = 120
RELATED = 3

# Window cosines of e5 lie in a narrow band; this maps 0.80–0.90 onto 0–1.
SIMILARITY_FLOOR = 0.80
SIMILARITY_SCALE = 10.0


@dataclass(frozen=True)
class _Candidate:
    passage: Passage
    text: str
    score: float
    order: int


def _weights(index: BM25, question_terms: Sequence[str]) -> dict[str, float]:
    weights = {}
    for term in set(question_terms):
        column = index.vocabulary.get(term)
        weights[term] = float(index.idf[column]) if column is not None else 0.0
    return weights


def _pieces(passage: Passage) -> list[tuple[str, float]]:
    """The quotable pieces of a passage with their similarity to the question, in text order."""
    chunk = passage.chunk
    # A table row answers who / what / when together, so it is never cut apart.
    if chunk.kind == TABLE_ROW:
        return [(chunk.text, passage.dense_score)]
    if passage.windows:
        ordered = sorted(passage.windows)
        return [(chunk.text[lo:hi], score) for lo, hi, score in ordered]
    return [(sentence, passage.dense_score) for sentence in split_sentences(chunk.text)]


def _candidates(index: BM25, question: str, passages: Sequence[Passage]) -> list[_Candidate]:
    weights = _weights(index, terms(question))
    total = sum(weights.values()) or 1.0
    candidates = []
    order = 0
    for passage in passages[:PASSAGES_READ]:
        for piece, similarity in _pieces(passage):
            piece_terms = set(terms(piece))
            overlap = sum(w for t, w in weights.items() if t in piece_terms) / total
            # Similarity decides among pieces; shared rare words and an early passage break ties.
            closeness = max(similarity - SIMILARITY_FLOOR, 0.0) * SIMILARITY_SCALE
            prior = 0.3 / passage.rank
            brevity = 0.5 if word_count(piece) < 4 else 1.0
            candidates.append(_Candidate(passage, piece, (closeness + overlap + prior) * brevity, order))
            order += 1
    return candidates


def _choose(candidates: Sequence[_Candidate]) -> list[_Candidate]:
    ranked = sorted(candidates, key=lambda c: (-c.score, c.order))
    chosen: list[_Candidate] = []
    words = 0
    for candidate in ranked:
        if len(chosen) == MAX_SENTENCES or (chosen and candidate.score < 0.7 * chosen[0].score):
            break
        size = word_count(candidate.text)
        if chosen and words + size > MAX_ANSWER_WORDS:
            continue
        chosen.append(candidate)
        words += size
    # Read in document order within each passage, passages in rank order.
    return sorted(chosen, key=lambda c: c.order)


def compose_answer(index: BM25, question: str, passages: Sequence[Passage], supported: bool = True) -> Answer:
    """Return a cited extractive answer, or (not supported) a plain not-found answer with nearby passages."""
    if not supported or not passages:
        return Answer(question, NOT_FOUND, False, (), tuple(passages[:RELATED]))
    numbers: dict[str, int] = {}
    quotes: dict[str, list[str]] = {}
    parts = []
    for candidate in _choose(_candidates(index, question, passages)):
        chunk = candidate.passage.chunk
        number = numbers.setdefault(chunk.chunk_id, len(numbers) + 1)
        quotes.setdefault(chunk.chunk_id, []).append(candidate.text)
        parts.append(f"{candidate.text} [{number}]")
    by_id = {p.chunk.chunk_id: p.chunk for p in passages}
    citations = tuple(
        Citation(n, by_id[chunk_id], " … ".join(quotes[chunk_id]), chunk_url(by_id[chunk_id]))
        for chunk_id, n in numbers.items()
    )
    return Answer(question, " ".join(parts), True, citations, ())
