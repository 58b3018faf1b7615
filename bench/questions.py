"""The questions the benchmark asks: the shared dev set and the project's own set, both over the sample corpus."""

from __future__ import annotations

from pathlib import Path

from assistant.evaluate import read_questions

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"
OWN = REPO / "eval" / "questions.jsonl"


def question_files() -> list[Path]:
    """Return the question files that exist here, dev set first."""
    return [path for path in (DEV, OWN) if path.exists()]


def varied_questions(count: int) -> list[str]:
    """Return `count` questions, cycling through every question file."""
    pool = [item["q"] for path in question_files() for item in read_questions(path)]
    if not pool:
        raise FileNotFoundError(f"no question file at {DEV} or {OWN}")
    return [pool[i % len(pool)] for i in range(count)]
