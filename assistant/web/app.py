"""The Flask app factory: blueprints, security headers, and the one place errors become pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, Response, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from assistant.errors import AssistantError, IndexMismatch, IndexMissing, InvalidQuestion
from assistant.settings import Settings, load_settings
from assistant.web.activities import activities
from assistant.web.admin import admin
from assistant.web.api import api
from assistant.web.auth import auth, csrf_token, is_admin, persistent_secret, require_site_login
from assistant.web.chat import chat
from assistant.web.documents import documents
from assistant.web.feedback import feedback
from assistant.web.state import EXTENSION, AssistantSlot

if TYPE_CHECKING:
    from assistant.core import Assistant

WEB = Path(__file__).resolve().parents[2] / "web"

# No inline script or style anywhere: every page's behaviour lives in web/static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

# What a staff member reads instead of Werkzeug's English defaults.
HTTP_MESSAGES = {
    400: "Förfrågan kunde inte läsas.",
    404: "Sidan finns inte. Kontrollera adressen eller gå tillbaka till startsidan.",
    405: "Den här adressen tar inte emot den sortens förfrågan.",
    413: "Förfrågan är för stor.",
    500: "Något gick fel på servern. Försök igen om en stund.",
}
HTTP_TITLES = {400: "Felaktig förfrågan", 404: "Sidan finns inte", 500: "Något gick fel", 503: "Tjänsten är inte redo"}


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> Flask:
    """Build the web app; the index is opened on the first request that needs it, unless given."""
    if settings is None:
        settings = assistant.settings if assistant is not None else load_settings()
    app = Flask(__name__, template_folder=str(WEB / "templates"), static_folder=str(WEB / "static"))
    app.config["MAX_CONTENT_LENGTH"] = settings.upload_max_bytes
    app.config["SECRET_KEY"] = settings.secret_key or persistent_secret(settings.index)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Strict"
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Swedish stays readable in the JSON
    app.extensions[EXTENSION] = AssistantSlot(settings, assistant)
    for blueprint in (chat, api, documents, activities, auth, admin, feedback):
        app.register_blueprint(blueprint)
    app.before_request(require_site_login)
    app.jinja_env.globals.update(csrf_token=csrf_token, is_admin=is_admin)
    app.register_error_handler(AssistantError, handle_assistant_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.after_request(add_security_headers)
    return app


def add_security_headers(response: Response) -> Response:
    """Add the content security policy and its companions to every response."""
    # A view that serves something other than a page (the original file) sets its own policy.
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def handle_assistant_error(error: AssistantError) -> ResponseReturnValue:
    """Turn an AssistantError into its message; a missing or mismatched index means 'not ready'."""
    status = 503 if isinstance(error, (IndexMissing, IndexMismatch)) else 500
    if isinstance(error, InvalidQuestion):
        status = 400
    return render_problem(status, str(error) or HTTP_MESSAGES[500])


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    """Turn an HTTP error (and any unexpected exception, as a 500) into a page without a stack trace."""
    status = error.code or 500
    # A view's own abort(…, message) is already Swedish; Werkzeug's class defaults are not.
    own = error.description if error.description != type(error).description else None
    if status >= 500:
        own = None
    body, status = render_problem(status, own or HTTP_MESSAGES.get(status, HTTP_MESSAGES[500]))
    # Keep the headers an HTTP error must carry, such as Allow on a 405.
    kept = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
    return body, status, kept


def render_problem(status: int, message: str) -> tuple[Response | str, int]:
    """Render an error as `{"error": message}` for the API, or as a Swedish page for people."""
    if request.path.startswith("/api/"):
        return jsonify(error=message), status
    title = HTTP_TITLES.get(status, "Något gick fel")
    return render_template("error.html", status=status, title=title, message=message), status
