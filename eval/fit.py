"""Fit the reader's parameters (assistant/answering/reader.json) from the labelled question sets.

    python eval/fit.py [--work DIR] [--check]

What it learns from, and nothing else: the shared dev set, our own, unseen and fresh sets
(on the sample index) and the learning halves of the blind sets, blind-a and faq/learn.jsonl
(on the sample corpus with the blind documents beside it). blind-b and faq/test.jsonl are only
measured on. Besides their absent questions, blind-a's questions asked of the sample index alone
are examples of questions the documents do not answer.

1. The sentence model: for every unit the reader would read, its signals and whether it is
   an answer sentence (one of the question's marked `sentences`, or a unit holding all its answer
   words); a conditional logit that ranks each question's answer units above its other units,
   each set weighing the same.
2. How many units to quote: `relative` and `floor`, chosen on a grid for the answer coverage
   of the learning sets, a shorter answer worth a little coverage (LENGTH_COST).
3. The answerable model: the question-level signals of `support.py`, one logistic regression,
   answerable and unanswerable questions weighing the same; its threshold is the highest at which
   at most MAX_REFUSED of the answerable learning questions are refused.

With --check it fits again and compares with the saved file instead of writing it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.answering.logistic import LogisticModel, fit_logistic, fit_ranking  # noqa: E402
from assistant.answering.reader import MAX_WORDS, PARAMETERS, ReaderParameters, choose_units, read_units  # noqa: E402
from assistant.answering.signals import UNIT_FEATURES, Question, read_question, unit_features  # noqa: E402
from assistant.answering.support import ABLATION, ANSWERABLE_FEATURES, SUPPORT_PASSAGES, ablation_gain, answerable_features  # noqa: E402
from assistant.answering.units import Unit, candidate_units  # noqa: E402
from assistant.core import Assistant, Retrieved  # noqa: E402
from assistant.embedding.base import Embedder  # noqa: E402
from assistant.evaluate import fold, is_covered, read_questions  # noqa: E402
from assistant.indexing.build import build_index  # noqa: E402
from assistant.settings import Settings, load_settings  # noqa: E402

EVAL = Path(__file__).resolve().parent
REPO = EVAL.parent
SHARED = Path(os.environ.get("PLAN_ASSISTANT_SHARED", REPO.parent / "shared"))
SAMPLE_SETS = {"dev": SHARED / "eval" / "dev.jsonl", "own": EVAL / "questions.jsonl",
               "unseen": EVAL / "unseen.jsonl", "fresh": EVAL / "fresh.jsonl"}
BLIND_SETS = {"blind-a": EVAL / "blind-a" / "questions.jsonl", "faq-learn": EVAL / "faq" / "learn.jsonl"}
MAX_REFUSED = 0.03
# Coverage given up for quoting a whole answer's length less (see choose_quoting).
LENGTH_COST = 0.05
PENALTY = 1.0
RELATIVE = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5)
FLOOR = (0.0, 0.02, 0.05, 0.1)
# How close two fitted weights must be for --check to call them the same fit.
TOLERANCE = 0.05


@dataclass
class Case:
    """One learning question as the reader meets it."""

    group: str
    item: dict[str, Any]
    answerable: bool
    found: Retrieved
    question: Question
    units: list[Unit]
    features: np.ndarray
    labels: np.ndarray


def _overlaps(unit: str, sentence: str) -> bool:
    """Whether a unit is (part of) a marked sentence, or holds it: a table row holds its cells."""
    return len(unit) >= 12 and (unit in sentence or sentence in unit)


def unit_labels(item: dict[str, Any], units: Sequence[Unit]) -> np.ndarray:
    """1 for each unit that answers the question, as its line marks the answer."""
    texts = [fold(u.text) for u in units]
    sentences = [fold(s) for s in item.get("sentences") or item.get("answer_any") or []]
    words = [fold(w) for w in item.get("answer", [])]
    whole = [bool(words) and all(w in t for w in words) for t in texts]
    if sentences:
        return np.asarray([any(_overlaps(t, s) for s in sentences) or w for t, w in zip(texts, whole)], dtype=float)
    evidence = [fold(e) for e in item.get("evidence", [])]
    if any(whole):
        return np.asarray(whole, dtype=float)
    in_evidence = [any(e in fold(u.passage.chunk.text) for e in evidence) for u in units]
    if words:
        return np.asarray([e and any(w in t for w in words) for t, e in zip(texts, in_evidence)], dtype=float)
    return np.asarray([any(e in t for e in evidence) for t in texts], dtype=float)


def collect(assistant: Assistant, group: str, path: Path, all_absent: bool = False) -> list[Case]:
    """Ask every question of a file and keep what the reader sees (`all_absent`: the index lacks their documents)."""
    cases = []
    for item in read_questions(path):
        found = assistant.retrieve(item["q"])
        question = read_question(found.index.lexical, found.query)
        units = candidate_units(found.passages)
        answerable = not item.get("absent") and not all_absent
        labels = unit_labels(item, units) if answerable else np.zeros(len(units))
        cases.append(Case(group, item, answerable, found, question, units, unit_features(question, units), labels))
    return cases


def fit_sentence_model(cases: Sequence[Case]) -> LogisticModel:
    """The unit model, ranking each answerable case's answer units above its others."""
    taught = [c for c in cases if c.answerable and c.labels.any()]
    # Each set weighs the same, and within a set each question: a large set of one kind (the FAQ)
    # must not teach the reader its own habits.
    per_set = {g: sum(1 for c in taught if c.group == g) for g in {c.group for c in taught}}
    weights = np.asarray([len(taught) / (len(per_set) * per_set[c.group]) for c in taught])
    return fit_ranking([(c.features, c.labels) for c in taught], UNIT_FEATURES, PENALTY, weights)


