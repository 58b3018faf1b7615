"""Score the assistant on a question file (the format of shared/eval/dev.jsonl).

Metrics, as the eval README defines them: over answerable questions hit@1/3/5, MRR@10,
answer coverage and the share wrongly answered with found=false; over absent questions,
abstention (the share answered with found=false), and the precision and recall of abstaining.

A question line may also carry `answer_any`: sentences of which the answer must quote at
least one whole (an FAQ answer's sentences), besides or instead of the `answer` words.

With a language model configured, answers are the model's (checked) and the report says how
many were generated, how many fell back to the quoted answer and why, and how long answers took.

The assistant is asked in process (`LocalAssistant`, the same Assistant the server runs) or
over HTTP (`RemoteAssistant`, a running server's `/api/search` and `/api/ask`), so that the
figures are those of what staff get.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.core import Assistant
from assistant.errors import AssistantError, MissingInput
from assistant.models import EXTRACTIVE, GENERATED


def fold(text: str) -> str:
    """Lowercase and fold white space, as the eval compares texts."""
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass(frozen=True)
class Replied:
    """What an answer said: its text, whether it found one, how it was written and any fallback."""

    text: str
    found: bool
    mode: str = EXTRACTIVE
    fallback: str | None = None


class Asked(Protocol):
    """What the evaluation needs of an assistant: passage texts for a question, and an answer."""

    def passage_texts(self, question: str, k: int) -> list[str]:
        """The texts of the k best passages, best first."""
        ...

    def answer(self, question: str) -> Replied:
        """The answer to a question."""
        ...


class LocalAssistant:
    """The Assistant in this process."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def passage_texts(self, question: str, k: int) -> list[str]:
        """The texts of the k best passages, best first."""
        return [p.chunk.text for p in self.assistant.search(question, k)]

    def answer(self, question: str) -> Replied:
        """The answer to a question."""
        answer = self.assistant.ask(question)
        return Replied(answer.text, answer.found, answer.mode, answer.fallback)


class RemoteAssistant:
    """A running server, asked through its JSON API as the chat page asks it."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout

    def _call(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, headers={
            "Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise AssistantError(f"Servern {self.url} svarade {exc.code} på {path.split('?')[0]}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise AssistantError(f"Kunde inte fråga servern {self.url}: {exc}") from exc

    def passage_texts(self, question: str, k: int) -> list[str]:
        """The texts of the k best passages, best first."""
        query = urllib.parse.urlencode({"q": question, "k": k})
        return [p["text"] for p in self._call(f"/api/search?{query}")["passages"]]

    def answer(self, question: str) -> Replied:
        """The answer to a question."""
        reply = self._call("/api/ask", {"question": question})
        return Replied(str(reply["answer"]), bool(reply["found"]), str(reply.get("mode") or EXTRACTIVE),
                       reply.get("fallback"))


@dataclass(frozen=True)
class QuestionResult:
    """How one question fared."""

    id: str
    question: str
    absent: bool
    first_hit: int | None
    covered: bool
    found: bool
    answer: str = ""
    mode: str = EXTRACTIVE
    fallback: str | None = None
    seconds: float = 0.0


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
    abstention_precision: float
    abstention_recall: float
    # How the answers were written: "extractive", or "generated" when a model wrote any (or was
    # asked and fell back); the share of found answers that fell back, with each reason's count.
    mode: str = EXTRACTIVE
    generated: int = 0
    fallback_share: float = 0.0
    fallbacks: dict[str, int] = field(default_factory=dict)
    answer_p50_ms: float = 0.0
    answer_p95_ms: float = 0.0
    results: list[QuestionResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain data for JSON."""
        return asdict(self)


METRICS = ("hit_at_1", "hit_at_3", "hit_at_5", "mrr_at_10", "answer_coverage", "abstention", "wrongly_abstained",
           "abstention_precision", "abstention_recall")


def read_questions(path: Path) -> list[dict[str, Any]]:
    """Read a question file, one JSON object a line; blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise MissingInput(f"Frågefilen {path} finns inte.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise MissingInput(f"Frågefilen {path} kan inte läsas ({exc.__class__.__name__}).") from exc
    questions = []
    for number, line in enumerate(lines, start=1):
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


def is_covered(answer_text: str, item: dict[str, Any]) -> bool:
    """Whether an answer holds every `answer` word and, if the line has `answer_any`, one of those sentences."""
    text = fold(answer_text)
    words = all(fold(word) in text for word in item.get("answer", []))
    alternatives = item.get("answer_any") or []
    return words and (not alternatives or any(fold(sentence) in text for sentence in alternatives))


def score_question(asked: Asked | Assistant, item: dict[str, Any]) -> QuestionResult:
    """Ask one question and score its passages and answer against the evidence."""
    if isinstance(asked, Assistant):
        asked = LocalAssistant(asked)
    evidence = [fold(e) for e in item.get("evidence", [])]
    texts = asked.passage_texts(item["q"], 10)
    first_hit = next((rank for rank, text in enumerate(texts, start=1) if any(e in fold(text) for e in evidence)),
                     None)
    started = time.perf_counter()
    replied = asked.answer(item["q"])
    seconds = time.perf_counter() - started
    return QuestionResult(str(item.get("id", "")), item["q"], bool(item.get("absent")), first_hit,
                          is_covered(replied.text, item), replied.found, replied.text, replied.mode, replied.fallback,
                          seconds)


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def report(results: Sequence[QuestionResult]) -> EvalReport:
    """Work out the metrics over scored questions."""
    answerable = [r for r in results if not r.absent]
    absent = [r for r in results if r.absent]
    refused = [r for r in results if not r.found]
    found = [r for r in results if r.found]
    fell_back = [r.fallback for r in found if r.fallback]
    generated = sum(r.mode == GENERATED for r in results)
    milliseconds = [1000 * r.seconds for r in results] or [0.0]
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
        # Of the questions refused, the share the documents do not answer; of those, the share refused.
        abstention_precision=_share([r.absent for r in refused]) if refused else 1.0,
        abstention_recall=_share([not r.found for r in absent]) if absent else 1.0,
        mode=GENERATED if generated or fell_back else EXTRACTIVE,
        generated=generated,
        fallback_share=_share([bool(r.fallback) for r in found]),
        fallbacks=dict(Counter(fell_back).most_common()),
        answer_p50_ms=round(float(np.percentile(milliseconds, 50)), 1),
        answer_p95_ms=round(float(np.percentile(milliseconds, 95)), 1),
        results=list(results),
    )


def describe_mode(report: EvalReport) -> str:
    """How the answers of a run were written, in words: "citat ur källorna (extraktiva)" or the model's share."""
    if report.mode == EXTRACTIVE:
        return "citat ur källorna (extraktiva)"
    reasons = "; ".join(f"{reason}: {count}" for reason, count in report.fallbacks.items())
    return (f"skrivna av språkmodell: {report.generated} genererade, andel som föll tillbaka "
            f"{report.fallback_share:.0%}" + (f" ({reasons})" if reasons else ""))


def evaluate(asked: Asked | Assistant, path: Path, progress: Callable[[int, int], None] | None = None) -> EvalReport:
    """Score every question of a file and return the metrics."""
    items = read_questions(path)
    results = []
    for done, item in enumerate(items, start=1):
        results.append(score_question(asked, item))
        if progress:
            progress(done, len(items))
    return report(results)
