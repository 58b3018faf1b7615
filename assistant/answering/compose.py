"""Compose an extractive answer: the units the reader chose, each cited, or "nothing found".

No language model: every claim in an answer is a quotation from a passage that its citation
points at, so staff can check it in one click.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy as np

from assistant.answering.present import chunk_url
from assistant.answering.reader import ReaderParameters, choose_units, read_units
from assistant.answering.signals import read_question
from assistant.answering.summary import summary_units
from assistant.answering.support import PASSAGES_READ, ablation_gain, answerable_features, is_answerable
from assistant.answering.units import Unit, candidate_units
from assistant.embedding.base import Embedder
from assistant.indexing.store import StoredIndex
from assistant.models import Answer, Citation, Passage

NOT_FOUND = "Jag hittar inget om det i dokumenten."
RELATED = 3


def compose_answer(question: str, passages: Sequence[Passage], units: Sequence[Unit]) -> Answer:
    """Quote the units, each followed by the number of its citation; without units, say nothing was found
    and offer the nearest passages instead."""
    if not units:
        return Answer(question, NOT_FOUND, False, (), tuple(passages[:RELATED]))
    numbers: dict[str, int] = {}
    quotes: dict[str, list[str]] = {}
    parts = []
    for unit in units:
        chunk = unit.passage.chunk
        number = numbers.setdefault(chunk.chunk_id, len(numbers) + 1)
        quotes.setdefault(chunk.chunk_id, []).append(unit.text)
        parts.append(f"{unit.text} [{number}]")
    chunks = {unit.passage.chunk.chunk_id: unit.passage.chunk for unit in units}
    citations = tuple(Citation(n, chunks[chunk_id], " … ".join(quotes[chunk_id]), chunk_url(chunks[chunk_id]))
                      for chunk_id, n in numbers.items())
    return Answer(question, " ".join(parts), True, citations, ())


def answer_from_passages(index: StoredIndex, embedder: Embedder, question: str, vector: np.ndarray,
                         passages: Sequence[Passage], parameters: ReaderParameters) -> Answer:
    """Read the passages, decide whether they answer the question, and quote what does."""
    if not passages:
        return compose_answer(question, passages, [])
    reading = read_units(read_question(index.lexical, question), candidate_units(passages), parameters.sentence)
    row = answerable_features(index, question, passages, reading)
    gain = partial(ablation_gain, index, embedder, question, vector, passages[:PASSAGES_READ])
    if not is_answerable(parameters.answerable, parameters.threshold, row, gain):
        return compose_answer(question, passages, [])
    if reading.question.kind == "summary":
        return compose_answer(question, passages, summary_units(index, reading))
    return compose_answer(question, passages, choose_units(reading, parameters))
