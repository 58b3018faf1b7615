"""How long feedback is kept: expired ratings are deleted at start and daily, and an administrator
deletes one; the pages say how many days ratings are kept."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assistant.settings import Settings
from assistant.web.app import create_app
from assistant.web.feedback_store import (
    DAY_SECONDS,
    HELPFUL,
    CitedPassage,
    Feedback,
    FeedbackStore,
    created_stamp,
    feedback_path,
)
from assistant.web.retention import EXTENSION, FeedbackRetention

PASSWORD = "rätt-lösenord"
SITE_PASSWORD = "läsarens-lösenord"
ADMIN_JSON = {"Authorization": f"Bearer {PASSWORD}", "Accept": "application/json"}
CITATION = CitedPassage(n=1, document="handlingsplan-nosam-molndal-2024.txt", title="Handlingsplan NOSAM Mölndal",
                        section="Mål", page=None, chunk_id="handlingsplan-nosam-molndal-2024-3", quote="Målet är …",
                        url="/documents/handlingsplan-nosam-molndal-2024#chunk-3")

MakeApp = Callable[..., Flask]


@pytest.fixture()
def index_folder(tmp_path: Path) -> Path:
    """A fresh index folder of this test's own, where its feedback file lives."""
    return tmp_path / "index"


@pytest.fixture()
def store(index_folder: Path) -> FeedbackStore:
    """The feedback store in the test's index folder."""
    return FeedbackStore(feedback_path(index_folder))


@pytest.fixture()
def make_app(sample_settings: Settings, index_folder: Path) -> Iterator[MakeApp]:
    """Build apps over the test's index folder with the given settings; their daily sweeps stop afterwards."""
    apps: list[Flask] = []

    def make(**changes: object) -> Flask:
        settings = sample_settings.replace(index=index_folder, admin_password=PASSWORD, **changes)
        app = create_app(settings)  # the index opens on first use, which these pages never need
        app.config["TESTING"] = True
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions[EXTENSION].stop()


def rated(store: FeedbackStore, question: str, days_ago: float = 0) -> int:
    """Store a rating of an answer to `question`, dated `days_ago` days back; return its id."""
    feedback_id, _ = store.add(Feedback(question=question, answer="Målet är att fler får stöd [1].", found=True,
                                        citations=(CITATION,), rating=HELPFUL, comment="Bra svar."))
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE feedback SET created = ? WHERE id = ?",
                   (created_stamp(time.time() - days_ago * DAY_SECONDS), feedback_id))
    return feedback_id


def questions(store: FeedbackStore) -> set[str]:
    """The questions of the ratings still stored."""
    return {entry.question for entry in store.entries()}


