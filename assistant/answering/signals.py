"""The general signals the reader weighs: how close a unit is to the question, and whether it has the
form of the answer the question wants.

No signal names a topic. Each reads one of: what retrieval gave (the cosine of the unit's
windows and of its passage, the passage's fused, dense and lexical ranks), the question's words
found in the unit or its passage (each word once, by its best form, weighed by idf, and again
weighed by how few of the units read have it), the form of answer the question's words ask for
(a date for "när", a count for "hur många", a name or a unit of the organisation for "vem", a
place for "var", a reason for "varför", "X är …" for "vad är X"), and where the unit stands (its
place in the passage, a label line, a line that opens a list, the caption of a figure, whose
numbers the text does not hold).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answering.facts import counted_forms, counts
from assistant.answering.units import Unit
from assistant.indexing.bm25 import BM25
from assistant.ingest.sentences import word_count
from assistant.ingest.terms import YEAR, is_function_word, terms, words
from assistant.models import Chunk
from assistant.search.forms import MONTHS, asked_form_share, asked_forms, question_kind
from assistant.search.lexicon import forms_of, share_shown, term_weights, word_groups

# Cosines of e5 lie in a narrow band: 0.80-0.90 becomes 0-1.
COSINE_FLOOR = 0.80
COSINE_SCALE = 10.0
# The least a question word weighs when every unit read has it.
LOCAL_FLOOR = 0.3

_DATE = re.compile(
    rf"(?<!\d)(?:19|20)\d\d(?!\d)|\b(?:{MONTHS}|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\b"
    r"|\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)\w*|\b(?:vecka|v\.)\s*\d|\b[QK][1-4]\b"
    r"|\b(?:HT|VT)\s*\d|\b(?:hösten|våren|sommaren|vintern|löpande|pågår|pågående|årligen|varje|per)\b"
    r"|\bkl(?:\.|ockan)\s*\d|\b\d{1,2}[.:]\d\d\b|\b(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b", re.I)
# A number that can be a count: digits that are not a year, or a number word from two up ("en" and
# "ett" are nearly always the article, and a year dates a sentence rather than counting anything).
_NUMBER = re.compile(r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d+|\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|"
                     r"tjugo|hundra|tusen|two|three|four|five|six|seven|eight|nine|ten|hundred)\b", re.I)
_WHO = re.compile(
    r"\b[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé]+\b|\b[A-ZÅÄÖ]{2,}\b|\b\w*(?:ansvar|chef|ledare|samordnare|"
    r"handläggare|sköterska|läkare|kurator|psykolog|pedagog|rektor|socionom|terapeut|ordförande|team|"
    r"grupp|nämnd|förvaltning|enhet|mottagning|central|tjänst|kommun|region)\w*\b")
_WHERE = re.compile(r"\b(?:i|på|vid|hos|in|at)\s+[A-ZÅÄÖ]|\b\w+(?:gatan|vägen|torget|gränd|plan)\s*\d"
                    r"|\b(?:lokal\w*|adress\w*|hus|huset|plats\w*|digitalt|online)\b", re.I)
_REASON = re.compile(r"\b(?:eftersom|därför|för att|syfte\w*|på grund av|anledning\w*|skäl\w*|orsak\w*|"
                     r"beror på|så att|because|in order|so that|reason)\b", re.I)
_PROCESS = re.compile(r"\b(?:genom att|via|kontakta\w*|ring\w*|fyll\w*|skicka\w*|ansök\w*|anmäl\w*|boka\w*|"
                      r"först|sedan|därefter|steg|inom \w+ (?:dagar|veckor)|through|contact|call|apply|fill)\b",
                      re.I)
_COPULA = re.compile(r"\b(?:är|var|innebär|avser|betyder|kallas|står för|is|are|means)\b", re.I)
_AUDIENCE = re.compile(r"\b(?:vänder sig till|riktar sig till|är till för|är avsedd för|för (?:barn|unga|"
                       r"ungdomar|vuxna|äldre|personer|familjer|elever))\b", re.I)
# The caption of a figure or a table ("Figur 1. Antal SIP per kommun"): it names what the figure
# shows, and the figure's numbers are not in the text.
_CAPTION = re.compile(r"^\s*(?:figur|fig\.|tabell|diagram|bild|figure|table|chart)\s*\d+\b", re.I)
_CONTENTS_LINE = re.compile(r"\.{4,}|…{2,}|(?:\s\.){4,}")


_FORM_OF = {"when": _DATE, "count": _NUMBER, "who": _WHO, "where": _WHERE, "why": _REASON, "how": _PROCESS}


def kind_form(kind: str, text: str) -> bool:
    """Whether a text has the form of the answer a question of this kind wants."""
    if kind in _FORM_OF:
        return bool(_FORM_OF[kind].search(text))
    if kind == "definition":
        return bool(_COPULA.search(text) or _AUDIENCE.search(text))
    if kind == "list":
        return text.rstrip().endswith(":") or "," in text
    return False


@dataclass(frozen=True)
class Question:
    """A question as the reader weighs it: its kind, its word groups and their weights."""

    text: str
    kind: str
    groups: list[set[str]]
    weights: dict[str, float]
    topic: list[set[str]]
    # The stems of what a count question counts, read as `facts` reads it for abstention (none for
    # other questions): "Hur många personer …" is counted by "32 deltagare" too.
    counted: frozenset[str] = frozenset()


def read_question(lexical: BM25, question: str) -> Question:
    """Read what a question asks and which of its words the corpus knows."""
    weights = term_weights(lexical, question)
    groups = word_groups(lexical, question)
    topic = [forms_of(word, lexical.vocabulary) for word in dict.fromkeys(words(question))
             if not is_function_word(word) and len(word) >= 3]
    counted = frozenset(counted_forms(question, lexical.vocabulary))
    return Question(question, question_kind(question), groups, weights, topic, counted)


def _local(weights: dict[str, float], seen: Sequence[set[str]]) -> dict[str, float]:
    """Weigh down the question's words that most units read share: they name the topic all were
    retrieved for ("Mini-Maria"), while what the question asks about it is in few."""
    if not seen:
        return weights
    count = len(seen)
    spread = math.log((count + 1) / 0.5)
    return {term: weight * (LOCAL_FLOOR + (1 - LOCAL_FLOOR) * math.log(
        (count + 1) / (sum(term in s for s in seen) + 0.5)) / spread) for term, weight in weights.items()}


def _defines(question: Question, text: str) -> bool:
    """Whether a text reads as a definition of one of the question's topic words: the word near its
    start, then "är", "innebär", "vänder sig till" …"""
    head = " ".join(text.split()[:14])
    opening = set(terms(" ".join(text.split()[:6])))
    return bool(_COPULA.search(head) or _AUDIENCE.search(text)) and any(forms & opening for forms in question.topic)


def _with_headings(chunk: Chunk) -> str:
    """A chunk's text under its title and section, as one text."""
    return " ".join((chunk.searched_title, chunk.section, chunk.text))


