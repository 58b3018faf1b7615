"""Check a sentence a language model wrote against the passages it cites.

A model can write a fluent sentence with a wrong year or a name that no source mentions. Before
staff see a generated sentence, every fact in it that can be checked by reading must be found in
the passages the sentence cites: its numbers (years, dates, counts, percentages, amounts), the
small numbers it writes in words, and its proper names (capitalised words and abbreviations).
Texts are compared after folding case, spaces inside numbers ("2 500" = "2500") and decimal
commas ("2,5" = "2.5"); a name may stand in another inflection ("Härnösands" for "Härnösand").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Numbers as written: digits, with a decimal part, a date's or a time's separators.
_NUMBER = re.compile(r"\d+(?:[.:/-]\d+)*")
# Spaces a number's digits are grouped with ("2 500", "1 200 000"), and a decimal comma.
_GROUPED = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_RANGE = re.compile(r"(?<=\d)\s*[-–—]\s*(?=\d)")
# Small numbers in words, each with its digits: "tre gånger" is checked as 3 (or "tre").
_NUMBER_WORDS = {
    "två": "2", "tre": "3", "fyra": "4", "fem": "5", "sex": "6", "sju": "7", "åtta": "8", "nio": "9",
    "tio": "10", "elva": "11", "tolv": "12", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Words written with a capital that name nothing: the English "I".
_NOT_NAMES = frozenset({"I"})
# Endings a Swedish name takes in running text (genitive, definite forms).
_NAME_ENDINGS = ("s", "en", "ens", "n", "ns", "et", "ets")


def normalised(text: str) -> str:
    """Text folded for comparing facts: lower case, single spaces, digits ungrouped, decimal points."""
    text = _RANGE.sub("-", _DECIMAL_COMMA.sub(".", _GROUPED.sub("", text.replace("\u00ad", ""))))
    return " ".join(text.split()).casefold()


def _numbers(text: str) -> list[str]:
    return _NUMBER.findall(normalised(text))


def _names(sentence: str) -> list[str]:
    """Proper names: words in capitals anywhere ("SIP", "NOSAM"), and capitalised words that do not
    begin the sentence or follow a colon ("Region Västernorrland" gives "Västernorrland")."""
    names = []
    for match in _WORD.finditer(sentence):
        word = match.group()
        before = sentence[:match.start()].rstrip(" \"'”»(–-•*")
        starts = not before or before.endswith((".", "!", "?", ":", "\n")) or bool(re.fullmatch(r"\d+[.)]?", before))
        capitals = len(word) > 1 and word.isupper()
        if word in _NOT_NAMES or not word[0].isupper():
            continue
        if capitals or not starts:
            # Of a compound ("SIP-arbetet", "Stor-NOSAM"), the parts written with a capital are names.
            names += [part for part in word.split("-") if part[0].isupper()]
    return names


def sentence_facts(sentence: str) -> list[str]:
    """The facts of a sentence that must be found in its sources: numbers, number words and names."""
    words = [w.casefold() for w in _WORD.findall(sentence)]
    counted = [w for w in words if w in _NUMBER_WORDS]
    return _numbers(sentence) + counted + _names(sentence)


def _has_number(number: str, text: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text) is not None


def _has_word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _has_name(name: str, text: str) -> bool:
    folded = name.casefold()
    stems = {folded} | {folded[:-len(end)] for end in _NAME_ENDINGS
                        if folded.endswith(end) and len(folded) - len(end) >= 3}
    return any(re.search(rf"(?<!\w){re.escape(stem)}", text) for stem in stems)


def fact_found(fact: str, sources: str) -> bool:
    """Whether a fact of `sentence_facts` occurs in sources already `normalised`."""
    if fact[0].isdigit():
        words = [word for word, digits in _NUMBER_WORDS.items() if digits == fact]
        return _has_number(fact, sources) or any(_has_word(word, sources) for word in words)
    if fact in _NUMBER_WORDS:
        return _has_number(_NUMBER_WORDS[fact], sources) or _has_word(fact, sources)
    return _has_name(fact, sources)


def missing_facts(sentence: str, sources: Sequence[str]) -> list[str]:
    """The facts of a sentence that none of its cited source texts holds (empty: the sentence holds)."""
    text = normalised("\n".join(sources))
    return [fact for fact in sentence_facts(sentence) if not fact_found(fact, text)]
