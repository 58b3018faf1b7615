"""The commands behind `plan-assistant`: each calls the core and prints what it gives."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.output import ProgressBar, print_json, print_summary, report_error
from assistant.errors import AssistantError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.indexing.build import BuildSummary



def run_index(settings: Settings) -> None:
    """Build the index and print its summary."""
    from assistant.indexing.build import build_index

    bar = ProgressBar()
    try:
        summary = build_index(settings, progress=bar)
    finally:
        bar.close()
    print_summary(summary)


def index_in_child(settings: Settings) -> None:
    """Build the index in a process of its own, so that the server does not keep what building
    loaded (PyTorch's float32 model and its tokenizer: the server held 1.7 GB instead of 0.5)."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_run_index_or_exit, args=(settings,))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(child.exitcode or 1)


def _run_index_or_exit(settings: Settings) -> None:
    try:
        run_index(settings)
    except AssistantError as error:
        report_error(error)
        raise SystemExit(1) from error


def run_watch(settings: Settings, interval: float) -> None:
    """Index now and again whenever the corpus changes, printing a line per build, until Ctrl+C."""
    from assistant.indexing.watch import watch_corpus

    def built(summary: BuildSummary) -> None:
        bar.close()
        print(f"{time.strftime('%H:%M:%S')} {' '.join(summary.lines())}", flush=True)
        for failure in summary.failures:
            print(f"  Hoppade över {failure.path}: {failure.reason}", flush=True)

    def failed(error: AssistantError) -> None:
        bar.close()
        report_error(error)

    bar = ProgressBar()
    print(f"Bevakar {settings.corpus} (var {interval:g}:e sekund). Avsluta med Ctrl+C.", flush=True)
    try:
        watch_corpus(settings, built, failed, progress=bar, interval=interval)
    except KeyboardInterrupt:
        bar.close()
        print("Bevakningen avslutad.", flush=True)


def _open(settings: Settings) -> Any:
    from assistant.core import Assistant

    return Assistant.open(settings)


def run_search(settings: Settings, question: str, k: int, as_json: bool) -> None:
    """Print the passages that best match a question."""
    from assistant.answering.present import search_json, source_line

    passages = _open(settings).search(question, k)
    if as_json:
        print_json(search_json(question, passages))
        return
    for passage in passages:
        chunk = passage.chunk
        print(f"{passage.rank}. [{passage.score:.4f}] {source_line(chunk)}")
        print(f"   {chunk.text[:300]}")


def run_ask(settings: Settings, question: str, as_json: bool) -> None:
    """Print an answer with its sources."""
    from assistant.answering.present import answer_json, source_line
    from assistant.indexing.versions import superseded_note

    answer = _open(settings).ask(question)
    if as_json:
        print_json(answer_json(answer))
        return
    print(answer.text)
    if answer.citations:
        print("\nKällor:")
        for c in answer.citations:
            note = f" – {superseded_note(c.superseded_by)}" if c.superseded_by else ""
            print(f"[{c.n}] {source_line(c.chunk)} ({c.chunk.document}){note}")
    elif answer.related:
        print("\nKanske relevant:")
        for p in answer.related:
            print(f"- {source_line(p.chunk)}: {' '.join(p.chunk.text.split())[:160]}")


def run_activities(settings: Settings, args: argparse.Namespace) -> None:
    """Print the activity register, filtered, as a table or as JSON."""
    from assistant.answering.present import activity_json
    from assistant.ingest.periods import describe_period

    records = _open(settings).activities(
        responsible=args.responsible, deadline_year=args.deadline_year, status=args.status, document=args.document
    )
    if args.json:
        print_json([activity_json(record) for record in records])
        return
    if not records:
        print("Inga aktiviteter matchar.")
        return
    def cut(text: str, width: int) -> str:
        return f"{text if len(text) < width else text[:width - 2] + '…':{width}}"

    print(f"{cut('Vad', 50)} {cut('Ansvarig', 32)} {cut('Start', 14)} {cut('Deadline', 14)} "
          f"{cut('Status', 10)} Dokument")
    for r in records:
        print(f"{cut(r.what or r.goal, 50)} {cut(', '.join(r.responsible), 32)} "
              f"{cut(describe_period(r.start_period) or r.start, 14)} "
              f"{cut(describe_period(r.deadline_period) or r.deadline, 14)} {cut(r.status, 10)} {r.document}")
    print(f"{len(records)} aktiviteter.")


def run_eval(settings: Settings, file: Path, as_json: bool, url: str | None = None) -> None:
    """Print the quality metrics over a question file, asked here or of a running server (`url`)."""
    from assistant.evaluate import METRICS, LocalAssistant, RemoteAssistant, describe_mode, evaluate, read_questions

    read_questions(file)  # a missing or broken file is reported before the index is opened
    asked = RemoteAssistant(url) if url else LocalAssistant(_open(settings))
    bar = ProgressBar()
    try:
        report = evaluate(asked, file, progress=lambda done, total: bar("Frågar", done, total))
    finally:
        bar.close()
    if as_json:
        print_json(report.as_dict())
        return
    for r in report.results:
        if (not r.absent and (r.first_hit != 1 or not r.covered or not r.found)) or (r.absent and r.found):
            print(f"  {r.id}: träff på plats {r.first_hit}, svar {'ok' if r.covered else 'saknar ord'}, "
                  f"found={r.found}: {r.question}")
    where = f"servern {url}" if url else f"indexet i {settings.index}"
    print(f"{report.questions} frågor ({report.answerable} besvarbara, {report.absent} utan svar i dokumenten), "
          f"ställda till {where}")
    print(f"Svaren: {describe_mode(report)}; svarstid p50 {report.answer_p50_ms:.0f} ms, p95 {report.answer_p95_ms:.0f} ms")
    for name in METRICS:
        print(f"{name:20} {getattr(report, name):.3f}")


def run_backup(settings: Settings, file: Path) -> None:
    """Write a backup of the index, the state beside it, the indexed documents and the settings; say what it holds."""
    from assistant.indexing.backup import write_backup

    print("\n".join(write_backup(settings, file, report=_say).lines()), flush=True)


def run_restore(settings: Settings, file: Path) -> None:
    """Restore a backup into an empty index folder (and an empty corpus folder); say what is left to do."""
    from assistant.indexing.restore import restore_backup

    print("\n".join(restore_backup(settings, file, report=_say).lines()), flush=True)


def _say(line: str) -> None:
    print(line, flush=True)


def run_bench(options: Sequence[str]) -> int:
    """Run the benchmark in bench/ beside this package (a checkout only) with its own options."""
    import importlib

    checkout = Path(__file__).resolve().parents[2]
    if not (checkout / "bench" / "run.py").is_file():
        raise AssistantError(
            f"plan-assistant bench kräver en utcheckning av projektet med mappen bench/ bredvid assistant/, "
            f"men {checkout / 'bench' / 'run.py'} finns inte. Kör kommandot från en git-klon av projektet."
        )
    sys.path.insert(0, str(checkout))
    status: int = importlib.import_module("bench.run").main(list(options))
    return status
