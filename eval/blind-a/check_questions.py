#!/usr/bin/env python3
"""Sanity-check questions.jsonl against the generated documents in ./docs/.

Checks (text lowercased, whitespace folded):
  * every evidence phrase has 4-12 words and occurs inside ONE text unit of the
    document (paragraph, list item or table cell; for the PDF: inside one page,
    and it is reported if it crosses a wrapped PDF line);
  * every answer word occurs in the document and in at least one 'sentences' entry;
  * every 'sentences' entry occurs in the document (for the PDF: within one page);
  * absent questions have empty evidence/answer/sentences and document "".
Prints counts per kind / language / document.

Usage: /tmp/blind-a-venv/bin/python check_questions.py
"""
import json
import os
import re
import sys
from collections import Counter
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")


def fold(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip().lower()


def docx_units(path):
    import docx
    d = docx.Document(path)
    units = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                units.extend(p.text for p in c.paragraphs)
    return units, None


def pdf_units(path):
    import pypdf
    r = pypdf.PdfReader(path)
    pages = [p.extract_text() for p in r.pages]
    lines = [ln for pg in pages for ln in pg.splitlines()]
    return pages, lines  # pages are units (no evidence may cross a page)


class _HTMLText(HTMLParser):
    BLOCK = {"p", "li", "td", "th", "h1", "h2", "h3", "title"}

    def __init__(self):
        super().__init__()
        self.units, self.cur, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.cur = []

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.units.append("".join(self.cur))
            self.cur = []

    def handle_data(self, data):
        self.cur.append(data)


def html_units(path):
    p = _HTMLText()
    p.feed(open(path, encoding="utf-8").read())
    return p.units, None


def load(name):
    path = os.path.join(DOCS, name)
    if name.endswith(".docx"):
        return docx_units(path)
    if name.endswith(".pdf"):
        return pdf_units(path)
    return html_units(path)


def main():
    qs = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8")]
    cache = {}
    errors, warnings = [], []
    ids = [q["id"] for q in qs]
    if ids != [f"a{i:02d}" for i in range(1, len(qs) + 1)]:
        errors.append("ids are not a01..aNN in order")
    for q in qs:
        qid = q["id"]
        for f in ("id", "q", "kind", "lang", "document", "evidence", "answer", "sentences", "absent"):
            if f not in q:
                errors.append(f"{qid}: missing field {f}")
        if q["absent"]:
            if q["document"] or q["evidence"] or q["answer"] or q["sentences"]:
                errors.append(f"{qid}: absent question must have empty document/evidence/answer/sentences")
            continue
        name = q["document"]
        if name not in cache:
            cache[name] = load(name)
        units, lines = cache[name]
        funits = [fold(u) for u in units]
        full = "\n".join(funits)
        if not (1 <= len(q["evidence"]) <= 2):
            errors.append(f"{qid}: needs 1-2 evidence phrases")
        for ev in q["evidence"]:
            n = len(ev.split())
            if not 4 <= n <= 12:
                errors.append(f"{qid}: evidence has {n} words: {ev!r}")
            fe = fold(ev)
            if not any(fe in u for u in funits):
                errors.append(f"{qid}: evidence not inside one unit of {name}: {ev!r}")
            if lines is not None and not any(fe in fold(l) for l in lines):
                warnings.append(f"{qid}: evidence crosses a wrapped PDF line: {ev!r}")
            if not any(fe in fold(s) for s in q["sentences"]):
                warnings.append(f"{qid}: evidence not inside any listed sentence: {ev!r}")
        if not (1 <= len(q["answer"]) <= 3):
            errors.append(f"{qid}: needs 1-3 answer items")
        for s in q["sentences"]:
            if not any(fold(s) in u for u in funits):
                errors.append(f"{qid}: sentence not found in one unit of {name}: {s!r}")
        for a in q["answer"]:
            if fold(a) not in full:
                errors.append(f"{qid}: answer not in document: {a!r}")
            if not any(fold(a) in fold(s) for s in q["sentences"]):
                errors.append(f"{qid}: answer not in sentences: {a!r}")
    print("questions:", len(qs))
    print("absent:", sum(q["absent"] for q in qs))
    print("kinds:", dict(sorted(Counter(q["kind"] for q in qs).items())))
    print("lang:", dict(Counter(q["lang"] for q in qs)))
    print("documents:", dict(Counter(q["document"] or "(absent)" for q in qs)))
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
