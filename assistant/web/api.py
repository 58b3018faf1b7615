"""The JSON API the chat page talks to: `POST /api/ask` and `GET /api/search`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request

from assistant.answering.present import answer_json, search_json
from assistant.web.ops import note_answer
from assistant.web.state import current_assistant, current_settings, require_question, shorten_question

api = Blueprint("api", __name__, url_prefix="/api")

# Follow-ups lean on the last few turns only; older ones are dropped rather than refused.
HISTORY_TURNS = 20
MAX_K = 50


def read_history(value: object) -> list[tuple[str, str]]:
    """Return `[{"question", "answer"}, …]` as (question, answer) pairs, or stop with a 400."""
    if value is None:
        return []
    wrong = 'Fältet "history" måste vara en lista med {"question": text, "answer": text}.'
    if not isinstance(value, list):
        abort(400, wrong)
    turns: list[tuple[str, str]] = []
    for turn in value:
        if not isinstance(turn, dict):
            abort(400, wrong)
        question, answer = turn.get("question"), turn.get("answer")
        if not isinstance(question, str) or not isinstance(answer, str):
            abort(400, wrong)
        turns.append((question, answer))
    return turns[-HISTORY_TURNS:]


def read_k(value: str | None, default: int) -> int:
    """Return the number of hits asked for, clamped to 1..MAX_K, or stop with a 400."""
    if value is None or not value.strip():
        return default
    try:
        k = int(value)
    except ValueError:
        abort(400, f'Parametern "k" måste vara ett heltal mellan 1 och {MAX_K}.')
    return max(1, min(MAX_K, k))


@api.post("/ask")
def ask() -> dict[str, Any]:
    """Answer a question, with the earlier turns of the conversation for follow-ups (`history`)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, 'Förfrågan måste vara JSON, till exempel {"question": "Vad är Mini Maria?"}.')
    question = require_question(body.get("question"), "question")
    history = read_history(body.get("history"))
    # With a model configured, answers are written by it unless the caller asks for the quoted one
    # ("generate": false); the page does so first, to show an answer while the model writes.
    generate = body.get("generate", True)
    if not isinstance(generate, bool):
        abort(400, 'Fältet "generate" måste vara true eller false.')
    question, truncated = shorten_question(question, current_settings().max_question_chars)
    assistant = current_assistant()
    answer = assistant.ask(question, history, generate=generate)
    note_answer(question, answer.found, answer.mode, answer.fallback, generate and assistant.has_model and answer.found)
    return {**answer_json(answer), "truncated": truncated}


@api.get("/search")
def search() -> dict[str, Any]:
    """Return the passages that best match `q` (at most `k`)."""
    settings = current_settings()
    question = require_question(request.args.get("q"), "q")
    k = read_k(request.args.get("k"), settings.top_k)
    question, truncated = shorten_question(question, settings.max_question_chars)
    passages = current_assistant().search(question, k)
    return {**search_json(question, passages), "truncated": truncated}
