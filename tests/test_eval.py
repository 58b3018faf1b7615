"""Answer quality on every question set, measured with the real indexes and model.

The targets are the reading issue's: on the shared dev set and our own, and on the blind sets
(blind-a and faq/learn are learned from, blind-b and faq/test only measured on), each asked of
the sample corpus with the blind documents beside it. A target the assistant does not meet yet
is a strict xfail: it says so in the test report, and turns into a failure the day it is met,
so that the target is then held.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.evaluate import EvalReport, evaluate

EVAL = Path(__file__).resolve().parents[1] / "eval"
SETS = {"blind-a": EVAL / "blind-a" / "questions.jsonl", "blind-b": EVAL / "blind-b" / "questions.jsonl",
        "faq-learn": EVAL / "faq" / "learn.jsonl", "faq-test": EVAL / "faq" / "test.jsonl"}
OWN_SET = EVAL / "questions.jsonl"

# (set, metric, target, met now): ≥ for every metric but wrongly_abstained (≤).
TARGETS = [
    ("dev", "hit_at_1", 0.85, True), ("dev", "hit_at_3", 0.97, True), ("dev", "mrr_at_10", 0.90, True),
    ("dev", "answer_coverage", 0.85, True), ("dev", "wrongly_abstained", 0.03, True),
    ("dev", "abstention", 1.0, True),
    ("own", "hit_at_1", 0.85, True), ("own", "mrr_at_10", 0.90, True), ("own", "wrongly_abstained", 0.03, True),
    ("own", "answer_coverage", 0.85, True), ("own", "hit_at_3", 0.97, False), ("own", "abstention", 1.0, False),
    ("blind-b", "wrongly_abstained", 0.03, True),
    ("blind-b", "answer_coverage", 0.85, False), ("blind-b", "abstention", 1.0, False),
    ("blind-a", "answer_coverage", 0.85, False), ("blind-a", "wrongly_abstained", 0.03, False),
    ("blind-a", "abstention", 1.0, False),
    ("faq-test", "wrongly_abstained", 0.03, True),
    ("faq-test", "hit_at_1", 0.75, False), ("faq-test", "hit_at_3", 0.92, False),
    ("faq-test", "mrr_at_10", 0.83, False), ("faq-test", "answer_coverage", 0.80, False),
    ("faq-learn", "wrongly_abstained", 0.03, True), ("faq-learn", "hit_at_1", 0.75, True),
    ("faq-learn", "hit_at_3", 0.92, False), ("faq-learn", "answer_coverage", 0.80, True),
]


@pytest.fixture(scope="module")
def reports(assistant: Any, blind_assistant: Any, shared_dir: Path) -> dict[str, EvalReport]:
    found = {"dev": evaluate(assistant, shared_dir / "eval" / "dev.jsonl"), "own": evaluate(assistant, OWN_SET)}
    found.update({name: evaluate(blind_assistant, path) for name, path in SETS.items()})
    return found


@pytest.mark.parametrize("name, metric, target", [
    pytest.param(name, metric, target, id=f"{name}-{metric}",
                 marks=() if met else pytest.mark.xfail(strict=True, reason="not met yet: docs/quality.md"))
    for name, metric, target, met in TARGETS
])
def test_quality_target(reports: dict[str, EvalReport], name: str, metric: str, target: float) -> None:
    value = getattr(reports[name], metric)
    assert value <= target if metric == "wrongly_abstained" else value >= target, reports[name].results


def test_the_sets_are_the_size_the_issue_asks_for(reports: dict[str, EvalReport]) -> None:
    blind = [reports[name] for name in ("blind-a", "blind-b")]
    assert sum(r.questions for r in blind) >= 80 and sum(r.absent for r in blind) >= 15
    assert reports["own"].questions >= 50 and reports["own"].absent >= 8
    assert reports["faq-test"].answerable >= 80


def test_abstention_precision_and_recall_are_reported(reports: dict[str, EvalReport]) -> None:
    for report in reports.values():
        refused = [r for r in report.results if not r.found]
        assert report.abstention_recall == report.abstention or report.absent == 0
        if refused:
            assert report.abstention_precision == round(sum(r.absent for r in refused) / len(refused), 4)


def test_the_tests_read_a_copy_of_the_committed_sample_corpus(sample_settings: Any) -> None:
    from conftest import CORPUS, committed_sample_files

    assert sample_settings.corpus.resolve() != CORPUS.resolve()
    assert sorted(p.name for p in sample_settings.corpus.iterdir()) == sorted(p.name for p in committed_sample_files())
    # A file an administrator uploads into the live corpus/ is not among them.
    upload = CORPUS / "uppladdad-under-testet.txt"
    upload.write_text("Rutin för trygg hemgång.\n", encoding="utf-8")
    try:
        assert upload.name not in {p.name for p in committed_sample_files()}
    finally:
        upload.unlink()
