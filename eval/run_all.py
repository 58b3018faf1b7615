"""Measure every question set at once: the sample sets on the sample index, the blind ones beside it.

    python eval/run_all.py SAMPLE_INDEX BLIND_CORPUS BLIND_INDEX [--out FILE.json] [--only NAME,...]

The sample index is built from `corpus/` (`plan-assistant index --index SAMPLE_INDEX`), the blind
one from the folder `eval/blind_corpus.py` assembles. Prints one row per set and metric, and writes
every question's result to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.core import Assistant  # noqa: E402
from assistant.evaluate import METRICS, evaluate  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

EVAL = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("PLAN_ASSISTANT_SHARED", EVAL.parents[1] / "shared"))
SAMPLE_SETS = {"dev": SHARED / "eval" / "dev.jsonl", "own": EVAL / "questions.jsonl",
               "unseen": EVAL / "unseen.jsonl", "fresh": EVAL / "fresh.jsonl"}
BLIND_SETS = {"blind-a": EVAL / "blind-a" / "questions.jsonl", "faq-learn": EVAL / "faq" / "learn.jsonl",
              "blind-b": EVAL / "blind-b" / "questions.jsonl", "faq-test": EVAL / "faq" / "test.jsonl"}


def main() -> None:
    """Evaluate the chosen sets and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("sample_index", type=Path)
    parser.add_argument("blind_corpus", type=Path)
    parser.add_argument("blind_index", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    wanted = set(filter(None, args.only.split(",")))
    reports = {}
    sample = Assistant.open(load_settings(index=args.sample_index))
    blind = Assistant.open(load_settings(corpus=args.blind_corpus, index=args.blind_index), sample.embedder)
    for sets, assistant in ((SAMPLE_SETS, sample), (BLIND_SETS, blind)):
        for name, path in sets.items():
            if not wanted or name in wanted:
                reports[name] = evaluate(assistant, path)
    print(f"{'':22}" + "".join(f"{name:>10}" for name in reports))
    for metric in METRICS:
        print(f"{metric:22}" + "".join(f"{getattr(r, metric):10.3f}" for r in reports.values()))
    if args.out:
        args.out.write_text(json.dumps({n: r.as_dict() for n, r in reports.items()}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
