"""The one place errors become output: a Swedish page for people, `{"error", "status"}` for JSON clients."""

from __future__ import annotations

from flask import Response, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from assistant.errors import AssistantError, IndexMismatch, IndexMissing, InvalidQuestion

# What a staff member reads instead of Werkzeug's English defaults.
HTTP_MESSAGES = {
    400: "Förfrågan kunde inte läsas.",
    401: "Logga in först.",
    403: "Du har inte behörighet till det här.",
    404: "Sidan finns inte. Kontrollera adressen eller gå tillbaka till startsidan.",
    405: "Den här adressen tar inte emot den sortens förfrågan.",
    413: "Förfrågan är för stor.",
    500: "Något gick fel på servern. Försök igen om en stund.",
}
HTTP_TITLES = {400: "Felaktig förfrågan", 401: "Inloggning krävs", 403: "Inte tillåtet", 404: "Sidan finns inte",
               500: "Något gick fel", 503: "Tjänsten är inte redo"}


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


def wants_json() -> bool:
    """Whether the client reads JSON: an API route, or an Accept header that prefers JSON to HTML."""
    preferred = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return request.path.startswith("/api/") or (preferred == "application/json"
                                                  and request.accept_mimetypes["application/json"] > 0)


def render_problem(status: int, message: str) -> tuple[Response | str, int]:
    """Render an error as `{"error": message, "status": status}` for a JSON client, or as a Swedish
    page for people."""
    if wants_json():
        return jsonify(error=message, status=status), status
    title = HTTP_TITLES.get(status, "Något gick fel")
    return render_template("error.html", status=status, title=title, message=message), status
