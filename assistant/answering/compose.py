"""Compose an extractive answer: the sentences that best answer the question, each cited.

No language model: sentences are taken word for word from the top passages, so every
claim in an answer is a quotation that its citation points at.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.present import chunk_url
from assistant.indexing.bm25 import BM25
from assistant.indexing.windows import SHORT_LINE
from assistant.ingest.sentences import split_sentences, word_count
from assistant.ingest.terms import YEAR, terms
from assistant.models import TABLE_ROW, Answer, Citation, Passage
from assistant.search.forms import MONTHS, asked_form_share, asked_forms
from assistant.search.lexicon import in_plain_words, share_shown, term_weights, word_groups

NOT_FOUND = "Jag hittar inget om det i dokumenten."
PASSAGES_READ = 3
MAX_SENTENCES = 3
MAX_ANSWER_WORDS = 120
RELATED = 3

# Window cosines of e5 lie in a narrow band; this maps 0.80–0.90 onto 0–1.
SIMILARITY_FLOOR = 0.80
SIMILARITY_SCALE = 10.0


@dataclass(frozen=True)
class _Candidate:
    passage: Passage
    text: str
    score: float
    order: int


def _piece_terms(piece: str, section: str) -> set[str]:
    """The terms a piece shows: its own, and the years of its section ("SAMLA ekonomi 2022"),
    since a year in a heading dates everything under it."""
    return set(terms(piece)) | {term for term in terms(section) if YEAR.fullmatch(term)}


# What kind of fact a question asks for, and how a piece of text shows it.
# Who does something, as plans name them: an organisation or team ("vårdcentralen", "Teamet",
# "socialtjänsten"), or a role ("specialpedagog", "samordnaren"), compounds included.
_WHO_NOUNS = (
    r"(?i:\b\w*(central|tjänst|förvaltning|nämnd|mottagning|team|grupp|enhet|elevhälsa|kommun|region)"
    r"(en|et|n|erna|na|s)?\b|\b\w*(samordnare|handläggare|behandlare|sköterska|läkare|kurator|psykolog|chef|"
    r"ledare|pedagog|rektor|socionom|terapeut)(n|na|en|er|erna)?\b)"
)
# Twice the general bonus: the question names the form of its answer, so the form weighs more.
EXACT_BONUS = 0.8
_KINDS = (
    (re.compile(r"\b(när|datum|sedan när|hur länge|vilket år|when|since|date)\b", re.I),
     re.compile(rf"\b(20\d\d|{MONTHS}|jan|feb|okt|nov|dec|vecka|veckor|löpande|hösten|våren)\b", re.I)),
    (re.compile(r"\b(hur många|hur mycket|antal|hur stor|hur stora|how many|how much)\b", re.I),
     # A number, but not a list's "2. " or "3) ".
     re.compile(r"\d(?!\d*[.)] +\S)|\b(en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\b", re.I)),
    (re.compile(r"\b(vem|vilka|vilken|who)\b", re.I),
     re.compile(r"\b(ansvar\w*|[A-ZÅÄÖ]{2,}|[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+)|" + _WHO_NOUNS)),
)
KIND_BONUS = 0.4


def _kind_bonus(question: str, piece: str) -> float:
    """A bonus for a piece that holds the kind of fact the question asks for: the share it holds of
    the forms the question names (a share, how often and how long, a phone number …), else whether it
    holds the general kind its question word asks for (a date for "när", a name for "vem")."""
    if asked_forms(question):
        return EXACT_BONUS * asked_form_share(question, piece)
    for asks, shows in _KINDS:
        if asks.search(question):
            return KIND_BONUS if shows.search(piece) else 0.0
    return 0.0


def _whole_row(passage: Passage) -> bool:
    """Whether the passage is a table row to quote whole: a row answers who / what / when together,
    unless it is longer than an answer may be (a cell listing many efforts); then its windows are
    quoted like any passage's."""
    chunk = passage.chunk
    return chunk.kind == TABLE_ROW and (word_count(chunk.text) <= MAX_ANSWER_WORDS or not passage.windows)


def _pieces(passage: Passage) -> list[tuple[str, float]]:
    """The quotable pieces of a passage with their similarity to the question, in text order."""
    chunk = passage.chunk
    if _whole_row(passage):
        return [(chunk.text, passage.dense_score)]
    if passage.windows:
        # The section title is shown with the citation; the quote starts after it, unless the title
        # is long enough to be a statement of its own ("Mötesstruktur NOSAM 3 tim./5-6 vecka …").
        title = chunk.section.split(" › ")[-1] if chunk.section else ""
        label = bool(title) and chunk.text.startswith(title) and word_count(title) <= SHORT_LINE
        heading = len(title) if label else 0
        pieces = []
        for lo, hi, score in sorted(passage.windows):
            lo = max(lo, heading)
            text = chunk.text[lo:hi].strip()
            if text:
                pieces.append((text, score))
        return pieces
    return [(sentence, passage.dense_score) for sentence in split_sentences(chunk.text)]