def csrf(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def log_in(client: FlaskClient, password: str) -> str:
    """Log in with a password through the login form; return the new session's CSRF token."""
    token = csrf(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": token, "password": password, "next": "/"})
    assert response.status_code == 302
    return csrf(client.get("/login").get_data(as_text=True))


# ---------- retention ----------


def test_expired_feedback_is_deleted_when_the_app_starts(make_app: MakeApp, store: FeedbackStore) -> None:
    rated(store, "Vem samordnar SIP i Mölndal? Det gäller min granne Tolvan.", days_ago=400)
    rated(store, "Vilka mål har NOSAM Mölndal?", days_ago=300)
    rated(store, "Hur ofta möts NOSAM Lerum?")
    app = make_app()  # the default: 365 days
    assert questions(store) == {"Vilka mål har NOSAM Mölndal?", "Hur ofta möts NOSAM Lerum?"}
    # The deleted question is gone from the file itself, not only from the table.
    assert "Tolvan".encode() not in store.path.read_bytes()
    assert app.extensions[EXTENSION].running


def test_the_retention_follows_the_setting(make_app: MakeApp, store: FeedbackStore) -> None:
    rated(store, "Vilka mål har NOSAM Mölndal?", days_ago=31)
    rated(store, "Hur ofta möts NOSAM Lerum?", days_ago=29)
    make_app(retention_days=30)
    assert questions(store) == {"Hur ofta möts NOSAM Lerum?"}


def test_no_days_keeps_feedback_until_an_administrator_deletes_it(make_app: MakeApp, store: FeedbackStore) -> None:
    rated(store, "Vilka mål har NOSAM Mölndal?", days_ago=5000)
    app = make_app(retention_days=0)
    assert questions(store) == {"Vilka mål har NOSAM Mölndal?"}
    assert not app.extensions[EXTENSION].running
    page = app.test_client().get("/dokument").get_data(as_text=True)
    assert "tills en administratör" in page and "tas sedan bort" not in page


def test_starting_without_feedback_creates_no_file(make_app: MakeApp, store: FeedbackStore) -> None:
    make_app()
    assert not store.path.exists()


def test_the_daily_sweep_deletes_feedback_as_it_expires(store: FeedbackStore) -> None:
    recent = rated(store, "Hur ofta möts NOSAM Lerum?")
    retention = FeedbackRetention(store, days=1, interval=0.05).start()
    try:
        assert retention.running
        aging = rated(store, "Vilka mål har NOSAM Mölndal?", days_ago=2)  # stored after the first sweep
        deadline = time.monotonic() + 10
        while aging in {entry.id for entry in store.entries()} and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [entry.id for entry in store.entries()] == [recent]
    finally:
        retention.stop()
    assert not retention.running


# ---------- an administrator deletes one rating ----------


def test_an_administrator_deletes_one_rating_with_the_form(make_app: MakeApp, store: FeedbackStore) -> None:
    kept = rated(store, "Hur ofta möts NOSAM Lerum?")
    gone = rated(store, "Vem samordnar SIP för Tolvan Tolvansson?")
    client = make_app().test_client()
    log_in(client, PASSWORD)
    page = client.get("/feedback").get_data(as_text=True)
    assert f'action="/feedback/{gone}/ta-bort"' in page and "data-confirm=" in page
    path = f"/feedback/{gone}/ta-bort"
    assert client.post(path).status_code == 400  # no CSRF token
    response = client.post(path, data={"csrf_token": csrf(page)})
    assert response.status_code == 303 and response.headers["Location"].endswith("/feedback")
    listing = client.get("/feedback").get_data(as_text=True)
    assert f"Omdömet fb-{gone} är borttaget" in listing
    assert "Tolvan" not in listing and [entry.id for entry in store.entries()] == [kept]


def test_an_api_client_deletes_a_rating_with_the_admin_password(make_app: MakeApp, store: FeedbackStore) -> None:
    gone = rated(store, "Vilka mål har NOSAM Mölndal?")
    client = make_app().test_client()
    response = client.post(f"/feedback/{gone}/ta-bort", headers=ADMIN_JSON)
    assert response.status_code == 200 and response.get_json()["deleted"] == gone
    assert store.entries() == []
    again = client.post(f"/feedback/{gone}/ta-bort", headers=ADMIN_JSON)
    assert again.status_code == 404 and again.get_json()["error"] == "Omdömet finns inte."


def test_an_unknown_rating_is_not_found(make_app: MakeApp, store: FeedbackStore) -> None:
    rated(store, "Vilka mål har NOSAM Mölndal?")
    client = make_app().test_client()
    token = log_in(client, PASSWORD)
    assert client.post("/feedback/9999/ta-bort", data={"csrf_token": token}).status_code == 404
    assert len(store.entries()) == 1


def test_a_reader_cannot_delete_a_rating(make_app: MakeApp, store: FeedbackStore) -> None:
    kept = rated(store, "Vilka mål har NOSAM Mölndal?")
    anonymous = make_app().test_client().post(f"/feedback/{kept}/ta-bort", headers={"Accept": "application/json"})
    assert anonymous.status_code == 401
    reader = make_app(require_login=True, site_password=SITE_PASSWORD).test_client()
    token = log_in(reader, SITE_PASSWORD)
    refused = reader.post(f"/feedback/{kept}/ta-bort", data={"csrf_token": token},
                          headers={"Accept": "application/json"})
    assert refused.status_code == 401 and refused.get_json()["error"] == "Logga in som administratör först."
    wrong = {"Authorization": f"Bearer {SITE_PASSWORD}", "Accept": "application/json"}
    assert reader.post(f"/feedback/{kept}/ta-bort", headers=wrong).status_code == 401
    assert [entry.id for entry in store.entries()] == [kept]


# ---------- the pages say how long ratings are kept ----------


def test_the_pages_say_how_many_days_ratings_are_kept(make_app: MakeApp) -> None:
    client = make_app(retention_days=90).test_client()
    documents = client.get("/dokument").get_data(as_text=True)
    log_in(client, PASSWORD)
    listing = client.get("/feedback").get_data(as_text=True)
    for page in (documents, listing):
        text = re.sub(r"\s+", " ", page)
        assert 'data-retention-days="90"' in page
        assert "sparas tillsammans med frågan, svaret och eventuell kommentar i 90 dagar" in text
        assert "tas sedan bort automatiskt" in text
