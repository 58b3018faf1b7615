"""Benchmark plan-assistant: sample corpus side by side, a scaled corpus end to end, and growth to 100k chunks.

    python bench/run.py [--quick] [--out FILE]        (or: plan-assistant bench …)

Prints a table and writes everything measured to bench/results/bench.json. Timings on a
shared two-core machine drift from run to run, so the table quotes ratios beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `assistant` importable from the repository
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.settings import Settings, load_settings  # noqa: E402
from bench import growth, model, ocr, sample, scaled  # noqa: E402
from bench.questions import varied_questions  # noqa: E402
from bench.server import http_load, running_server  # noqa: E402
from bench.table import render, summarise  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
DEFAULT_EMBEDDER = Settings().embedder
# The server processes measured beside the default single one.
WORKERS = 2
# Seconds of load before the measured window: the server loads its question engine meanwhile.
HTTP_WARM_UP = 5.0


@dataclass(frozen=True)
class Plan:
    """How much the run measures: the default run, or a quick smoke run."""

    documents: int
    queries: int
    sample_queries: int
    http_seconds: float
    clients: int
    growth_sizes: tuple[int, ...]
    growth_queries: int

    @classmethod
    def for_run(cls, quick: bool) -> Plan:
        """Return the quick plan (about three minutes) or the full one (under ten)."""
        if quick:
            return cls(documents=60, queries=20, sample_queries=20, http_seconds=4, clients=8,
                       growth_sizes=(1_000, 10_000), growth_queries=15)
        # About 17 chunks a generated document: 1,160 documents make the 20,000 chunks asked for.
        return cls(documents=1_160, queries=100, sample_queries=72, http_seconds=15, clients=8,
                   growth_sizes=(1_000, 10_000, 100_000), growth_queries=40)


def log(message: str) -> None:
    """Say what the benchmark is doing, on stderr, with the time."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    """Describe the machine and code measured, including how busy the machine was."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "commit": commit.stdout.strip() + ("+changes" if dirty.stdout.strip() else ""),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def run_scaled(plan: Plan, work: Path) -> dict[str, Any]:
    """Generate, build, query, serve and change the scaled corpus."""
    corpus, index = work / "scaled-corpus", work / "scaled-index"
    log(f"scaled corpus: generating {plan.documents} documents")
    results: dict[str, Any] = {"corpus": scaled.generate(REPO / "corpus", corpus, plan.documents)}
    log("scaled corpus: building the index (child process, borrowed vectors)")
    results["build"] = scaled.build(corpus, index, work / sample.DEFAULT_FOLDER, work)
    log(f"scaled corpus: {plan.queries} searches and asks in process")
    results["in_process"] = scaled.latency(corpus, index, DEFAULT_EMBEDDER, plan.queries)
    log(f"scaled corpus: server start, then {plan.clients} clients for {HTTP_WARM_UP:g} s of warm-up "
        f"and {plan.http_seconds:g} s measured")
    with running_server(corpus, index, DEFAULT_EMBEDDER) as server:
        # The server loads its question engine after its first answer; the warm-up covers that.
        http_load(server, varied_questions(200), plan.clients, HTTP_WARM_UP)
        load = http_load(server, varied_questions(200), plan.clients, plan.http_seconds)
        results["server"] = {"listen_seconds": server.listen_seconds, "start_seconds": server.ready_seconds}
        results["http"] = {**load, "warm_up_seconds": HTTP_WARM_UP}
    log(f"scaled corpus: {WORKERS} server processes (gunicorn), {plan.clients} clients")
    with running_server(corpus, index, DEFAULT_EMBEDDER, workers=WORKERS) as server:
        # Each worker loads its question engine after its own first answer: a longer warm-up.
        http_load(server, varied_questions(200), plan.clients, 2 * HTTP_WARM_UP)
        results["workers"] = {"workers": WORKERS, "start_seconds": server.ready_seconds,
                              **http_load(server, varied_questions(200), plan.clients, plan.http_seconds)}
    log("scaled corpus: incremental reindex after one document changes")
    results["incremental"] = scaled.reindex_after_change(corpus, index, DEFAULT_EMBEDDER)
    return results


def run_growth(plan: Plan, work: Path) -> dict[str, Any]:
    """Derive indexes of each size from the scaled index; time them and compare FAISS index types."""
    from assistant.embedding.e5 import create_embedder
    from assistant.indexing.store import StoredIndex

    source = StoredIndex(work / "scaled-index")
    questions = varied_questions(72)
    queries = create_embedder(Settings(embedder=DEFAULT_EMBEDDER)).embed_queries(questions)
    results: dict[str, Any] = {}
    for size in plan.growth_sizes:
        log(f"growth: {size:,} chunks")
        folder = work / f"growth-{size}"
        vectors = growth.derive_index(source, folder, size)
        results[str(size)] = {
            "pipeline": scaled.latency(work / "scaled-corpus", folder, DEFAULT_EMBEDDER, plan.growth_queries),
            "faiss": growth.compare_index_types(vectors, queries),
        }
        shutil.rmtree(folder, ignore_errors=True)
    return results


def run(plan: Plan, work: Path, quick: bool) -> dict[str, Any]:
    """Run every section and return the results (the model's only with PLAN_ASSISTANT_LLM_URL set)."""
    results: dict[str, Any] = {"machine": machine(), "quick": quick, "plan": asdict(plan)}
    began = time.monotonic()
    results["sample"] = sample.side_by_side(REPO / "corpus", work, RESULTS / "e5-torch", quick,
                                            plan.sample_queries, log)
    settings = load_settings()
    if settings.llm_url:
        log(f"language model: the dev questions, written by the model at {settings.llm_url}")
    results["model"] = model.model_answers(settings, work / sample.DEFAULT_FOLDER, REPO / "corpus")
    log("ocr: reading pages of the scanned annual report")
    results["ocr"] = ocr.seconds_per_page(REPO)
    results["scaled"] = run_scaled(plan, work)
    results["growth"] = run_growth(plan, work)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.monotonic() - began, 1)
    results["summary"] = summarise(results)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table and write the JSON; return the exit status."""
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few minutes")
    parser.add_argument("--out", type=Path, default=RESULTS / "bench.json", help="where to write the JSON")
    parser.add_argument("--documents", type=int, help="documents in the scaled corpus")
    args = parser.parse_args(argv)
    plan = Plan.for_run(args.quick)
    if args.documents:
        plan = Plan(**{**asdict(plan), "documents": args.documents})
    with tempfile.TemporaryDirectory(prefix="plan-bench-") as work:
        results = run(plan, Path(work), args.quick)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(render(results))
    print(f"\nAll figures: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
