"""Staff feedback on answers, kept in SQLite beside the index and exported as evaluation questions.

    index/
      feedback.sqlite   one row per rated answer; it sits beside the gen-* folders, so a rebuild
                        (which replaces only those) keeps it

Each row holds the question, the answer, its citations (as the ask JSON gives them), a rating of
+1 (helpful) or -1 (not helpful) and an optional comment. `evaluation_line` turns a row into a line
of the question format in shared/eval/README.md, so real questions can grow the evaluation set.
Questions may hold personal details: rows are deleted after the retention period (see `retention`)
or one by one by an administrator, and SQLite overwrites what it deletes.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

FILE_NAME = "feedback.sqlite"
HELPFUL = 1
NOT_HELPFUL = -1
# Evidence is matched as a substring of a passage, so a sentence's first words are enough.
EVIDENCE_CHARS = 100
MIN_EVIDENCE_CHARS = 12
# `created` is local time in this form, so that comparing the texts compares the times.
CREATED_FORMAT = "%Y-%m-%d %H:%M:%S"
DAY_SECONDS = 24 * 60 * 60

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, question TEXT NOT NULL,
    answer TEXT NOT NULL, found INTEGER NOT NULL, citations TEXT NOT NULL, rating INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '', key TEXT NOT NULL
);
"""
COLUMNS = "id, created, question, answer, found, citations, rating, comment"


@dataclass(frozen=True)
class CitedPassage:
    """One citation of a rated answer, with the fields of the ask JSON's citations."""

    n: int
    document: str
    title: str
    section: str
    page: int | None
    chunk_id: str
    quote: str
    url: str


@dataclass(frozen=True)
class Feedback:
    """A staff member's rating of one answer; `id` and `created` are set by the store."""

    question: str
    answer: str
    found: bool
    citations: tuple[CitedPassage, ...]
    rating: int
    comment: str = ""
    id: int = 0
    created: str = ""

    @property
    def helpful(self) -> bool:
        """Tell whether the staff member found the answer helpful."""
        return self.rating == HELPFUL


def feedback_path(index_folder: Path) -> Path:
    """Return where the feedback of an index folder is kept."""
    return index_folder / FILE_NAME


class FeedbackStore:
    """The feedback file: add a rating, amend it with its key, and read them back."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Waitress serves several threads; each call gets its own connection and one transaction.
        with closing(sqlite3.connect(self.path, timeout=10)) as db:
            # A deleted question is overwritten in the file, not only marked free.
            db.execute("PRAGMA secure_delete = ON")
            with db:
                db.executescript(SCHEMA)
                yield db

    def add(self, feedback: Feedback) -> tuple[int, str]:
        """Store a rating; return its id and the key that lets the same page amend it."""
        key = secrets.token_urlsafe(18)
        citations = json.dumps([asdict(c) for c in feedback.citations], ensure_ascii=False)
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created, question, answer, found, citations, rating, comment, key) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (created_stamp(time.time()), feedback.question, feedback.answer, int(feedback.found),
                 citations, feedback.rating, feedback.comment, key),
            )
            return int(cursor.lastrowid or 0), key

    def amend(self, feedback_id: int, key: str, rating: int | None = None, comment: str | None = None) -> bool:
        """Change a stored rating or comment when the key matches; tell whether it did."""
        with self._connect() as db:
            row = db.execute("SELECT key FROM feedback WHERE id = ?", (feedback_id,)).fetchone()
            if row is None or not hmac.compare_digest(str(row[0]).encode(), key.encode()):
                return False
            if rating is not None:
                db.execute("UPDATE feedback SET rating = ? WHERE id = ?", (rating, feedback_id))
            if comment is not None:
                db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (comment, feedback_id))
            return True

    def delete(self, feedback_id: int) -> bool:
        """Delete one rating with its question, answer and comment; tell whether it was there."""
        if not self.path.exists():
            return False
        with self._connect() as db:
            return db.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,)).rowcount > 0

    def delete_older_than(self, days: int) -> int:
        """Delete the ratings stored more than `days` days ago; return how many were deleted."""
        if not self.path.exists():
            return 0
        # Local time: a daylight-saving change moves the limit by an hour, which a retention in days allows.
        cutoff = created_stamp(time.time() - days * DAY_SECONDS)
        with self._connect() as db:
            return db.execute("DELETE FROM feedback WHERE created < ?", (cutoff,)).rowcount

    def entries(self, rating: int | None = None, limit: int | None = None) -> list[Feedback]:
        """Return the stored feedback, newest first, optionally only one rating and at most `limit`."""
        if not self.path.exists():
            return []
        where, arguments = ("WHERE rating = ?", [rating]) if rating is not None else ("", [])
        query = f"SELECT {COLUMNS} FROM feedback {where} ORDER BY id DESC LIMIT ?"
        with self._connect() as db:
            rows = db.execute(query, (*arguments, -1 if limit is None else limit)).fetchall()
        return [_from_row(row) for row in rows]

    def counts(self) -> dict[int, int]:
        """Return how many ratings of each kind are stored: `{HELPFUL: n, NOT_HELPFUL: m}`."""
        counts = {HELPFUL: 0, NOT_HELPFUL: 0}
        if self.path.exists():
            with self._connect() as db:
                counts.update(db.execute("SELECT rating, COUNT(*) FROM feedback GROUP BY rating").fetchall())
        return counts


def created_stamp(seconds: float) -> str:
    """Return a moment (seconds since the epoch) as the store's `created` text, in local time."""
    return time.strftime(CREATED_FORMAT, time.localtime(seconds))


def _from_row(row: tuple[Any, ...]) -> Feedback:
    feedback_id, created, question, answer, found, citations, rating, comment = row
    cited = tuple(CitedPassage(**c) for c in json.loads(citations))
    return Feedback(question, answer, bool(found), cited, int(rating), comment, int(feedback_id), created)


def evidence_phrases(citations: tuple[CitedPassage, ...]) -> list[str]:
    """Return short verbatim pieces of the cited quotes, each a phrase the evaluation can look for."""
    phrases: list[str] = []
    for citation in citations:
        # A quote joins the passage's sentences with "…"; each piece is verbatim passage text.
        for piece in citation.quote.split("…"):
            phrase = _first_words(re.sub(r"\s+", " ", piece).strip(), EVIDENCE_CHARS)
            if len(phrase) >= MIN_EVIDENCE_CHARS and phrase not in phrases:
                phrases.append(phrase)
                break
    return phrases


def _first_words(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def evaluation_line(feedback: Feedback) -> dict[str, Any]:
    """Return a rating as a question line of shared/eval/dev.jsonl (see the mapping in the README).

    Helpful and found: the cited passages are the evidence. Helpful and not found: the staff
    member agrees that the documents don't say, so the question is `absent`. Not helpful: the
    evidence is unknown, so `evidence` stays empty for a person to fill in. `answer` always
    starts empty; `rating` and `comment` are kept as extra keys, which the evaluation ignores.
    """
    line: dict[str, Any] = {"id": f"fb-{feedback.id}", "q": feedback.question, "evidence": [], "answer": []}
    if feedback.helpful and feedback.found:
        line["evidence"] = evidence_phrases(feedback.citations)
    if feedback.helpful and not feedback.found:
        line["absent"] = True
    line["rating"] = feedback.rating
    if feedback.comment:
        line["comment"] = feedback.comment
    return line
