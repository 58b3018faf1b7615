"""Understanding a question before retrieval: follow-ups resolved against the conversation, codes
the documents never hold left out, and misspelt words read as the word the documents use."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Sequence

from assistant.indexing.bm25 import BM25
from assistant.ingest.terms import WORD, stem, words
from assistant.search.lexicon import forms_of

# Words that point back to something said earlier in the conversation.
_BACK_REFERENCES = frozenset(
    "det den dem de detta denna dessa där dit dess deras han hon hen it they that this those them".split()
)
_FOLLOW_UP_OPENERS = re.compile(r"^\s*(och|men|samt|också|även|and|but|what about|vad gäller)\b", re.IGNORECASE)
_MAX_FOLLOW_UP_WORDS = 9
_CODE = re.compile(rf"#?(?:{WORD.pattern})")


def is_follow_up(question: str) -> bool:
    """Tell whether a question leans on an earlier one ("Och när ska det vara klart?")."""
    tokens = words(question)
    if not tokens:
        return False
    if _FOLLOW_UP_OPENERS.match(question):
        return True
    return len(tokens) <= _MAX_FOLLOW_UP_WORDS and any(t in _BACK_REFERENCES for t in tokens)


def resolve_follow_up(question: str, history: Sequence[tuple[str, str]]) -> str:
    """Return the question to search with: a follow-up is joined to the last question it leans on."""
    earlier = [q for q, _answer in history if q.strip()]
    if not earlier or not is_follow_up(question):
        return question
    return f"{earlier[-1].strip()} {question.strip()}"


def without_unknown_codes(question: str, vocabulary: Container[str]) -> str:
    """Leave out codes the documents never contain ("#k7n46", "ärende 24b113"): letters mixed with
    digits that match nothing can only pull the search away from the question's real words."""
    def keep(match: re.Match[str]) -> str:
        token = match.group().lstrip("#").lower()
        # A hyphenated name such as "COVID-19" is a word, not a code.
        is_code = "-" not in token and any(c.isdigit() for c in token) and any(c.isalpha() for c in token)
        return "" if is_code and stem(token) not in vocabulary else match.group()

    shorter = " ".join(_CODE.sub(keep, question).split())
    return shorter or question


# Words that mark a question as English; a Swedish question hardly ever has two of them. An
# apostrophe parts words here ("what's" shows "what").
_ENGLISH_MARKERS = frozenset("the is are was were what who when where which how does do did of and with".split())
_PLAIN_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def is_english(question: str) -> bool:
    """Whether the question reads as English (two or more English function words)."""
    return sum(word.lower() in _ENGLISH_MARKERS for word in _PLAIN_WORD.findall(question)) >= 2


# A word is read as misspelt only when it is this long: a short word one letter off is as often
# another real word ("katt", "kart"). The corrected word's stem must be as long.
SPELLING_MIN = 7
SPELLING_STEM_MIN = 5
_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöé"


def _one_edit(word: str) -> set[str]:
    """Every string one edit from the word: a letter left out, two swapped, one changed, one added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({head + tail[1:] for head, tail in splits if tail}
            | {head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1}
            | {head + letter + tail[1:] for head, tail in splits if tail for letter in _LETTERS}
            | {head + letter + tail for head, tail in splits for letter in _LETTERS})


def _respelt(word: str, lexical: BM25) -> str | None:
    """The spelling one edit away whose stem the documents use, for a word they know in no form;
    the most specific (longest stem), then the most common. None when there is none."""
    vocabulary = lexical.vocabulary
    if len(word) < SPELLING_MIN or not word.isalpha() or any(form in vocabulary for form in forms_of(word, vocabulary)):
        return None
    known = {}
    # A slip of the pen keeps the first letter. An edit to the last two letters makes another
    # inflection ("program"/"programm", "godkänt"/"godkänd"), and so does one that leaves a known stem
    # the word begins with ("godkände" → "godkän|ade"): the stemmer missed an ending, the word is
    # spelt right.
    for candidate in (c for c in _one_edit(word) if c[:1] == word[:1] and c[-2:] == word[-2:]):
        # Snowball only cuts endings, so a known stem is a known beginning: most candidates are
        # ruled out by looking up their beginnings, without stemming them.
        if not any(candidate[:size] in vocabulary for size in range(SPELLING_STEM_MIN, len(candidate) + 1)):
            continue
        form = stem(candidate)
        if len(form) >= SPELLING_STEM_MIN and form in vocabulary and not word.startswith(form):
            known[candidate] = (-len(form), float(lexical.idf[vocabulary[form]]), candidate)
    return min(known, key=known.__getitem__) if known else None


def corrected_spelling(question: str, lexical: BM25) -> str:
    """The question with each misspelt word ("utbildingar", "förebyga", "pyskiatri") in the spelling
    the documents use: a long lowercase word that the documents know in no form, one letter from
    one they do. Names (capitalised) and English questions (whose words the lexicon reads) are left."""
    if is_english(question):
        return question

    def respell(match: re.Match[str]) -> str:
        word = match.group()
        return (word.islower() and _respelt(word, lexical)) or word

    return _CODE.sub(respell, question)


def as_searched(question: str, lexical: BM25) -> str:
    """The question as it is searched with: unknown codes left out, misspelt words respelt."""
    return corrected_spelling(without_unknown_codes(question, lexical.vocabulary), lexical)


def tidy_question(question: str, limit: int) -> tuple[str, bool]:
    """Return the question on one line without control characters, cut to `limit` characters, and whether it was cut.

    The cut falls at a word when one ends near the limit.
    """
    kept = (" " if unicodedata.category(ch) == "Cc" else ch for ch in question
            if unicodedata.category(ch) != "Cs")  # a lone surrogate from JSON cannot be encoded back
    text = " ".join(unicodedata.normalize("NFC", "".join(kept)).split())
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip(), True

