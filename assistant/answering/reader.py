"""The reader: which units of the passages answer the question, as a fitted model judges them.

A ranking model over `signals.UNIT_FEATURES` (a conditional logit: the softmax of its scores
over the units read) gives each unit the probability that it is the one that answers.
The best unit is quoted; the next ones too while they come close to it (`relative`) and stay
likely (`floor`), as many as the question's kind wants: one for a count, the items after a line
that opens a list (a summary is read from the document's structure: `summary.py`). The parameters are
fitted by `plan-assistant train` from the labelled question sets and kept in `reader.json`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answering.logistic import LogisticModel
from assistant.answering.signals import Question, unit_features
from assistant.answering.units import Unit
from assistant.ingest.sentences import word_count

PARAMETERS = Path(__file__).with_name("reader.json")
MAX_WORDS = 120
LIST_ITEMS = 8
# How many units a kind of question is answered with, at most.
UNITS_FOR = {"count": 2, "definition": 3}
DEFAULT_UNITS = 4


@dataclass(frozen=True)
class ReaderParameters:
    """The fitted sentence model and answerable model, the threshold, and how far below the best a unit may be."""

    sentence: LogisticModel
    answerable: LogisticModel
    threshold: float
    relative: float
    floor: float

    def as_dict(self) -> dict[str, Any]:
        """The parameters as plain data, for reader.json."""
        return {"sentence": self.sentence.as_dict(), "answerable": self.answerable.as_dict(),
                "threshold": round(self.threshold, 6), "relative": self.relative, "floor": self.floor}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReaderParameters:
        """Read parameters written by `as_dict`."""
        return cls(LogisticModel.from_dict(data["sentence"]), LogisticModel.from_dict(data["answerable"]),
                   float(data["threshold"]), float(data["relative"]), float(data["floor"]))


@lru_cache(maxsize=4)
def load_parameters(path: Path = PARAMETERS) -> ReaderParameters:
    """The parameters kept beside this module (read once)."""
    return ReaderParameters.from_dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Reading:
    """The units read for a question, their signals and the probability that each answers it."""

    question: Question
    units: tuple[Unit, ...]
    features: np.ndarray
    scores: np.ndarray

    @property
    def probabilities(self) -> np.ndarray:
        """The probability that each unit is the one that answers, among the units read (softmax)."""
        if not len(self.scores):
            return self.scores
        p = np.exp(self.scores - self.scores.max())
        return p / p.sum()

    @property
    def best_unit(self) -> Unit | None:
        """The likeliest unit, if any."""
        return self.units[int(np.argmax(self.scores))] if self.units else None


def read_units(question: Question, units: Sequence[Unit], model: LogisticModel) -> Reading:
    """Score every unit with the sentence model."""
    features = unit_features(question, units)
    return Reading(question, tuple(units), features, model.logits(features))


def _list_items(reading: Reading, opener: int, words: int) -> list[int]:
    """The units after a line that opens a list ("Insatserna är:"), in its passage, as long as they read as items."""
    items: list[int] = []
    for i in range(opener + 1, len(reading.units)):
        unit = reading.units[i]
        if unit.passage is not reading.units[opener].passage or len(items) == LIST_ITEMS:
            break
        size = word_count(unit.text)
        if words + size > MAX_WORDS or unit.text.rstrip().endswith(":"):
            break
        items.append(i)
        words += size
    return items


def choose_units(reading: Reading, parameters: ReaderParameters) -> list[Unit]:
    """The units to quote, in reading order (passages by rank, units in text order)."""
    if not reading.units:
        return []
    p = reading.probabilities
    order = [int(i) for i in np.argsort(-p, kind="stable")]
    best = order[0]
    kind = reading.question.kind
    chosen, words = [best], word_count(reading.units[best].text)
    for i in order[1:]:
        if len(chosen) >= UNITS_FOR.get(kind, DEFAULT_UNITS) or p[i] < max(parameters.floor,
                                                                       parameters.relative * p[best]):
            break
        size = word_count(reading.units[i].text)
        if words + size <= MAX_WORDS:
            chosen.append(i)
            words += size
    for i in list(chosen):
        if reading.units[i].text.rstrip().endswith(":"):
            extra = [j for j in _list_items(reading, i, words) if j not in chosen]
            chosen.extend(extra)
            words += sum(word_count(reading.units[j].text) for j in extra)
    return [reading.units[i] for i in sorted(set(chosen))]
