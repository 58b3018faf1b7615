"""Score the assistant on a question file (the format of shared/eval/dev.jsonl).

Metrics, as the eval README defines them: over answerable questions hit@1/3/5, MRR@10,
answer coverage and the share wrongly answered with found=false; over absent questions,
abstention (the share answered with found=false).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.core import Assistant
from assistant.errors import AssistantError


def fold(text: str) -> str:
    """Lowercase and fold white space, as the eval compares texts."""
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass(frozen=True)
class QuestionResult:
    """How one question fared."""

    id: str
    question: str
    absent: bool
    first_hit: int | None
    covered: bool
    found: bool


@dataclass(frozen=True)
class EvalReport:
    """The metrics over a question file, with each question's result."""

    questions: int
    answerable: int
    absent: int
    hit_at_1: float
    hit_at_3: float
    hit_at_5: float
    mrr_at_10: float
    answer_coverage: float
    abstention: float
    wrongly_abstained: float
    results: list[QuestionResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain data for JSON."""
        return asdict(self)


def read_questions(path: Path) -> list[dict[str, Any]]:
    """Read a question file, one JSON object a line; blank lines are skipped."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AssistantError(f"{path}, rad {number}: ogiltig JSON ({exc.msg})") from exc
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise AssistantError(f"{path}, rad {number}: varje rad behöver en fråga i fältet \"q\"")
        questions.append(item)
    return questions


def score_question(assistant: Assistant, item: dict[str, Any]) -> QuestionResult:
    """Ask one question and score its passages and answer against the evidence."""
    evidence = [fold(e) for e in item.get("evidence", [])]
    passages = assistant.search(item["q"], k=10)
    first_hit = next(
        (p.rank for p in passages if any(e in fold(p.chunk.text) for e in evidence)), None
    )
    answer = assistant.ask(item["q"])
    answer_text = fold(answer.text)
    covered = all(fold(word) in answer_text for word in item.get("answer", []))
    return QuestionResult(
        str(item.get("id", "")), item["q"], bool(item.get("absent")), first_hit, covered, answer.found
    )


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def evaluate(assistant: Assistant, path: Path) -> EvalReport:
    """Score every question of a file and return the metrics."""
    results = [score_question(assistant, item) for item in read_questions(path)]
    answerable = [r for r in results if not r.absent]
    absent = [r for r in results if r.absent]
    return EvalReport(
        questions=len(results),
        answerable=len(answerable),
        absent=len(absent),
        hit_at_1=_share([r.first_hit is not None and r.first_hit <= 1 for r in answerable]),
        hit_at_3=_share([r.first_hit is not None and r.first_hit <= 3 for r in answerable]),
        hit_at_5=_share([r.first_hit is not None and r.first_hit <= 5 for r in answerable]),
        mrr_at_10=round(sum(1 / r.first_hit for r in answerable if r.first_hit) / len(answerable), 4)
        if answerable else 0.0,
        answer_coverage=_share([r.covered and r.found for r in answerable]),
        abstention=_share([not r.found for r in absent]),
        wrongly_abstained=_share([not r.found for r in answerable]),
        results=results,
    )
