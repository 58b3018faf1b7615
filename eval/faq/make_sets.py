"""Turn the FAQ material into indexable documents and two question files (learn / test).

    python eval/faq/make_sets.py

Each answer becomes a small text file of its own under `docs/`, headed by its topic, as an
authority's FAQ page looks once its answers are indexed without their questions. The questions
become question lines in the format of `../shared/eval/dev.jsonl`: the passage that supports a
question holds its answer's first sentence, and a covered answer quotes one of the answer's
sentences whole (`answer_any`). Region Västmark (r) and Björkvika kommun (e) are learned from;
Ekholms kommun (s) and Region Norrsund (u) are only measured on. The absent questions are split
the same way, by authority.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEARN_AUTHORITIES = {"Region Västmark", "Björkvika kommun"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")


def sentences(text: str) -> list[str]:
    """The answer's sentences, cut where a full stop is followed by a capital."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def main() -> None:
    """Write docs/, learn.jsonl and test.jsonl."""
    entries = [json.loads(line) for line in (HERE / "faq.jsonl").read_text(encoding="utf-8").splitlines() if line]
    absent = [json.loads(line) for line in (HERE / "absent.jsonl").read_text(encoding="utf-8").splitlines() if line]
    docs = HERE / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir()
    sets: dict[str, list[dict[str, object]]] = {"learn": [], "test": []}
    for entry in entries:
        (docs / f"{entry['id']}.txt").write_text(f"{entry['topic']}\n\n{entry['answer']}\n", encoding="utf-8")
        part = "learn" if entry["authority"] in LEARN_AUTHORITIES else "test"
        said = sentences(entry["answer"])
        sets[part].append({"id": entry["id"], "q": entry["question"], "evidence": [said[0]], "answer": [],
                           "answer_any": said, "sentences": said, "lang": "sv", "document": f"{entry['id']}.txt"})
    for item in absent:
        part = "learn" if item["authority"] in LEARN_AUTHORITIES else "test"
        sets[part].append({"id": item["id"], "q": item["question"], "evidence": [], "answer": [], "absent": True,
                           "lang": "sv"})
    for part, items in sets.items():
        lines = [json.dumps(item, ensure_ascii=False) for item in items]
        (HERE / f"{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{part}.jsonl: {len(items)} frågor ({sum(1 for i in items if i.get('absent'))} utan svar)")


if __name__ == "__main__":
    main()
