"""Deciding whether the passages found actually answer the question, or whether to say so.

Retrieval always returns something: "Vad är öppettiderna för kommunens simhall?" finds
Mini-Maria's opening hours. Scores cannot tell that apart from a real answer, so the
question's own words are tested: a content word that no top passage contains (not even
as part of a compound or as a synonym) is left out of the question, and the shorter
question is embedded again. If it then fits the best passage *better*, the passage is
about something else than that word, and the documents do not answer the question.
A question for one kind of fact (a year, a phone number, a count …) must also find that
fact where it belongs (see `assistant.facts`). An English question is held to a lower cosine:
e5 places it further from the Swedish sentence that answers it than a Swedish question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.answering.facts import lacks_asked_fact
from assistant.embedding.base import Embedder
from assistant.indexing.store import StoredIndex
from assistant.ingest.terms import is_function_word, text_forms
from assistant.models import Passage
from assistant.search.lexicon import forms_of

PASSAGES_READ = 3
# Below this cosine nothing found is about the question at all. An English question meets the
# Swedish plans across languages, where e5 gives even the passage that answers it less.
UNRELATED = 0.80
UNRELATED_ENGLISH = 0.78
# Words that mark a question as English; a Swedish question hardly ever has two of them.
_ENGLISH_MARKERS = frozenset("the is are was were what who when where which how does do did of and with".split())
# Leaving a word out must raise the fit by this much for the word to count as unanswered.
ABLATION_GAIN = 0.012
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def missing_words(question: str, passages: Sequence[Passage], vocabulary: set[str] | dict[str, int]) -> list[str]:
    """Return the question's content words that none of the passages contains in any form."""
    present: set[str] = set()
    for passage in passages:
        present |= text_forms(f"{passage.chunk.section} {passage.chunk.text}", vocabulary)
    missing = []
    for word in dict.fromkeys(m.group() for m in _WORD.finditer(question)):
        folded = word.lower()
        if is_function_word(folded) or len(folded) < 3 or folded.isdigit():
            continue
        if not forms_of(folded, vocabulary) & present:
            missing.append(word)
    return missing


def _unrelated(question: str) -> float:
    """The cosine below which nothing found is about the question, for the question's language."""
    marked = sum(word.lower() in _ENGLISH_MARKERS for word in _WORD.findall(question))
    return UNRELATED_ENGLISH if marked >= 2 else UNRELATED


def _without(question: str, word: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", "", question)


def is_supported(
    index: StoredIndex, embedder: Embedder, question: str, passages: Sequence[Passage], vector: np.ndarray
) -> bool:
    """Judge whether the top passages answer the question (False: say that nothing was found).
    `vector` is the question's own, as retrieval embedded it."""
    if not passages:
        return False
    top = passages[0]
    best = max([w[2] for p in passages[:PASSAGES_READ] for w in p.windows] + [top.dense_score])
    if best < _unrelated(question) or lacks_asked_fact(question, passages[:PASSAGES_READ], index.lexical):
        return False
    missing = missing_words(question, passages[:PASSAGES_READ], index.lexical.vocabulary)
    target = index.windows.vector(index.row_of[top.chunk.chunk_id], top.windows[0][0]) \
        if index.windows and top.windows else None
    if not missing or target is None:
        return True
    shorter = embedder.embed_queries([_without(question, word) for word in missing])
    target = np.asarray(target, dtype=np.float32)
    return bool(np.all((shorter @ target - vector @ target) * index.scale.factor < ABLATION_GAIN))
