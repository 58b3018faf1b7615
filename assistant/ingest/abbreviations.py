"""Abbreviations and their long forms, learned from the corpus itself.

Plans write "Samordnad individuell plan – SIP", "Mental Health First Aid (MHFA)" or
"BUP, barn och ungdomspsykiatrisk mottagning". A question may use either form, so the
query is expanded with the other, and answers can spell an abbreviation out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

_ABBREVIATION = r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,3}[A-ZÅÄÖ]{1,4}"
# Words on one line: a definition never spans a line break in these documents.
_WORDS = r"[^\W\d_][\w-]*(?:[ \t]+[^\W\d_][\w-]*){0,6}"
# Long form before the abbreviation: "Mental Health First Aid (MHFA)", "… plan – SIP". The
# abbreviation and its mark are found first, then the words before them on the line: a pattern
# that began with the words would be tried at every word of the corpus (minutes on a large one).
_MARK_THEN_SHORT = re.compile(rf"[ \t]*(?:\([ \t]*|[–-][ \t]+)({_ABBREVIATION})\b(?![ \t]*[–-][ \t]*\w)")
_WORDS_AT_END = re.compile(rf"({_WORDS})\Z")
_LINE_REACH = 400
# Abbreviation first: "SIP – Samordnad individuell plan", "BUP, barn och …", "AU (arbetsutskott)".
_SHORT_THEN_LONG = re.compile(rf"(?<![\w-])({_ABBREVIATION})[ \t]*(?:[–-][ \t]+|,[ \t]*|\([ \t]*)({_WORDS})")
MAX_WORDS = 6


def _letters_in_order(letters: str, text: str) -> int:
    """Return how far into `text` the letters occur in order, or -1 if they do not."""
    position = 0
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return -1
        position += 1
    return position


def _fits(short: str, long: str) -> bool:
    folded = long.lower()
    return bool(folded) and folded[0] == short[0].lower() and _letters_in_order(short.lower(), folded) >= 0


def _shortest_tail(short: str, words: list[str]) -> str | None:
    """The fewest trailing words that begin with the abbreviation's letter and hold its letters."""
    for size in range(1, min(len(words), MAX_WORDS) + 1):
        candidate = " ".join(words[-size:])
        if _fits(short, candidate):
            return candidate
    return None


def _shortest_head(short: str, words: list[str]) -> str | None:
    """The fewest leading words that hold the abbreviation's letters, ending at a word's end."""
    for size in range(1, min(len(words), MAX_WORDS) + 1):
        candidate = " ".join(words[:size])
        if _fits(short, candidate) and _letters_in_order(short.lower(), candidate.lower()) > len(
            " ".join(words[: size - 1])
        ):
            return candidate
    return None


def find_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """Return {abbreviation: long form} for every abbreviation the texts define."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for match in _MARK_THEN_SHORT.finditer(text):
            line_start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - _LINE_REACH)
            before = _WORDS_AT_END.search(text, line_start, match.start())
            if before is None:
                continue
            short = match.group(1)
            long = _shortest_tail(short, before.group(1).split())
            if long and long.upper() != short:
                seen.setdefault(short, Counter())[long.lower()] += 1
        for match in _SHORT_THEN_LONG.finditer(text):
            short = match.group(1)
            long = _shortest_head(short, match.group(2).split())
            if long and long.upper() != short:
                seen.setdefault(short, Counter())[long.lower()] += 1
    return {short: forms.most_common(1)[0][0] for short, forms in seen.items()}


def expand_query(question: str, abbreviations: Mapping[str, str]) -> str:
    """Add the other form of each abbreviation or long form the question uses."""
    additions = []
    folded = question.lower()
    for short, long in abbreviations.items():
        if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", question) and long not in folded:
            additions.append(long)
        elif long in folded and not re.search(rf"(?<!\w){re.escape(short)}(?!\w)", question):
            additions.append(short)
    return f"{question} ({'; '.join(additions)})" if additions else question
