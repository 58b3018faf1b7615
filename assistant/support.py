"""Deciding whether the passages found actually answer the question, or whether to say so.

Retrieval always returns something: "Vad är öppettiderna för kommunens simhall?" finds
Mini-Maria's opening hours. Scores cannot tell that apart from a real answer, so the
question's own words are tested: a content word that no top passage contains (not even
as part of a compound or as a synonym) is left out of the question, and the shorter
question is embedded again. If it then fits the best passage *better*, the passage is
about something else than that word, and the documents do not answer the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.embed import Embedder
from assistant.lexical import STOPWORDS, compound_parts, stem, terms
from assistant.lexicon import related_words
from assistant.models import Passage
from assistant.store import StoredIndex

PASSAGES_READ = 3
# Below this cosine nothing found is about the question at all.
UNRELATED = 0.80
# Leaving a word out must raise the fit by this much for the word to count as unanswered.
ABLATION_GAIN = 0.012
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

# Questions that ask for a kind of fact, and what that fact looks like in text. When none of the
# top passages holds one ("Vilket telefonnummer har …?" over text with no phone number), the
# documents do not answer, however well the passages match the rest of the question.
_PHONE = re.compile(r"(?<!\d)(?:\+46|0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){2,3}(?!\d)")
FACT_KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(telefonnummer|telefonnumret|telefon|ringa|phone|telephone)\b", re.I), _PHONE),
    (re.compile(r"\b(e-post\w*|epost\w*|mejl\w*|e-mail|email|mailadress\w*)\b", re.I),
     re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
    (re.compile(r"\b(hemsida|hemsidan|webbplats\w*|webbadress\w*|website|url|webbsida\w*)\b", re.I),
     re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:se|nu|com|org)\b", re.I)),
)
_A_YEAR = r"(19[5-9]\d|20\d\d)"
_YEAR = re.compile(rf"(?<!\d){_A_YEAR}(?!\d)")
_YEAR_RANGE = re.compile(rf"(?<!\d){_A_YEAR}\s*[-–—]\s*{_A_YEAR}(?!\d)")


def missing_words(question: str, passages: Sequence[Passage], vocabulary: set[str] | dict[str, int]) -> list[str]:
    """Return the question's content words that none of the passages contains in any form."""
    present: set[str] = set()
    for passage in passages:
        present.update(terms(f"{passage.chunk.section} {passage.chunk.text}"))
    missing = []
    for word in dict.fromkeys(m.group() for m in _WORD.finditer(question)):
        folded = word.lower()
        if folded in STOPWORDS or len(folded) < 3 or folded.isdigit():
            continue
        forms = {stem(folded), *compound_parts(stem(folded), vocabulary)}
        forms.update(stem(w) for w in related_words([folded]))
        if not forms & present:
            missing.append(word)
    return missing


def years_in(text: str) -> set[int]:
    """Return the years a text names, a range such as "2023–2026" counting for every year in it."""
    years = {int(y) for y in _YEAR.findall(text)}
    for first, last in _YEAR_RANGE.findall(text):
        if int(first) <= int(last) <= int(first) + 20:
            years.update(range(int(first), int(last) + 1))
    return years


def lacks_asked_fact(question: str, passages: Sequence[Passage]) -> bool:
    """Tell whether the question asks for a year or a kind of fact (a phone number, an e-mail
    address, a web address) that none of the passages holds."""
    text = " ".join(f"{p.chunk.section} {p.chunk.text}" for p in passages)
    if not years_in(question) <= years_in(text):
        return True
    return any(asks.search(question) and not looks.search(text) for asks, looks in FACT_KINDS)


def _without(question: str, word: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", "", question)


def is_supported(index: StoredIndex, embedder: Embedder, question: str, passages: Sequence[Passage]) -> bool:
    """Judge whether the top passages answer the question (False: say that nothing was found)."""
    if not passages:
        return False
    top = passages[0]
    best = max([w[2] for p in passages[:PASSAGES_READ] for w in p.windows] + [top.dense_score])
    if best < UNRELATED or lacks_asked_fact(question, passages[:PASSAGES_READ]):
        return False
    missing = missing_words(question, passages[:PASSAGES_READ], index.lexical.vocabulary)
    target = index.windows.vector(index.row_of[top.chunk.chunk_id], top.windows[0][0]) \
        if index.windows and top.windows else None
    if not missing or target is None:
        return True
    vectors = embedder.embed_queries([question] + [_without(question, word) for word in missing])
    fits = vectors @ np.asarray(target, dtype=np.float32)
    return bool(np.all((fits[1:] - fits[0]) * index.scale.factor < ABLATION_GAIN))
