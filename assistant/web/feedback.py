"""Feedback on answers: the chat page rates them (`POST /api/feedback`), administrators read, export and
delete them (expired ones are deleted by `retention`)."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from assistant.web.auth import LoginThrottle, require_admin
from assistant.web.errors import wants_json
from assistant.web.feedback_store import (
    HELPFUL,
    NOT_HELPFUL,
    CitedPassage,
    Feedback,
    FeedbackStore,
    evaluation_line,
    feedback_path,
)
from assistant.web.state import current_settings, require_question

feedback = Blueprint("feedback", __name__)

log = logging.getLogger(__name__)

# Limits that keep one client from filling the disk: a rating is small, so its request is too.
MAX_BODY_BYTES = 64_000
MAX_ANSWER_CHARS = 20_000
MAX_COMMENT_CHARS = 2_000
MAX_CITATIONS = 30
MAX_FIELD_CHARS = 500
MAX_QUOTE_CHARS = 5_000
# Ratings per client address per window; generous, since a whole office may share one address.
RATINGS_PER_WINDOW = 120
RATING_WINDOW = 600.0
LIMITER = "plan_assistant_feedback_limit"
LISTED = 500
RATINGS = {"up": HELPFUL, "down": NOT_HELPFUL}


def current_store() -> FeedbackStore:
    """Return the feedback store beside the current app's index."""
    return FeedbackStore(feedback_path(current_settings().index))


def read_body() -> dict[str, Any]:
    """Return the request's JSON object, or stop with a 413 or 400."""
    if (request.content_length or 0) > MAX_BODY_BYTES:
        abort(413)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, 'Förfrågan måste vara JSON, till exempel {"rating": 1, "question": …}.')
    return body


def read_text(body: dict[str, Any], field: str, limit: int, required: bool = True) -> str:
    """Return a text field of at most `limit` characters, or stop with a 400 that names it."""
    value = body.get(field, None if required else "")
    if not isinstance(value, str):
        abort(400, f'Fältet "{field}" måste vara text.')
    if len(value) > limit:
        abort(400, f'Fältet "{field}" är för långt (högst {limit} tecken).')
    return value.strip()


def read_rating(value: object) -> int:
    """Return +1 or -1, or stop with a 400."""
    # bool is an int in Python; true/false is not a rating.
    if isinstance(value, bool) or value not in (HELPFUL, NOT_HELPFUL):
        abort(400, 'Fältet "rating" måste vara 1 (till hjälp) eller -1 (inte till hjälp).')
    return HELPFUL if value == HELPFUL else NOT_HELPFUL


def read_citation(value: object) -> CitedPassage:
    """Return one citation as the ask JSON gave it, or stop with a 400."""
    wrong = 'Varje källa i "citations" måste ha fälten från svaret (n, title, section, page, chunk_id, quote, url).'
    if not isinstance(value, dict):
        abort(400, wrong)
    n, page, url = value.get("n"), value.get("page"), value.get("url")
    if isinstance(n, bool) or not isinstance(n, int) or not (page is None or type(page) is int):
        abort(400, wrong)
    # The admin page links to it: only the app's own source view, never another scheme or site.
    if not isinstance(url, str) or not url.startswith("/documents/") or len(url) > MAX_FIELD_CHARS:
        abort(400, wrong)
    texts = {field: value.get(field, "") for field in ("document", "title", "section", "chunk_id", "quote")}
    for field, text in texts.items():
        limit = MAX_QUOTE_CHARS if field == "quote" else MAX_FIELD_CHARS
        if not isinstance(text, str) or len(text) > limit:
            abort(400, wrong)
    return CitedPassage(n=n, page=page, url=url, **texts)


