"""Measurements that run in a fresh process of their own, so that their peak memory is theirs alone.

    python -m bench.children build CORPUS INDEX EMBEDDER [--borrow FILE]
    python -m bench.children latency CORPUS INDEX EMBEDDER --queries N

Each prints one JSON object on its last line of output; `run_child` starts one and returns it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import EMBEDDING_STAGE, StageClock, proc_status_mb, time_each
from bench.questions import varied_questions

REPO = Path(__file__).resolve().parent.parent


def run_child(args: Sequence[str], timeout: float = 1800) -> dict[str, Any]:
    """Run `python -m bench.children ARGS` from the repository and return the JSON it printed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "bench.children", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"bench.children {args[0]} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _settings(corpus: str, index: str, embedder: str) -> Any:
    from assistant.settings import load_settings

    return load_settings(corpus=corpus, index=index, embedder=embedder)


def measure_build(corpus: str, index: str, embedder_name: str, borrow: str | None) -> dict[str, Any]:
    """Build or update an index and report its time, the embedding stage's time and the peak memory."""
    from assistant.embedding.base import Embedder
    from assistant.embedding.e5 import create_embedder
    from assistant.indexing.build import build_index
    from bench.borrowed import BorrowedVectors

    settings = _settings(corpus, index, embedder_name)
    embedder: Embedder = BorrowedVectors.load(Path(borrow)) if borrow else create_embedder(settings)
    clock = StageClock()
    summary = build_index(settings, embedder, clock)
    return {
        "seconds": round(summary.seconds, 2),
        "embedding_seconds": clock.seconds(EMBEDDING_STAGE),
        "documents": summary.documents,
        "chunks": summary.chunks,
        "embedded": summary.embedded,
        "changed": len(summary.changed) + len(summary.added),
        "unchanged": len(summary.unchanged),
        "peak_rss_mb": proc_status_mb("VmHWM"),
    }


def measure_latency(corpus: str, index: str, embedder_name: str, queries: int) -> dict[str, Any]:
    """Open the index as the server does and time question embedding, `search` and `ask`."""
    from assistant.core import Assistant
    from assistant.embedding.e5 import create_embedder

    settings = _settings(corpus, index, embedder_name)
    began = time.monotonic()
    embedder = create_embedder(settings)
    loaded = time.monotonic()
    rss_before_open = proc_status_mb("VmRSS")
    assistant = Assistant.open(settings, embedder)
    opened = time.monotonic()
    rss_open = proc_status_mb("VmRSS")
    # As the server does once it has answered its first question.
    load_question_engine = getattr(embedder, "load_question_engine", None)
    if load_question_engine is not None:
        load_question_engine()
    questions = varied_questions(queries)
    for question in questions[:3]:  # first calls fill caches and page in the model
        assistant.ask(question)
    return {
        "chunks": len(assistant.index.chunks),
        "embedder_load_seconds": round(loaded - began, 2),
        "open_seconds": round(opened - loaded, 2),
        "index_rss_mb": round(rss_open - rss_before_open, 1),
        "question_engine": getattr(embedder, "question_engine", embedder.name),
        "query_embedding": time_each(questions, lambda q: embedder.embed_queries([q])).as_dict(),
        "search": time_each(questions, lambda q: assistant.search(q)).as_dict(),
        "ask": time_each(questions, lambda q: assistant.ask(q)).as_dict(),
        "rss_mb": proc_status_mb("VmRSS"),
        "peak_rss_mb": proc_status_mb("VmHWM"),
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Run one measurement and print its JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.children")
    parser.add_argument("what", choices=["build", "latency"])
    parser.add_argument("corpus")
    parser.add_argument("index")
    parser.add_argument("embedder")
    parser.add_argument("--borrow")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args(argv)
    if args.what == "build":
        result = measure_build(args.corpus, args.index, args.embedder, args.borrow)
    else:
        result = measure_latency(args.corpus, args.index, args.embedder, args.queries)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
