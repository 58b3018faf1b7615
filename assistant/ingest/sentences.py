"""Sentence boundaries in Swedish plan text, shared by the chunker and the answer composer."""

from __future__ import annotations

import re

# Abbreviations that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    """t.ex ex bl.a m.m m.fl s.k dvs d.v.s osv o.s.v inkl resp ca cirka nr kl jfr enl
    fr.o.m t.o.m p.g.a pga mkr tkr st e.g i.e etc vs dr prof ang sid s""".split()
)

# A sentence ends at . ! ? or a line break, before white space and a capital, digit, quote,
# bullet or bracket; a table row's " | " separator also ends one.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'”»(\[A-ZÅÄÖÉ0-9•\-–])|\n+| \| ")


def _ends_with_abbreviation(text: str) -> bool:
    match = re.search(r"(\S+)\.$", text)
    if not match:
        return False
    word = match.group(1).lower().lstrip("(\"'")
    # A single letter or digit before the stop ("1.", "a.") is a numbered item, not a sentence.
    return word in ABBREVIATIONS or len(word) == 1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of a text, white space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        piece = text[start:match.start()]
        if match.group().strip() == "" and match.group().count("\n") == 0 and _ends_with_abbreviation(piece):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for lo, hi in spans:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            trimmed.append((lo, hi))
    return trimmed


def split_sentences(text: str) -> list[str]:
    """Return the sentences of a text."""
    return [text[lo:hi] for lo, hi in sentence_spans(text)]


def word_count(text: str) -> int:
    """Count the words of a text the way chunk lengths are measured."""
    return len(text.split())
