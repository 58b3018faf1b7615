# -*- coding: utf-8 -*-
"""Självkontroll av questions.jsonl mot de genererade dokumenten i docs/.

Kör med: /tmp/blind-b-venv/bin/python check_blind_b.py

Kontrollerar för varje fråga:
  - fält, id-ordning, kind/lang-värden, absent-frågor har tomma listor
  - varje evidence-fras (4–12 ord) finns inom EN textenhet i dokumentet
    (DOCX: stycke eller tabellcell; PDF: ett källblock OCH en och samma sida i PDF:en;
     HTML: ett blockelement/cell/rad mellan <br>)
  - varje sentences-post finns inom en textenhet
  - varje answer-ord finns i sentences (och i dokumentet)
Jämförelser görs i gemener med hopslagna blanksteg.
"""
import json
import os
import re
import sys
from collections import Counter
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip().lower()


def docx_units(path):
    import docx
    d = docx.Document(path)
    units = [p.text for p in d.paragraphs]
    for t in d.tables:
        for r in t.rows:
            for c in r.cells:
                units.append(c.text)
    return units


def pdf_units(path):
    """Sidor ur PDF:en (text per sida) + källblock ur src_uppfoljning."""
    from pypdf import PdfReader
    import src_uppfoljning as U
    pages = [p.extract_text() for p in PdfReader(path).pages]
    blocks = []
    for kind, *rest in [(b[0], *b[1:]) for b in U.BODY]:
        if kind in ("h1", "h2", "p"):
            blocks.append(rest[0])
        elif kind in ("bullets", "numbered"):
            blocks.extend(rest[0])
        elif kind == "table":
            blocks.append(rest[0])
            for row in rest[1]:
                blocks.extend(row)
        elif kind == "figure":
            blocks.append(f"Figur {rest[0]}. {rest[1]}")
    blocks += [t for _, t in U.TITLE]
    return pages, blocks


class Blocks(HTMLParser):
    BLOCK = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "title", "address", "div", "ul", "ol",
             "tr", "table", "header", "footer", "nav", "main", "br"}

    def __init__(self):
        super().__init__()
        self.units, self.cur, self.skip = [], [], False

    def flush(self):
        t = "".join(self.cur).strip()
        if t:
            self.units.append(t)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.skip = True
        if tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag == "style":
            self.skip = False
        if tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)


def html_units(path):
    b = Blocks()
    b.feed(open(path, encoding="utf-8").read())
    b.flush()
    return b.units


def main():
    units = {}
    for fn in os.listdir(DOCS):
        p = os.path.join(DOCS, fn)
        if fn.endswith(".docx"):
            units[fn] = ([norm(u) for u in docx_units(p)], None)
        elif fn.endswith(".pdf"):
            pages, blocks = pdf_units(p)
            units[fn] = ([norm(b) for b in blocks], [norm(pg) for pg in pages])
        elif fn.endswith(".html"):
            units[fn] = ([norm(u) for u in html_units(p)], None)

    errors = []
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8")]
    kinds = {"definition", "list", "count", "who", "when", "where", "how", "why", "exists", "summary", "other"}
    for i, q in enumerate(qs, 1):
        qid = q.get("id")
        if qid != f"b{i:02d}":
            errors.append(f"{qid}: id out of order")
        for k in ("q", "kind", "lang", "document", "evidence", "answer", "sentences", "absent"):
            if k not in q:
                errors.append(f"{qid}: missing {k}")
        if q["kind"] not in kinds:
            errors.append(f"{qid}: bad kind {q['kind']}")
        if q["lang"] not in ("sv", "en"):
            errors.append(f"{qid}: bad lang")
        if q["absent"]:
            if q["document"] or q["evidence"] or q["answer"] or q["sentences"]:
                errors.append(f"{qid}: absent question has content")
            continue
        if q["document"] not in units:
            errors.append(f"{qid}: unknown document {q['document']}")
            continue
        us, pages = units[q["document"]]

        def in_unit(s):
            s = norm(s)
            ok = any(s in u for u in us)
            if pages is not None:
                ok = ok and any(s in pg for pg in pages)
            return ok

        if not 1 <= len(q["evidence"]) <= 2:
            errors.append(f"{qid}: evidence count {len(q['evidence'])}")
        for ev in q["evidence"]:
            n = len(ev.split())
            if not 4 <= n <= 12:
                errors.append(f"{qid}: evidence has {n} words: {ev!r}")
            if not in_unit(ev):
                errors.append(f"{qid}: evidence not found in one unit/page: {ev!r}")
        if not 1 <= len(q["sentences"]) <= 3:
            errors.append(f"{qid}: sentences count {len(q['sentences'])}")
        for s in q["sentences"]:
            if not in_unit(s):
                errors.append(f"{qid}: sentence not found: {s!r}")
        if not 1 <= len(q["answer"]) <= 3:
            errors.append(f"{qid}: answer count")
        joined = " ".join(norm(s) for s in q["sentences"])
        for a in q["answer"]:
            if norm(a) not in joined:
                errors.append(f"{qid}: answer {a!r} not in sentences")
            if not in_unit(a):
                errors.append(f"{qid}: answer {a!r} not in document")

    print(f"{len(qs)} questions, {sum(q['absent'] for q in qs)} absent, "
          f"{sum(q['lang'] == 'en' for q in qs)} English")
    print("per kind:", dict(sorted(Counter(q["kind"] for q in qs).items())))
    print("per document:", dict(Counter(q["document"] or "(absent)" for q in qs)))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
