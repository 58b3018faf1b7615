"""The Flask app factory: blueprints, security headers, and the error handlers (see `errors`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, Response
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from assistant.answering.present import display_section, page_label
from assistant.errors import AssistantError
from assistant.indexing.versions import document_date
from assistant.settings import Settings, load_settings
from assistant.web.activities import activities
from assistant.web.admin import admin
from assistant.web.api import api
from assistant.web.auth import auth, csrf_token, is_admin, persistent_secret, require_site_login
from assistant.web.chat import chat
from assistant.web.documents import documents
from assistant.web.errors import handle_assistant_error, handle_http_error
from assistant.web.feedback import feedback
from assistant.web.ops import install as install_operations
from assistant.web.retention import start_retention
from assistant.web.state import EXTENSION, AssistantSlot

if TYPE_CHECKING:
    from assistant.core import Assistant

WEB = Path(__file__).resolve().parents[2] / "web"

# No inline script or style anywhere: every page's behaviour lives in web/static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

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
    install_operations(app)  # first: every request gets its id and timing, refused ones too
    for blueprint in (chat, api, documents, activities, auth, admin, feedback):
        app.register_blueprint(blueprint)
    app.before_request(require_site_login)
    app.jinja_env.globals.update(csrf_token=csrf_token, is_admin=is_admin, display_section=display_section, page_label=page_label,
                                  document_date=document_date)
    app.register_error_handler(AssistantError, handle_assistant_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.after_request(add_security_headers)
    start_retention(app, settings)
    if settings.proxies > 0:
        hops = settings.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app


def add_security_headers(response: Response) -> Response:
    """Add the content security policy and its companions to every response."""
    # A view that serves something other than a page (the original file) sets its own policy.
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response