def read_feedback(body: dict[str, Any]) -> Feedback:
    """Return the rated answer a request describes, or stop with a 400 that says what is wrong."""
    question = require_question(body.get("question"), "question")
    if len(question) > current_settings().max_question_chars:
        abort(400, "Frågan är för lång.")
    found = body.get("found")
    if not isinstance(found, bool):
        abort(400, 'Fältet "found" måste vara true eller false.')
    citations = body.get("citations", [])
    if not isinstance(citations, list) or len(citations) > MAX_CITATIONS:
        abort(400, f'Fältet "citations" måste vara en lista med högst {MAX_CITATIONS} källor.')
    return Feedback(
        question=question.strip(),
        answer=read_text(body, "answer", MAX_ANSWER_CHARS),
        found=found,
        citations=tuple(read_citation(c) for c in citations),
        rating=read_rating(body.get("rating")),
        comment=read_text(body, "comment", MAX_COMMENT_CHARS, required=False),
    )


def check_rate() -> None:
    """Refuse a client that has sent too many ratings lately (counted like failed logins)."""
    limiter = current_app.extensions.setdefault(LIMITER, LoginThrottle(RATINGS_PER_WINDOW, RATING_WINDOW))
    client = request.remote_addr or "?"
    if limiter.blocked(client):
        abort(429, "För många omdömen på kort tid. Vänta en stund och försök igen.")
    limiter.failed(client)


@feedback.post("/api/feedback")
def give() -> ResponseReturnValue:
    """Store a rating of an answer; the reply's id and key let the same page amend it."""
    # JSON only: a cross-site form cannot send it, so no CSRF token is needed to rate an answer.
    entry = read_feedback(read_body())
    check_rate()
    feedback_id, key = current_store().add(entry)
    return {"id": feedback_id, "key": key}, 201


@feedback.post("/api/feedback/<int:feedback_id>")
def amend(feedback_id: int) -> dict[str, Any]:
    """Change the rating or add the comment of a stored rating, given its key."""
    body = read_body()
    key = read_text(body, "key", 100)
    rating = read_rating(body["rating"]) if "rating" in body else None
    comment = read_text(body, "comment", MAX_COMMENT_CHARS) if "comment" in body else None
    if not current_store().amend(feedback_id, key, rating, comment):
        abort(404, "Omdömet finns inte.")
    return {"id": feedback_id}


def read_rating_filter() -> int | None:
    """Return the rating asked for with `?rating=up|down`, or None for all."""
    value = request.args.get("rating", "")
    if value and value not in RATINGS:
        abort(400, 'Parametern "rating" måste vara up eller down.')
    return RATINGS.get(value)


@feedback.get("/feedback")
@require_admin
def listing() -> str:
    """List the latest ratings for administrators, with links to export them."""
    store = current_store()
    rating = read_rating_filter()
    return render_template(
        "feedback.html", entries=store.entries(rating, LISTED), counts=store.counts(),
        rating=rating, listed=LISTED, HELPFUL=HELPFUL, NOT_HELPFUL=NOT_HELPFUL,
        retention_days=current_settings().retention_days,
    )


@feedback.post("/feedback/<int:feedback_id>/ta-bort")
@require_admin
def delete(feedback_id: int) -> ResponseReturnValue:
    """Delete one rating with its question, answer and comment, and go back to the list."""
    if not current_store().delete(feedback_id):
        abort(404, "Omdömet finns inte.")
    log.info("Omdömet fb-%d togs bort av en administratör.", feedback_id)
    message = f"Omdömet fb-{feedback_id} är borttaget, med sin fråga, sitt svar och sin kommentar."
    if wants_json():
        return {"deleted": feedback_id, "message": message}
    flash(message)
    return redirect(url_for("feedback.listing"), 303)


@feedback.get("/feedback.jsonl")
@require_admin
def export() -> Response:
    """Export ratings as question lines in the format of shared/eval/dev.jsonl, oldest first."""
    entries = reversed(current_store().entries(read_rating_filter()))
    lines = "".join(json.dumps(evaluation_line(e), ensure_ascii=False) + "\n" for e in entries)
    response = Response(lines, mimetype="application/x-ndjson")
    response.headers["Content-Disposition"] = 'attachment; filename="feedback.jsonl"'
    return response
