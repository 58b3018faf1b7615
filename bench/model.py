"""The site's language model, when one is configured: how long it takes to write an answer, and how
often its answer falls back to the quoted one, and why.

Each dev question is answered the quoted way first; for those the documents answer, the model is
then asked through the same path the server uses (`generate_answer`), and only that call is timed.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.answering.generate import generate_answer
from assistant.core import Assistant
from assistant.evaluate import read_questions
from assistant.models import GENERATED
from assistant.settings import Settings
from bench.measure import Latency
from bench.questions import DEV


def model_answers(settings: Settings, index: Path, corpus: Path) -> dict[str, Any]:
    """Ask the configured model the dev questions over an index (the default embedder's); return latency
    and fallbacks, or why not."""
    if not settings.llm_url:
        return {"skipped": "ingen språkmodell inställd (PLAN_ASSISTANT_LLM_URL)"}
    settings = settings.replace(index=index, corpus=corpus, embedder=Settings().embedder)
    assistant = Assistant.open(settings)
    timings: list[float] = []
    modes: Counter[str] = Counter()
    fallbacks: Counter[str] = Counter()
    for item in read_questions(DEV):
        found = assistant.retrieve(item["q"])
        quoted = assistant.ask(item["q"], generate=False)
        if not quoted.found:
            continue
        began = time.perf_counter()
        answer = generate_answer(settings, quoted, (), found.passages)
        timings.append(time.perf_counter() - began)
        modes[answer.mode] += 1
        if answer.fallback:
            fallbacks[answer.fallback] += 1
    asked = sum(modes.values())
    return {"model": settings.llm_model, "asked": asked, "generated": modes[GENERATED],
            "fallback_share": round(sum(fallbacks.values()) / asked, 3) if asked else None,
            "fallbacks": dict(fallbacks.most_common()), "latency": Latency.of([1000 * t for t in timings]).as_dict()}
