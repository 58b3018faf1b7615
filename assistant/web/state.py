"""What every blueprint shares: the lazily opened Assistant and the rules for reading requests."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from flask import abort, current_app

from assistant.errors import AssistantError
from assistant.search.question import tidy_question
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.core import Assistant

EXTENSION = "plan_assistant"


def open_assistant(settings: Settings) -> Assistant:
    """Open the Assistant over the settings' index (imported here: FAISS and the model load late)."""
    from assistant.core import Assistant

    return Assistant.open(settings)


class AssistantSlot:
    """Holds the app's Assistant, opening it on first use so that creating the app stays cheap."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None) -> None:
        self.settings = settings
        self._assistant = assistant
        self._lock = threading.Lock()

    def get(self) -> Assistant:
        """Return the Assistant, opening the index now if no request has done so yet."""
        if self._assistant is None:
            with self._lock:
                if self._assistant is None:
                    # A failure (IndexMissing…) is not cached: the next request tries again,
                    # so the page starts working as soon as someone builds the index.
                    self._assistant = open_assistant(self.settings)
        return self._assistant

    def warm_up(self) -> threading.Thread:
        """For the server: open the index (and load the question engine) on a thread of its own;
        a question asked meanwhile waits for it."""
        def work() -> None:
            try:
                self.get()
            except AssistantError:
                return  # no index yet: the page says so, and a later request opens it

        thread = threading.Thread(target=work, name="warm-up", daemon=True)
        thread.start()
        return thread


def current_slot() -> AssistantSlot:
    """Return the slot of the app handling the current request (its Assistant, opened on demand)."""
    slot: AssistantSlot = current_app.extensions[EXTENSION]
    return slot


def current_assistant() -> Assistant:
    """Return the Assistant of the app handling the current request."""
    return current_slot().get()


def current_settings() -> Settings:
    """Return the settings of the app handling the current request (without opening the index)."""
    slot: AssistantSlot = current_app.extensions[EXTENSION]
    return slot.settings


def shorten_question(question: str, limit: int) -> tuple[str, bool]:
    """Return the question cut to at most `limit` characters (at a word if one is near), and whether it was cut."""
    return tidy_question(question, limit)


def require_question(value: object, field: str) -> str:
    """Return a non-empty question string, or stop the request with a 400 that says what is wrong."""
    if value is None:
        abort(400, f'Frågan saknas: ange den i "{field}".')
    if not isinstance(value, str):
        abort(400, f'Frågan i "{field}" måste vara text.')
    if not value.strip():
        abort(400, "Frågan är tom. Skriv en fråga.")
    return value
