"""Deciding whether the passages found answer the question, or whether to say that the documents don't.

Retrieval always returns something: "Vad är öppettiderna för kommunens simhall?" finds
Mini-Maria's opening hours. No one signal tells that apart from a real answer, so a fitted
logistic model weighs several (ANSWERABLE_FEATURES): how close the passages came (the best
window's cosine, how far it falls below the cosine of unrelated text, and whether the question
is English, which meets the Swedish text across languages), how much of the question's weight
the corpus does not know at all, how much better the question fits the best passage without a
word no passage has (then the passage is about something else than that word), whether the
best unit has the form the question's kind asks for, whether the best unit's passage names what
the question names (a municipality, a team, a year), and whether a fact the question asks for
(a year, a contact detail, how often or how long, a count, the holder of a role) is missing
near its topic. Its probability is compared with a threshold fitted with it (`reader.json`).
Signals that did not help on the blind sets (how much of the question the passages show, the
dense and lexical rankings agreeing, the reader's score for its best unit) were measured and
left out: docs/quality.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.answering.facts import MISSING_FACTS, missing_facts, years_in
from assistant.answering.logistic import LogisticModel
from assistant.answering.reader import Reading
from assistant.answering.signals import COSINE_FLOOR, COSINE_SCALE, kind_form
from assistant.answering.units import Unit
from assistant.embedding.base import Embedder
from assistant.indexing.store import StoredIndex
from assistant.ingest.terms import is_function_word, text_forms
from assistant.models import Passage
from assistant.search.lexicon import forms_of
from assistant.search.question import is_english

# The passages whose signals decide whether the documents answer (the reader reads more, units.PASSAGES_READ).
SUPPORT_PASSAGES = 3
# Below these cosines nothing found is about the question at all, for a Swedish and an English
# question (which meets the Swedish plans across languages, where e5 gives even its answer less).
UNRELATED = 0.80
UNRELATED_ENGLISH = 0.78
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

ANSWERABLE_FEATURES = (
    "cosine", "below_floor", "english", "unknown", "ablation_gain", "kind_found", "names_elsewhere", "year_elsewhere",
    *MISSING_FACTS,
)
# The ablation gain is capped, so that whether it can change a decision is known without it.
ABLATION_CAP = 3.0
ABLATION = ANSWERABLE_FEATURES.index("ablation_gain")
# A name in the question: a capitalised word that does not open it ("Kustbygd", "Ekeby", "MHFA").
_NAME = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-ZÅÄÖ][\wåäöÅÄÖ-]+")


def content_words(question: str) -> list[str]:
    """The question's words that carry its topic: not function words, not numbers, three letters or more."""
    found = (m.group().lower() for m in _WORD.finditer(question))
    return [w for w in dict.fromkeys(found) if not is_function_word(w) and len(w) >= 3 and not w.isdigit()]


def _unknown_share(index: StoredIndex, question: str) -> float:
    """The share of the question's content words (weighed by idf, an unknown word by the rarest's)
    that the corpus knows in no form at all."""
    lexical = index.lexical
    ceiling = float(lexical.idf.max()) if len(lexical.idf) else 1.0
    total = unknown = 0.0
    for word in content_words(question):
        known = [float(lexical.idf[lexical.vocabulary[f]]) for f in forms_of(word, lexical.vocabulary)
                 if f in lexical.vocabulary]
        total += max(known) if known else ceiling
        unknown += 0.0 if known else ceiling
    return unknown / total if total else 0.0


def _names_elsewhere(question: str, unit: Unit | None, vocabulary: set[str] | dict[str, int]) -> float:
    """The share of the names in the question that the best unit's passage (its text, section and
    document title) does not show in any form: an answer about another municipality or another
    team than the one asked about is no answer."""
    names = [name.lower() for name in _NAME.findall(question.strip())]
    if not names or unit is None:
        return 0.0
    chunk = unit.passage.chunk
    present = text_forms(f"{chunk.title} {chunk.section} {chunk.text}", vocabulary)
    return sum(not forms_of(name, vocabulary) & present for name in names) / len(names)


