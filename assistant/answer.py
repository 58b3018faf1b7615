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
MAX_SENTENCES = 3
MAX_ANSWER_WORDS = 120
RELATED = 3

# Abstention: below this cosine the best passage is not about the question at all, and
# between it and CONFIDENT the question's rare words must also be found in the passages.
UNRELATED = 0.80
CONFIDENT = 0.86
MIN_TERM_COVERAGE = 0.5


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


def term_coverage(index: BM25, question: str, passages: Sequence[Passage]) -> float:
    """Return the idf-weighted share of the question's terms found in the given passages."""
    question_terms = terms(question)
    if not question_terms:
        return 0.0
    weights = _weights(index, question_terms)
    # A term the corpus never uses weighs like the rarest term it does use.
    ceiling = float(index.idf.max()) if len(index.idf) else 1.0
    found: set[str] = set()
    for passage in passages:
        found.update(terms(f"{passage.chunk.section} {passage.chunk.text}"))
    total = sum(weights[t] or ceiling for t in weights)
    return sum(weights[t] for t in weights if t in found) / total if total else 0.0


def is_supported(index: BM25, question: str, passages: Sequence[Passage]) -> bool:
    """Judge whether the top passages answer the question, or whether to say nothing was found."""
    if not passages:
        return False
    best = max(p.dense_score for p in passages)
    if best < UNRELATED:
        return False
    if best >= CONFIDENT:
        return True
    return term_coverage(index, question, passages[:PASSAGES_READ]) >= MIN_TERM_COVERAGE


def _candidates(index: BM25, question: str, passages: Sequence[Passage]) -> list[_Candidate]:
    weights = _weights(index, terms(question))
    candidates = []
    order = 0
    for passage in passages[:PASSAGES_READ]:
        # A table row answers who / what / when together, so it is never cut apart.
        pieces = [passage.chunk.text] if passage.chunk.kind == TABLE_ROW else split_sentences(passage.chunk.text)
        for piece in pieces:
            piece_terms = set(terms(piece))
            overlap = sum(w for t, w in weights.items() if t in piece_terms)
            # Earlier passages are more likely right; very short fragments say little.
            prior = 1.0 / (passage.rank + 1)
            brevity = 0.5 if word_count(piece) < 4 else 1.0
            candidates.append(_Candidate(passage, piece, (overlap + prior) * brevity, order))
            order += 1
    return candidates


def _choose(candidates: Sequence[_Candidate]) -> list[_Candidate]:
    ranked = sorted(candidates, key=lambda c: (-c.score, c.order))
    chosen: list[_Candidate] = []
    words = 0
    for candidate in ranked:
        if len(chosen) == MAX_SENTENCES or (chosen and candidate.score < 0.4 * chosen[0].score):
            break
        size = word_count(candidate.text)
        if chosen and words + size > MAX_ANSWER_WORDS:
            continue
        chosen.append(candidate)
        words += size
    # Read in document order within each passage, passages in rank order.
    return sorted(chosen, key=lambda c: c.order)


def compose_answer(index: BM25, question: str, passages: Sequence[Passage]) -> Answer:
    """Return a cited extractive answer, or a plain not-found answer with nearby passages."""
    if not is_supported(index, question, passages):
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