FORM_KINDS = ("when", "count", "who", "where", "why", "how", "definition", "list")
UNIT_FEATURES = (
    "cosine", "cosine_gap", "best_window", "rank", "dense_rank", "lexical_rank", "score_gap",
    "shared", "shared_local", "shared_best", "context_shared", "neighbour_shared", "section_shared",
    "passage_shared", "asked_form", "kind_form", *(f"form_{kind}" for kind in FORM_KINDS),
    "defines_asked", "counted", "counted_asked", "introduces_asked", "label", "length", "first",
    "position", "introduces", "row", "contents", "caption",
)


def unit_features(question: Question, units: Sequence[Unit]) -> np.ndarray:
    """One row of UNIT_FEATURES per unit."""
    if not units:
        return np.zeros((0, len(UNIT_FEATURES)))
    own = [set(terms(u.text)) for u in units]
    section_terms = {u.passage.chunk.section: set(terms(u.passage.chunk.section)) for u in units}
    # What the whole passage shows of the question, its title and section included: the passage
    # that answers names all of what is asked, though each of its sentences names only some.
    passages = {id(u.passage): u.passage for u in units}
    passage_terms = {key: set(terms(_with_headings(passage.chunk))) for key, passage in passages.items()}
    # A year in a section heading dates everything under it ("SAMLA ekonomi 2022").
    seen = [words | {t for t in section_terms[u.passage.chunk.section] if YEAR.fullmatch(t)}
            for words, u in zip(own, units)]
    shown = share_shown(question.groups, question.weights)
    shown_local = share_shown(question.groups, _local(question.weights, seen))
    shares = [shown(s) for s in seen]
    local_shares = [shown_local(s) for s in seen]
    best_local = max(local_shares) or 1.0
    best_cosine = max(u.cosine for u in units)
    top_score = units[0].passage.score
    forms_asked = bool(asked_forms(question.text))
    rows = []
    for i, unit in enumerate(units):
        text = unit.text
        chunk = unit.passage.chunk
        same = [j for j in (i - 1, i + 1) if 0 <= j < len(units) and units[j].passage is unit.passage]
        before = own[i - 1] if i - 1 in same else set()
        section = section_terms[chunk.section]
        size = word_count(text)
        counted = counts(text, question.counted)
        rows.append((
            (unit.cosine - COSINE_FLOOR) * COSINE_SCALE,
            (unit.cosine - best_cosine) * COSINE_SCALE,
            float(unit.cosine == best_cosine),
            1.0 / unit.passage.rank,
            1.0 / unit.passage.dense_rank if unit.passage.dense_rank else 0.0,
            1.0 / unit.passage.lexical_rank if unit.passage.lexical_rank else 0.0,
            unit.passage.score - top_score,
            shares[i],
            local_shares[i],
            local_shares[i] / best_local,
            shown(seen[i] | section | before),
            max((shares[j] for j in same), default=0.0),
            shown(section),
            shown(passage_terms[id(unit.passage)]),
            asked_form_share(question.text, text) if forms_asked else 0.0,
            float(kind_form(question.kind, text)),
            *(float(question.kind == kind and kind_form(kind, text)) for kind in FORM_KINDS),
            float(question.kind == "definition" and _defines(question, text)),
            float(counted),
            float(counted and question.kind == "count"),
            float(text.rstrip().endswith(":") and question.kind in ("list", "why", "how", "other")),
            float(size <= 6 and not re.search(r"[.:!?]$", text.strip()) and not unit.is_row),
            math.log1p(size) / math.log(41),
            float(unit.order == 0),
            unit.order / max(unit.count - 1, 1),
            float(text.rstrip().endswith(":")),
            float(unit.is_row),
            float(bool(_CONTENTS_LINE.search(text))),
            float(bool(_CAPTION.match(text))),
        ))
    return np.asarray(rows, dtype=np.float64)
