"""Check the question file eval/questions.jsonl against the sample corpus.

Not part of the product: a tool for whoever edits the question set. It verifies, for every line:

- the line parses as a JSON object with the fields `id`, `q`, `evidence`, `answer` and only the
  optional `absent` and `lang` besides; ids are unique;
- an answerable question has 1-3 evidence phrases of 4-12 words and 1-2 answer words; an
  `absent` question has empty `evidence` and `answer`;
- every evidence phrase occurs in at least one of the plain-text documents (lowercased, runs of
  white space folded to one space, HTML tags such as `<p>` or `<ol ...>` removed first), and it
  carries none of the characters that document cleaning may change (bullets, quotes, tags);
- every answer word occurs in a document that contains one of the evidence phrases (and, as a
  warning only, close to such a phrase, where an extractive answer can quote it);
- the questions marked below as paraphrases share no key word with the sentence around their
  evidence (same first five letters counts as shared);
- the category counts reach the minimums of the brief.

When pypdf and python-docx can be imported, it also extracts the PDF and DOCX copies that the
assistant indexes (corpus/ next to this folder) and warns about evidence phrases that only the
plain-text versions contain.

    python3 eval/check_questions.py [eval/questions.jsonl] [--corpus /work/shared/corpus/text]

Exit status 0 when there are no errors (warnings are printed but allowed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = HERE / "questions.jsonl"
DEFAULT_CORPUS = Path("/work/shared/corpus/text")
DEFAULT_INDEXED = HERE.parent / "corpus"
DEV_QUESTIONS = Path("/work/shared/eval/dev.jsonl")

ALLOWED_FIELDS = {"id", "q", "evidence", "answer", "absent", "lang"}
ACTIVITY_PLAN = "aktivitetsplan-nosam-barn-och-unga-2026"

# Categories that the fields cannot show. The brief asks for at least the numbers in MINIMUMS.
PARAPHRASE = {
    "q07", "q08", "q13", "q14", "q16", "q19", "q22", "q23",
    "q24", "q25", "q26", "q31", "q34", "q36", "q39", "q43",
}
RESPONSIBLE_OR_WHEN = {
    "q01", "q02", "q03", "q04", "q06", "q07", "q11", "q12", "q17", "q18", "q19", "q20",
    "q21", "q22", "q24", "q29", "q30", "q32", "q33", "q35", "q38", "q40", "q42", "q44",
}
TABLE_ROW = {"q01", "q02", "q03", "q04", "q05", "q06", "q07", "q10"}
MINIMUMS = {
    "questions": 56,
    "paraphrase": 10,
    "english": 8,
    "responsible/when": 8,
    "table row": 5,
    "absent": 10,
}

# Characters that PDF extraction or cleaning may turn into something else.
FRAGILE = re.compile(r"[<>•❖»«\u201c\u201d\u2018\u2019\"\uf0b7\u00ad]|\s-\s*$|^\s*-\s")
# A hyphen before a space ("in- och") is real text here, but would break if it fell at a line end.
HYPHEN_GAP = re.compile(r"\w-\s")

# Words that do not make a key word: function words, generic domain words and proper names.
STOP = set(
    """
    och att det som för med till från inte eller hur vad vem vilka vilket vilken vilken när har
    hade ska kan man den denna dessa detta också under efter innan inför mellan sina sitt sin sig ett
    en är var blir om på av mer mest något någon några alla samt både enligt finns bara sedan
    vara andra annan deras dess över utan dem jag mitt min mina vårt våra vilket vart varför
    barn unga ungdomar personer
    nosam samla lerum lerums alingsås alingsås mölndal mölndals göteborg mini-maria sip
    """.split()
)


def fold(text: str) -> str:
    """Lowercase and fold runs of white space to one space, as the eval compares texts."""
    return re.sub(r"\s+", " ", text).strip().lower()


def strip_tags(text: str) -> str:
    """Remove HTML tags such as <p> and <ol style=...> (the plan's table cells carry them)."""
    return re.sub(r"<[^>]+>", " ", text)


def load_corpus(folder: Path) -> dict[str, str]:
    """Return each plain-text document, folded, by its file stem."""
    return {p.stem: fold(strip_tags(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.txt"))}


def load_indexed(folder: Path) -> dict[str, str]:
    """Extract the DOCX and PDF copies the assistant indexes, when the libraries are there."""
    texts: dict[str, str] = {}
    try:
        import docx  # type: ignore[import-not-found]
        import pypdf  # type: ignore[import-not-found]
    except ImportError:
        return texts
    for path in sorted(folder.glob("*")):
        if path.suffix == ".pdf":
            reader = pypdf.PdfReader(str(path))
            texts[path.stem] = fold("\n".join(page.extract_text() or "" for page in reader.pages))
        elif path.suffix == ".docx":
            document = docx.Document(str(path))
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.extend(cell.text for cell in row.cells)
            texts[path.stem] = fold("\n".join(parts))
    return texts


def words(text: str) -> list[str]:
    return re.findall(r"[a-zåäöéü]+(?:-[a-zåäöéü]+)*", text.lower())


def key_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) >= 4 and w not in STOP}


def same_word(a: str, b: str) -> bool:
    """Treat two words as the same key word when they share their first five letters."""
    if len(a) < 5 or len(b) < 5:
        return a == b or (len(a) >= 4 and len(b) >= 4 and (a.startswith(b) or b.startswith(a)))
    return a[:5] == b[:5]


def sentence_around(doc: str, phrase: str) -> str:
    """Return the text from the sentence start before the phrase to the sentence end after it."""
    pos = doc.find(phrase)
    start = max(doc.rfind(". ", 0, pos) + 2, pos - 150, 0)
    end_dot = doc.find(". ", pos + len(phrase))
    end = min(end_dot if end_dot >= 0 else len(doc), pos + len(phrase) + 150)
    return doc[start:end]


def near(doc: str, phrase: str, word: str, window: int = 300) -> bool:
    """Whether the word occurs within a window of characters around some occurrence of the phrase."""
    pos = doc.find(phrase)
    while pos >= 0:
        if word in doc[max(0, pos - window): pos + len(phrase) + window]:
            return True
        pos = doc.find(phrase, pos + 1)
    return False


def check(questions_path: Path, corpus: dict[str, str], indexed: dict[str, str]) -> int:
    errors: list[str] = []
    warnings: list[str] = []
    items: list[dict] = []
    for number, line in enumerate(questions_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(item, dict):
            errors.append(f"line {number}: not an object")
            continue
        items.append(item)

    ids = Counter(str(i.get("id")) for i in items)
    for qid, count in ids.items():
        if count > 1:
            errors.append(f"{qid}: id used {count} times")
    expected = [f"q{n:02d}" for n in range(1, len(items) + 1)]
    if [str(i.get("id")) for i in items] != expected:
        warnings.append("ids are not q01, q02, ... in order")

    dev_questions: set[str] = set()
    dev_evidence: set[str] = set()
    if DEV_QUESTIONS.exists():
        for line in DEV_QUESTIONS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                dev = json.loads(line)
                dev_questions.add(fold(dev["q"]))
                dev_evidence.update(fold(e) for e in dev.get("evidence", []))

    per_document: Counter[str] = Counter()
    for item in items:
        qid = str(item.get("id"))
        extra = set(item) - ALLOWED_FIELDS
        if extra:
            errors.append(f"{qid}: unknown fields {sorted(extra)}")
        if not isinstance(item.get("q"), str) or not item["q"].strip():
            errors.append(f"{qid}: no question text")
            continue
        evidence, answer = item.get("evidence"), item.get("answer")
        if not isinstance(evidence, list) or not isinstance(answer, list):
            errors.append(f"{qid}: evidence and answer must be lists")
            continue
        if item.get("lang") not in (None, "en"):
            errors.append(f"{qid}: lang must be \"en\" or left out")
        if "absent" in item and item["absent"] is not True:
            errors.append(f"{qid}: absent must be true or left out")
        if fold(item["q"]) in dev_questions:
            errors.append(f"{qid}: the same question is in dev.jsonl")
        if item.get("absent"):
            if evidence or answer:
                errors.append(f"{qid}: an absent question has empty evidence and answer")
            continue
        if not 1 <= len(evidence) <= 3:
            errors.append(f"{qid}: {len(evidence)} evidence phrases (1-3 wanted)")
        if not 1 <= len(answer) <= 2:
            errors.append(f"{qid}: {len(answer)} answer words (1-2 wanted)")
        holders: set[str] = set()
        for phrase in evidence:
            size = len(phrase.split())
            if not 4 <= size <= 12:
                errors.append(f"{qid}: evidence has {size} words: {phrase!r}")
            if FRAGILE.search(phrase):
                errors.append(f"{qid}: evidence has a fragile character: {phrase!r}")
            if HYPHEN_GAP.search(phrase):
                warnings.append(f"{qid}: evidence has a hyphen before a space: {phrase!r}")
            if fold(phrase) in dev_evidence:
                warnings.append(f"{qid}: evidence also used in dev.jsonl: {phrase!r}")
            found = [name for name, text in corpus.items() if fold(phrase) in text]
            if not found:
                errors.append(f"{qid}: evidence not in the corpus: {phrase!r}")
            holders.update(found)
            for name in found:
                if name in indexed and fold(phrase) not in indexed[name]:
                    warnings.append(f"{qid}: evidence not in the extracted {name} copy: {phrase!r}")
        for word in answer:
            if not any(fold(word) in corpus[name] for name in holders):
                errors.append(f"{qid}: answer {word!r} not in a document holding the evidence")
            elif not any(near(corpus[n], fold(p), fold(word)) for n in holders for p in evidence):
                warnings.append(f"{qid}: answer {word!r} is not close to the evidence")
        for name in holders:
            per_document[name] += 1
        if qid in TABLE_ROW and ACTIVITY_PLAN not in holders:
            errors.append(f"{qid}: marked as a table row but evidence is not in the activity plan")
        if qid in PARAPHRASE:
            context = " ".join(
                sentence_around(corpus[n], fold(p)) for n in holders for p in evidence if fold(p) in corpus[n]
            )
            shared = sorted(
                {q for q in key_words(item["q"]) for c in key_words(context) if same_word(q, c)}
            )
            if shared:
                errors.append(f"{qid}: paraphrase shares key words with its text: {shared}")

    known = {str(i.get("id")) for i in items}
    for name, marked in (("paraphrase", PARAPHRASE), ("responsible/when", RESPONSIBLE_OR_WHEN),
                         ("table row", TABLE_ROW)):
        for qid in sorted(marked - known):
            errors.append(f"{qid}: marked as {name} but not in the file")
    absent_ids = {str(i.get("id")) for i in items if i.get("absent")}
    for qid in sorted((PARAPHRASE | RESPONSIBLE_OR_WHEN | TABLE_ROW) & absent_ids):
        errors.append(f"{qid}: an absent question cannot be in an answerable category")

    counts = {
        "questions": len(items),
        "answerable": len(items) - len(absent_ids),
        "absent": len(absent_ids),
        "english": sum(1 for i in items if i.get("lang") == "en"),
        "english answerable": sum(1 for i in items if i.get("lang") == "en" and not i.get("absent")),
        "paraphrase": len(PARAPHRASE & known),
        "responsible/when": len(RESPONSIBLE_OR_WHEN & known),
        "table row": len(TABLE_ROW & known),
    }
    for name, minimum in MINIMUMS.items():
        if counts[name] < minimum:
            errors.append(f"only {counts[name]} {name} questions ({minimum} wanted)")
    for name in corpus:
        if per_document[name] == 0:
            errors.append(f"no question is answered by {name}")

    print("Counts:")
    for name, value in counts.items():
        print(f"  {name:20} {value}")
    print("Answerable questions per document (by where their evidence occurs):")
    for name in corpus:
        print(f"  {name:55} {per_document[name]}")
    if not indexed:
        print("(pypdf/python-docx not importable: the PDF and DOCX copies were not checked)")
    for message in warnings:
        print("warning:", message)
    for message in errors:
        print("ERROR:", message)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="?", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of the .txt versions")
    parser.add_argument("--indexed", type=Path, default=DEFAULT_INDEXED, help="folder the assistant indexes")
    args = parser.parse_args()
    corpus = load_corpus(args.corpus)
    if not corpus:
        print(f"ERROR: no .txt documents in {args.corpus}")
        return 1
    indexed = load_indexed(args.indexed) if args.indexed.is_dir() else {}
    return check(args.questions, corpus, indexed)


if __name__ == "__main__":
    sys.exit(main())