def _quoting_score(cases: Sequence[Case], model: LogisticModel, relative: float, floor: float) -> float:
    """Answer coverage over the cases, less LENGTH_COST for each full answer's worth of words quoted."""
    probe = ReaderParameters(model, model, 0.0, relative, floor)
    covered, words = [], []
    for case in cases:
        chosen = choose_units(read_units(case.question, case.units, model), probe)
        text = " ".join(u.text for u in chosen)
        covered.append(is_covered(text, case.item))
        words.append(len(text.split()))
    return sum(covered) / len(covered) - LENGTH_COST * sum(words) / (len(words) * MAX_WORDS)


def choose_quoting(cases: Sequence[Case], model: LogisticModel) -> tuple[float, float]:
    """The (relative, floor) with the best answer coverage on the answerable cases, a shorter answer
    worth LENGTH_COST of coverage for every answer's length it saves."""
    answerable = [c for c in cases if c.answerable and (c.item.get("answer") or c.item.get("answer_any"))]
    scored = {(r, f): _quoting_score(answerable, model, r, f) for r in RELATIVE for f in FLOOR}
    return max(scored, key=lambda key: (round(scored[key], 6), key[0], key[1]))


def fit_answerable_model(cases: Sequence[Case], rows: np.ndarray) -> tuple[LogisticModel, float]:
    """The answerable model (answerable and unanswerable questions weighing the same), and its threshold:
    the probability below which MAX_REFUSED of the answerable learning questions fall."""
    labels = np.asarray([c.answerable for c in cases], dtype=float)
    positive = labels.sum()
    weights = np.where(labels == 1, len(labels) / (2 * positive), len(labels) / (2 * (len(labels) - positive)))
    model = fit_logistic(rows, labels, ANSWERABLE_FEATURES, PENALTY, weights)
    answerable = np.sort(model.probabilities(rows[labels == 1]))
    return model, float(answerable[int(np.floor(MAX_REFUSED * len(answerable)))])


def answerable_row(case: Case, embedder: Embedder, sentence: LogisticModel) -> np.ndarray:
    """The question-level signals of a case, its ablation gain included."""
    found = case.found
    row = answerable_features(found.index, found.query, found.passages, read_units(case.question, case.units, sentence))
    row[ABLATION] = ablation_gain(found.index, embedder, found.query, found.vector, found.passages[:SUPPORT_PASSAGES])
    return row


def fit_parameters(sample: Assistant, blind: Assistant) -> ReaderParameters:
    """Collect every learning case and fit the reader's parameters."""
    cases = [case for name, path in SAMPLE_SETS.items() for case in collect(sample, name, path)]
    cases += [case for name, path in BLIND_SETS.items() for case in collect(blind, name, path)]
    cases += collect(sample, "blind-a-elsewhere", BLIND_SETS["blind-a"], all_absent=True)
    sentence = fit_sentence_model(cases)
    relative, floor = choose_quoting(cases, sentence)
    rows = np.vstack([answerable_row(case, sample.embedder, sentence) for case in cases])
    answerable, threshold = fit_answerable_model(cases, rows)
    return ReaderParameters(sentence, answerable, threshold, relative, floor)


def same_fit(saved: ReaderParameters, fitted: ReaderParameters) -> list[str]:
    """What differs between two fits beyond TOLERANCE (nothing: the same fit)."""
    differences = []
    for name in ("sentence", "answerable"):
        one, two = getattr(saved, name), getattr(fitted, name)
        if one.features != two.features:
            differences.append(f"{name}: other features")
            continue
        for feature, a, b in zip(one.features, one.weights, two.weights):
            if abs(a - b) > TOLERANCE:
                differences.append(f"{name}.{feature}: {a:.3f} saved, {b:.3f} fitted")
    if (saved.relative, saved.floor) != (fitted.relative, fitted.floor):
        differences.append(f"quoting: {saved.relative}/{saved.floor} saved, {fitted.relative}/{fitted.floor} fitted")
    if abs(saved.threshold - fitted.threshold) > TOLERANCE:
        differences.append(f"threshold: {saved.threshold:.3f} saved, {fitted.threshold:.3f} fitted")
    return differences


def open_indexes(work: Path) -> tuple[Assistant, Assistant]:
    """The sample index and the blind one (built in `work` if not there yet), each opened."""
    sys.path.insert(0, str(EVAL))
    from blind_corpus import assemble

    sample_settings = load_settings(corpus=REPO / "corpus", index=work / "sample-index")
    blind_corpus = work / "blind-corpus"
    if not blind_corpus.exists():
        assemble(blind_corpus)
    blind_settings: Settings = load_settings(corpus=blind_corpus, index=work / "blind-index")
    for settings in (sample_settings, blind_settings):
        build_index(settings)
    sample = Assistant.open(sample_settings)
    return sample, Assistant.open(blind_settings, sample.embedder)


def main() -> int:
    """Fit and write (or check) reader.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, help="where to build the indexes (default: a temporary folder)")
    parser.add_argument("--check", action="store_true", help="compare with the saved parameters, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        fitted = fit_parameters(*open_indexes(args.work or Path(temporary)))
    if args.check:
        differences = same_fit(ReaderParameters.from_dict(json.loads(PARAMETERS.read_text(encoding="utf-8"))), fitted)
        print("\n".join(differences) or "Samma parametrar som i reader.json.")
        return 1 if differences else 0
    PARAMETERS.write_text(json.dumps(fitted.as_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Skrev {PARAMETERS} (tröskel {fitted.threshold:.3f}, relativ {fitted.relative}, golv {fitted.floor})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
