"""Understanding a question before retrieval: follow-ups resolved against the conversation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Sequence

from assistant.ingest.terms import WORD, stem, words

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

