"""The chat page; everything it does after loading goes through the JSON API."""

from __future__ import annotations

from flask import Blueprint, render_template

from assistant.web.state import current_settings

chat = Blueprint("chat", __name__)

# Questions the sample corpus answers, offered on an empty conversation.
EXAMPLE_QUESTIONS = (
    "Vem ansvarar för SIP för barn och unga?",
    "Vad är Mini Maria?",
    "Vad handlade Stor-NOSAM om hösten 2025?",
    "Hur ofta träffas teamen från socialmedicinsk mottagning?",
)


@chat.get("/")
def index() -> str:
    """Show the chat page (it opens no index: the first question does)."""
    settings = current_settings()
    return render_template("index.html", examples=EXAMPLE_QUESTIONS, max_question_chars=settings.max_question_chars,
                           has_model=bool(settings.llm_url))