def _year_elsewhere(question: str, unit: Unit | None) -> bool:
    """Whether the question names a year that the best unit's passage (text, section, title) does not."""
    asked = years_in(question)
    if not asked or unit is None:
        return False
    chunk = unit.passage.chunk
    return not asked & years_in(f"{chunk.title} {chunk.section} {chunk.text}")


def missing_words(question: str, passages: Sequence[Passage], vocabulary: set[str] | dict[str, int]) -> list[str]:
    """Return the question's content words that none of the passages contains in any form."""
    present: set[str] = set()
    for passage in passages:
        present |= text_forms(f"{passage.chunk.section} {passage.chunk.text}", vocabulary)
    return [word for word in content_words(question) if not forms_of(word, vocabulary) & present]


def ablation_gain(index: StoredIndex, embedder: Embedder, question: str, vector: np.ndarray,
                  passages: Sequence[Passage]) -> float:
    """How much better (in hundredths of e5's cosine) the question fits the best window when a word
    no passage has is left out; the most any one word gives, and 0 when every word is found.

    "Vad är öppettiderna för kommunens simhall?" fits Mini-Maria's opening hours better without
    "simhall": the passage is about something else than the word."""
    top = passages[0]
    missing = missing_words(question, passages, index.lexical.vocabulary)
    if not missing or not index.windows or not top.windows:
        return 0.0
    target = index.windows.vector(index.row_of[top.chunk.chunk_id], top.windows[0][0])
    if target is None:
        return 0.0
    shorter = embedder.embed_queries([re.sub(rf"(?<!\w){re.escape(w)}(?!\w)", "", question) for w in missing])
    target = np.asarray(target, dtype=np.float32)
    gain = float(np.max(shorter @ target - vector @ target)) * index.scale.factor * 100
    return min(max(0.0, gain), ABLATION_CAP)


def answerable_features(index: StoredIndex, question: str, passages: Sequence[Passage], reading: Reading) -> np.ndarray:
    """One row of ANSWERABLE_FEATURES for a question and what was found for it, but for the ablation
    gain (0 here), which costs an embedding: see `ablation_gain` and `is_answerable`."""
    read = passages[:SUPPORT_PASSAGES]
    best_cosine = max([w[2] for p in read for w in p.windows] + [p.dense_score for p in read])
    unit = reading.best_unit
    unknown = _unknown_share(index, question)
    english = is_english(question)
    return np.asarray([
        (best_cosine - COSINE_FLOOR) * COSINE_SCALE,
        max(0.0, (UNRELATED_ENGLISH if english else UNRELATED) - best_cosine) * COSINE_SCALE,
        float(english),
        unknown,
        0.0,
        float(unit is not None and kind_form(reading.question.kind, unit.text)),
        _names_elsewhere(question, unit, index.lexical.vocabulary),
        float(_year_elsewhere(question, unit)),
        *(float(flag) for flag in missing_facts(question, read, index.lexical)),
    ], dtype=np.float64)


def is_answerable(model: LogisticModel, threshold: float, row: np.ndarray, gain: Callable[[], float]) -> bool:
    """Whether the model's probability reaches the threshold. The ablation gain (`gain()`, which
    embeds the question again) is worked out only when the decision depends on it: with the gain
    capped, the two ends of its range tell when it does not."""
    ends = np.vstack([row, row])
    ends[0, ABLATION], ends[1, ABLATION] = 0.0, ABLATION_CAP
    at_ends = model.probabilities(ends) >= threshold
    if at_ends.all() or not at_ends.any():
        return bool(at_ends[0])
    row = row.copy()
    row[ABLATION] = gain()
    return bool(model.probabilities(row[None, :])[0] >= threshold)