def _trimmed(piece: str, weights: dict[str, float], question: str = "") -> str:
    """Drop sentences at either end of a window that share no word with the question, as long as
    one in it does: a window is cut by length, and may begin in the sentence before the answer.
    A sentence that holds the form the question asks for ("80%" for "Hur stor andel …") stays."""
    sentences = split_sentences(piece)
    forms = asked_forms(question)
    shares = [any(t in weights for t in terms(sentence)) or any(form.search(sentence) for form in forms)
              for sentence in sentences]
    if len(sentences) < 2 or not any(shares):
        return piece
    first = shares.index(True)
    last = len(shares) - 1 - shares[::-1].index(True)
    # A line that ends in a colon introduces what follows it ("Inom SAMLA samverkar:" and its list).
    if any(sentence.rstrip().endswith(":") for sentence in sentences[first:last + 1]):
        last = len(sentences) - 1
    return " ".join(sentence.strip() for sentence in sentences[first:last + 1])


# The least a question word weighs when every piece read has it (0.5 cost the dev set an answer).
LOCAL_FLOOR = 0.7


def _local_weights(weights: dict[str, float], pieces: Sequence[set[str]]) -> dict[str, float]:
    """Weigh down the question's words that most pieces share.

    The passages read were retrieved for the question's topic, so its name ("Mini-Maria") is in
    nearly every piece, and tells them apart no more than "och" does. What the question asks
    about the topic ("betalar": the financing) is in few, and should decide."""
    if not pieces:
        return weights
    count = len(pieces)
    spread = math.log((count + 1) / 0.5)

    def rarity(term: str) -> float:  # 1 for a word no piece has, near 0 for one that every piece has
        return math.log((count + 1) / (sum(term in piece for piece in pieces) + 0.5)) / spread

    return {term: weight * (LOCAL_FLOOR + (1 - LOCAL_FLOOR) * rarity(term)) for term, weight in weights.items()}


def _candidates(index: BM25, question: str, passages: Sequence[Passage]) -> list[_Candidate]:
    plain = in_plain_words(question)
    weights = term_weights(index, plain)
    found = []
    for passage in passages[:PASSAGES_READ]:
        for window, similarity in _pieces(passage):
            piece = window if _whole_row(passage) else _trimmed(window, weights, question)
            found.append((passage, piece, similarity, _piece_terms(piece, passage.chunk.section)))
    weights = _local_weights(weights, [piece_terms for *_, piece_terms in found])
    shown = share_shown(word_groups(index, plain), weights)
    candidates = []
    for order, (passage, piece, similarity, piece_terms) in enumerate(found):
        overlap = shown(piece_terms)
        # Similarity decides among pieces; shared rare words and an early passage break ties.
        closeness = max(similarity - SIMILARITY_FLOOR, 0.0) * SIMILARITY_SCALE
        prior = 0.3 / passage.rank
        brevity = 0.5 if word_count(piece) < 4 else 1.0
        score = (closeness + overlap + prior + _kind_bonus(question, piece)) * brevity
        candidates.append(_Candidate(passage, piece, score, order))
    return candidates


def _choose(candidates: Sequence[_Candidate]) -> list[_Candidate]:
    ranked = sorted(candidates, key=lambda c: (-c.score, c.order))
    chosen: list[_Candidate] = []
    words = 0
    for candidate in ranked:
        if len(chosen) == MAX_SENTENCES or (chosen and candidate.score < 0.6 * chosen[0].score):
            break
        size = word_count(candidate.text)
        if chosen and words + size > MAX_ANSWER_WORDS:
            continue
        chosen.append(candidate)
        words += size
    # Read in document order within each passage, passages in rank order.
    return sorted(chosen, key=lambda c: c.order)


def compose_answer(index: BM25, question: str, passages: Sequence[Passage], supported: bool = True) -> Answer:
    """Return a cited extractive answer, or (not supported) a plain not-found answer with nearby passages."""
    if not supported or not passages:
        return Answer(question, NOT_FOUND, False, (), tuple(passages[:RELATED]))
    numbers: dict[str, int] = {}
    quotes: dict[str, list[str]] = {}
    parts = []
    for candidate in _choose(_candidates(index, question, passages)):
        chunk = candidate.passage.chunk
        number = numbers.setdefault(chunk.chunk_id, len(numbers) + 1)
        quotes.setdefault(chunk.chunk_id, []).append(candidate.text)
        parts.append(f"{candidate.text} [{number}]")
    by_id = {p.chunk.chunk_id: p.chunk for p in passages}
    citations = tuple(
        Citation(n, by_id[chunk_id], " … ".join(quotes[chunk_id]), chunk_url(by_id[chunk_id]))
        for chunk_id, n in numbers.items()
    )
    return Answer(question, " ".join(parts), True, citations, ())
