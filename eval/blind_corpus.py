"""Assemble the corpus the blind sets are measured on: the sample corpus with the blind documents beside it.

    python eval/blind_corpus.py DIR

Copies `corpus/` (the sample documents), `eval/blind-a/docs/`, `eval/blind-b/docs/` and the FAQ
answers of `eval/faq/docs/` into DIR (which must be new or empty), so that every blind question is
asked with the sample plans as distractors, as a newly added plan would be. Then:

    plan-assistant index --corpus DIR --index DIR-index
    plan-assistant eval eval/blind-b/questions.jsonl --corpus DIR --index DIR-index
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parent
SOURCES = (EVAL.parent / "corpus", EVAL / "blind-a" / "docs", EVAL / "blind-b" / "docs", EVAL / "faq" / "docs")


def assemble(target: Path) -> list[Path]:
    """Copy every source document into `target`, each folder's files into a folder of its own."""
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target} är inte tom.")
    copied = []
    for source in SOURCES:
        folder = target / ("sample" if source.name == "corpus" else source.parent.name)
        folder.mkdir(parents=True, exist_ok=True)
        for path in sorted(source.iterdir()):
            if path.is_file():
                copied.append(Path(shutil.copy2(path, folder / path.name)))
    return copied


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(f"{len(assemble(Path(sys.argv[1])))} filer kopierade till {sys.argv[1]}")
