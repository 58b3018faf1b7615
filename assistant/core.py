"""The assistant's core: open the index, search it, and answer questions. Knows nothing of the web."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.activities.register import ActivityFilter, filter_activities
from assistant.answering.compose import answer_from_passages
from assistant.answering.generate import generate_answer
from assistant.answering.reader import load_parameters
from assistant.answering.register import answer_from_register
from assistant.answering.units import PASSAGES_READ
from assistant.embedding.base import Embedder
from assistant.embedding.e5 import create_embedder
from assistant.errors import IndexMissing, InvalidQuestion
from assistant.indexing.store import CURRENT, StoredIndex
from assistant.indexing.versions import mark_superseded, prefer_newest
from assistant.models import Activity, Answer, Chunk, DocumentInfo, LoadFailure, Passage
from assistant.search.question import as_searched, resolve_follow_up, tidy_question
from assistant.search.retrieve import search
from assistant.settings import Settings


@dataclass(frozen=True)
class Retrieved:
    """What was found for a question: the index it was found in, the question as searched, its vector, the passages."""

    index: StoredIndex
    question: str
    query: str
    vector: np.ndarray
    passages: list[Passage]


class Assistant:
    """Answers questions from the index in `settings.index`, and follows it when it is rebuilt."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or create_embedder(settings)
        # Loaded before the first question wherever one is asked from (server, command line,
        # evaluation), so that a question gets the same answer from each.
        load_question_engine = getattr(self.embedder, "load_question_engine", None)
        if settings.question_engine and load_question_engine is not None:
            load_question_engine()
        self._lock = threading.Lock()
        self._index = StoredIndex(settings.index, self.embedder.name)
        self._stamp = self._current_stamp()

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> Assistant:
        """Open the index named by the settings (raises IndexMissing or IndexMismatch)."""
        return cls(settings, embedder)

    def _current_stamp(self) -> str:
        try:
            return (self.settings.index / CURRENT).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    @property
    def index(self) -> StoredIndex:
        """The index in use; a newly switched-in index is opened on the next call.

        A request keeps the StoredIndex object it got, so a query in flight finishes on the
        index it started with even if another request switches to a newer one.
        """
        stamp = self._current_stamp()
        # One request opens the new index; the others meanwhile go on with the old one, unblocked.
        if stamp and stamp != self._stamp and self._lock.acquire(blocking=False):
            try:
                if stamp != self._stamp:
                    self._index = StoredIndex(self.settings.index, self.embedder.name)
                    self._stamp = stamp
            except (IndexMissing, OSError):
                # The new generation vanished under us (a quicker rebuild); keep the old one.
                pass
            finally:
                self._lock.release()
        return self._index

    def search(self, question: str, k: int = 5) -> list[Passage]:
        """Return the k passages that best match a question."""
        index = self.index
        return self._search(index, as_searched(self._tidy(question), index.lexical), k)

    def _search(self, index: StoredIndex, question: str, k: int, vector: np.ndarray | None = None) -> list[Passage]:
        # Twice as deep, so that the newest version of a plan can take an older version's place.
        return prefer_newest(search(index, self.embedder, question, 2 * k, vector), index.superseded)[:k]

    def retrieve(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Retrieved:
        """Find the passages for a question, read in the light of the conversation before it."""
        question = self._tidy(question)
        history = [(tidy_question(q, self.settings.max_question_chars)[0], a) for q, a in history]
        index = self.index
        query = as_searched(resolve_follow_up(question, history), index.lexical)
        vector = self.embedder.embed_queries([query])[0]
        passages = self._search(index, query, max(self.settings.top_k, PASSAGES_READ), vector)
        return Retrieved(index, question, query, vector, passages)

    @property
    def has_model(self) -> bool:
        """Whether a language model is configured to write answers (`settings.llm_url`)."""
        return bool(self.settings.llm_url)

    def ask(self, question: str, history: Sequence[tuple[str, str]] = (), generate: bool = True) -> Answer:
        """Answer a question, reading a follow-up in the light of the conversation before it.

        With a model configured and `generate`, the model writes the answer from the passages
        (checked against them); otherwise, or when it gives nothing that holds, the answer quotes them.
        """
        found = self.retrieve(question, history)
        index, query, passages = found.index, found.query, found.passages
        # Who / when questions about an activity are answered from the register when a row matches.
        answer = answer_from_register(query, index.register, index.lexical, index.activity_chunks, passages)
        if answer is None:
            answer = answer_from_passages(index, self.embedder, query, found.vector, passages, load_parameters())
        answer = replace(answer, question=found.question)
        if generate and self.has_model:
            answer = generate_answer(self.settings, answer, history, passages)
        return mark_superseded(answer, index.superseded)

    def _tidy(self, question: str) -> str:
        # Whoever asks (web, CLI, a script), the question gets the same limits: no control characters,
        # at most `max_question_chars` (a huge question would take minutes to search), and not empty.
        tidied, _cut = tidy_question(question, self.settings.max_question_chars)
        if not tidied:
            raise InvalidQuestion("Frågan är tom. Skriv en fråga.")
        return tidied

    def activities(self, **filters: Any) -> list[Activity]:
        """Return the activity register, narrowed by `ActivityFilter` fields (responsible=…, deadline_year=…)."""
        return filter_activities(self.index.activities, ActivityFilter(**filters))

    def documents(self) -> list[DocumentInfo]:
        """Return every indexed document, by title."""
        return list(self.index.documents.values())

    def failures(self) -> list[LoadFailure]:
        """Return the corpus files that could not be read at the last build, with reasons."""
        return list(self.index.failures)

    def document(self, doc_id: str) -> tuple[DocumentInfo, str, list[Chunk]] | None:
        """Return a document's record, whole cleaned text and chunks, or None for an unknown id."""
        index = self.index
        info = index.documents.get(doc_id)
        text = index.document_text(doc_id) if info else None
        if info is None or text is None:
            return None
        return info, text, [c for c in index.chunks if c.doc_id == doc_id]

    def source_file(self, doc_id: str) -> Path | None:
        """Return the original corpus file of a known document id; never builds a path from input."""
        info = self.index.documents.get(doc_id)
        if info is None:
            return None
        corpus = self.settings.corpus.resolve()
        path = (corpus / info.path).resolve()
        if not path.is_relative_to(corpus) or path.is_symlink() or not path.is_file():
            return None
        return path
