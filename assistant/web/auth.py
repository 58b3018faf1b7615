"""Logins, roles and CSRF tokens for the web app.

Two roles: an administrator (may upload, replace, delete and reindex; needs
`admin_password`) and a reader (may read and ask; needs a login only when `require_login`
is set, with `site_password`, or the administrator password when no site password is set).
Changing actions are POST with a CSRF token; API clients may instead send
`Authorization: Bearer <admin password>`. Passwords are compared in constant time, and
failed logins are rate-limited per client address.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from assistant.web.state import current_settings

auth = Blueprint("auth", __name__)

ADMIN = "admin"
READER = "reader"
MAX_FAILURES = 5
FAILURE_WINDOW = 300.0
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

F = TypeVar("F", bound=Callable[..., Any])


class LoginThrottle:
    """Counts failed logins per client address over a sliding window."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = FAILURE_WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures[client]
        while failures and failures[0] < now - self.window:
            failures.popleft()
        return failures

    def blocked(self, client: str) -> bool:
        """Tell whether a client has failed too often recently."""
        with self._lock:
            return len(self._recent(client, time.monotonic())) >= self.limit

    def failed(self, client: str) -> None:
        """Record a failed login."""
        with self._lock:
            self._recent(client, time.monotonic()).append(time.monotonic())


throttle = LoginThrottle()


def persistent_secret(folder: Path) -> str:
    """Return the app's session key, made once and kept in the index folder (never committed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _matches(given: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def role_for(password: str) -> str | None:
    """Return the role a password grants, comparing in constant time, or None."""
    settings = current_settings()
    if _matches(password, settings.admin_password):
        return ADMIN
    if settings.require_login and _matches(password, settings.site_password):
        return READER
    return None


def _bearer_token() -> str:
    """The token of an `Authorization: Bearer …` header, as the client wrote it.

    HTTP hands header bytes over as Latin-1, while clients send a password with å, ä or ö as
    UTF-8: the bytes are read again as UTF-8, and kept as they are when they are not UTF-8."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return ""
    token = header[7:].strip()
    try:
        return token.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return token


def _bearer_is_admin() -> bool:
    token = _bearer_token()
    return bool(token) and _matches(token, current_settings().admin_password)


def is_admin() -> bool:
    """Tell whether the current request comes from a logged-in administrator."""
    return session.get("role") == ADMIN or _bearer_is_admin()


def admin_enabled() -> bool:
    """Tell whether administration is possible at all (an administrator password is configured)."""
    return bool(current_settings().admin_password)


def csrf_token() -> str:
    """Return the session's CSRF token, creating it on first use."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def check_csrf() -> None:
    """Refuse an unsafe request whose CSRF token (form field or X-CSRF-Token header) is missing or wrong."""
    if request.method not in UNSAFE or _bearer_is_admin():
        return
    given = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
    if not _matches(given, str(session.get("csrf", ""))):
        abort(400, "Formuläret har gått ut eller saknar säkerhetstoken. Ladda om sidan och försök igen.")


def require_admin(view: F) -> F:
    """Let only a logged-in administrator through, with a valid CSRF token for changing actions."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if not admin_enabled():
            abort(403, "Administration är avstängd: inget administratörslösenord är inställt "
                       "(PLAN_ASSISTANT_ADMIN_PASSWORD).")
        if not is_admin():
            if request.path.startswith("/api/") or request.method in UNSAFE:
                abort(401, "Logga in som administratör först.")
            return redirect(url_for("auth.login", next=request.path))
        check_csrf()
        return cast(ResponseReturnValue, view(*args, **kwargs))

    return cast(F, guarded)


def require_site_login() -> ResponseReturnValue | None:
    """Before every request: when the whole site needs a login, send anyone not logged in to it."""
    if not current_settings().require_login or session.get("role") or _bearer_is_admin():
        return None
    # Probes answer anyone; /metrics asks for the administrator's token itself.
    if request.endpoint in {"auth.login", "static", "ops.healthz", "ops.readyz", "ops.metrics"}:
        return None
    if request.path.startswith("/api/"):
        abort(401, "Logga in först.")
    return redirect(url_for("auth.login", next=request.path))


def _safe_next(target: str | None) -> str:
    # Only a path on this site: never an absolute URL someone slipped into the link.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("chat.index")


@auth.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Show the login form, or log in with a password."""
    error = ""
    status = 200
    if request.method == "POST":
        check_csrf()
        client = request.remote_addr or "?"
        if throttle.blocked(client):
            error, status = "För många misslyckade försök. Vänta några minuter och försök igen.", 429
        else:
            role = role_for(request.form.get("password", ""))
            if role:
                session.clear()
                session["role"] = role
                return redirect(_safe_next(request.form.get("next")))
            throttle.failed(client)
            error, status = "Fel lösenord.", 401
    return render_template(
        "login.html", error=error, next=request.values.get("next", ""), enabled=admin_enabled()
    ), status


@auth.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """Log out."""
    check_csrf()
    session.clear()
    return redirect(url_for("chat.index"))
