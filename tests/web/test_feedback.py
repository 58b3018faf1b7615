"""Feedback on answers: stored in SQLite beside the index, amended with its key, listed and exported for admins."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assistant.evaluate import read_questions, score_question
from assistant.indexing.store import new_generation, switch_to
from assistant.settings import Settings
from assistant.web.app import create_app
from assistant.web.feedback import MAX_BODY_BYTES, MAX_COMMENT_CHARS, RATINGS_PER_WINDOW
from assistant.web.feedback_store import (
    HELPFUL,
    NOT_HELPFUL,
    CitedPassage,
    Feedback,
    FeedbackStore,
    evaluation_line,
    feedback_path,
)

PASSWORD = "rätt-lösenord"
ADMIN = {"Authorization": f"Bearer {PASSWORD}"}
PDF_QUESTION = "Vad erbjuder Folktandvården vård- och omsorgspersonal?"
ABSENT_QUESTION = "Hur ansöker jag om parkeringstillstånd i Alingsås?"


@pytest.fixture()
def app(sample_settings: Settings, assistant: Any, tmp_path: Path) -> Flask:
    """The app over the sample index, keeping its feedback (and nothing else) in a fresh folder."""
    settings = sample_settings.replace(index=tmp_path / "index", admin_password=PASSWORD)
    app = create_app(settings, assistant)
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


def store_of(app: Flask) -> FeedbackStore:
    """The feedback store the app writes to."""
    return FeedbackStore(feedback_path(Path(app.extensions["plan_assistant"].settings.index)))


def rate(client: FlaskClient, question: str, rating: int, comment: str = "") -> dict[str, Any]:
    """Ask a real question, then rate its answer as the chat page does; return the answer JSON."""
    answer = client.post("/api/ask", json={"question": question}).get_json()
    body = {key: answer[key] for key in ("question", "answer", "found", "citations")}
    response = client.post("/api/feedback", json={**body, "rating": rating, "comment": comment})
    assert response.status_code == 201, response.get_json()
    return {**answer, **response.get_json()}


def test_a_rating_is_stored_with_its_question_answer_and_citations(app: Flask, client: FlaskClient) -> None:
    rated = rate(client, PDF_QUESTION, HELPFUL)
    assert isinstance(rated["id"], int) and len(rated["key"]) >= 20
    (entry,) = store_of(app).entries()
    assert (entry.id, entry.question, entry.answer, entry.found) == (
        rated["id"], rated["question"], rated["answer"], True)
    assert entry.rating == HELPFUL and entry.helpful and entry.comment == ""
    assert [c.chunk_id for c in entry.citations] == [c["chunk_id"] for c in rated["citations"]]
    assert entry.citations[0].quote == rated["citations"][0]["quote"]
    assert entry.created[:2] == "20"


def test_a_rating_is_amended_only_with_its_key(app: Flask, client: FlaskClient) -> None:
    rated = rate(client, PDF_QUESTION, HELPFUL)
    path = f"/api/feedback/{rated['id']}"
    assert client.post(path, json={"key": rated["key"], "rating": NOT_HELPFUL}).status_code == 200
    assert client.post(path, json={"key": rated["key"], "comment": " Fel årtal. "}).status_code == 200
    wrong = client.post(path, json={"key": "gissat", "comment": "Skräp"})
    assert wrong.status_code == 404 and wrong.get_json()["error"] == "Omdömet finns inte."
    assert client.post("/api/feedback/999", json={"key": rated["key"], "comment": "x"}).status_code == 404
    assert client.post(path, json={"comment": "x"}).status_code == 400
    (entry,) = store_of(app).entries()
    assert (entry.rating, entry.comment) == (NOT_HELPFUL, "Fel årtal.")


CITATION = {"n": 1, "document": "a.pdf", "title": "A", "section": "", "page": 2, "chunk_id": "a-1",
            "quote": "Citat.", "url": "/documents/a#chunk-a-1"}
GOOD = {"question": "Vad är SIP?", "answer": "Svar [1]", "found": True, "citations": [CITATION], "rating": 1}


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"rating": 0}, "rating"),
        ({"rating": True}, "rating"),
        ({"rating": "1"}, "rating"),
        ({"question": None}, "saknas"),
        ({"question": "  "}, "tom"),
        ({"question": "x" * 5000}, "för lång"),
        ({"found": "ja"}, "found"),
        ({"answer": 12}, "answer"),
        ({"answer": "x" * 20_001}, "för långt"),
        ({"comment": "x" * (MAX_COMMENT_CHARS + 1)}, "för långt"),
        ({"citations": "A"}, "citations"),
        ({"citations": [CITATION] * 31}, "citations"),
        ({"citations": [{**CITATION, "url": "javascript:alert(1)"}]}, "källa"),
        ({"citations": [{**CITATION, "url": "https://example.com/documents/"}]}, "källa"),
        ({"citations": [{**CITATION, "page": "2"}]}, "källa"),
        ({"citations": [{**CITATION, "n": None}]}, "källa"),
        ({"citations": [{**CITATION, "quote": ["Citat"]}]}, "källa"),
    ],
)
def test_bad_feedback_is_refused_with_a_swedish_message(
    app: Flask, client: FlaskClient, change: dict[str, Any], says: str
) -> None:
    body = {key: value for key, value in {**GOOD, **change}.items() if value is not None}
    response = client.post("/api/feedback", json=body)
    assert response.status_code == 400
    assert says in response.get_json()["error"]
    assert store_of(app).entries() == []


def test_feedback_must_be_json_of_modest_size(client: FlaskClient) -> None:
    plain = client.post("/api/feedback", data=json.dumps(GOOD), content_type="text/plain")
    assert plain.status_code == 400 and "JSON" in plain.get_json()["error"]
    assert client.post("/api/feedback", json=[GOOD]).status_code == 400
    huge = client.post("/api/feedback", data=json.dumps({**GOOD, "pad": "x" * MAX_BODY_BYTES}),
                       content_type="application/json")
    assert huge.status_code == 413 and huge.get_json()["error"] == "Förfrågan är för stor."


def test_one_address_cannot_flood_the_store(app: Flask, client: FlaskClient) -> None:
    for _ in range(RATINGS_PER_WINDOW):
        assert client.post("/api/feedback", json=GOOD).status_code == 201
    refused = client.post("/api/feedback", json=GOOD)
    assert refused.status_code == 429 and "Vänta" in refused.get_json()["error"]
    assert store_of(app).counts() == {HELPFUL: RATINGS_PER_WINDOW, NOT_HELPFUL: 0}


def test_only_administrators_list_and_export_feedback(client: FlaskClient) -> None:
    rate(client, PDF_QUESTION, NOT_HELPFUL, comment="<script>alert('x')</script> Saknar datum.")
    for path in ("/feedback", "/feedback.jsonl"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    page = client.get("/feedback", headers=ADMIN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="sv">' in html
    assert PDF_QUESTION in html and "Inte till hjälp" in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert client.get("/feedback?rating=up", headers=ADMIN).get_data(as_text=True).count("data-feedback-id") == 0
    assert client.get("/feedback?rating=sideways", headers=ADMIN).status_code == 400


def test_without_an_admin_password_feedback_is_still_given_but_not_listed(
    sample_settings: Settings, tmp_path: Path
) -> None:
    client = create_app(Settings(corpus=sample_settings.corpus, index=tmp_path)).test_client()
    assert client.post("/api/feedback", json=GOOD).status_code == 201
    assert client.get("/feedback").status_code == 403


def test_the_export_is_a_question_file_the_evaluation_scores(
    app: Flask, client: FlaskClient, assistant: Any, tmp_path: Path
) -> None:
    helpful = rate(client, PDF_QUESTION, HELPFUL)
    nothing = rate(client, ABSENT_QUESTION, HELPFUL)
    wrong = rate(client, PDF_QUESTION, NOT_HELPFUL, comment="Vill veta hur ofta.")
    assert nothing["found"] is False
    response = client.get("/feedback.jsonl", headers=ADMIN)
    assert response.status_code == 200
    assert response.mimetype == "application/x-ndjson" and "attachment" in response.headers["Content-Disposition"]
    exported = tmp_path / "feedback.jsonl"
    exported.write_bytes(response.data)
    lines = read_questions(exported)
    assert [line["id"] for line in lines] == [f"fb-{helpful['id']}", f"fb-{nothing['id']}", f"fb-{wrong['id']}"]

    found, absent, unknown = lines
    assert found["q"] == PDF_QUESTION and found["answer"] == [] and "absent" not in found
    assert found["evidence"] and all(len(phrase) <= 100 for phrase in found["evidence"])
    # The evidence is verbatim passage text: the evaluation finds the cited passage with it.
    assert score_question(assistant, found).first_hit is not None
    assert absent == {"id": f"fb-{nothing['id']}", "q": ABSENT_QUESTION, "evidence": [], "answer": [],
                      "absent": True, "rating": HELPFUL}
    assert score_question(assistant, absent).absent
    assert unknown["evidence"] == [] and unknown["comment"] == "Vill veta hur ofta." and "absent" not in unknown

    only_helpful = client.get("/feedback.jsonl?rating=up", headers=ADMIN).get_data(as_text=True).splitlines()
    assert [json.loads(line)["id"] for line in only_helpful] == [found["id"], absent["id"]]


def test_evidence_is_one_short_verbatim_phrase_per_citation() -> None:
    long_sentence = "Folktandvården erbjuder årligen utbildning " + "till vård- och omsorgspersonal " * 5
    cited = (
        CitedPassage(1, "a.pdf", "A", "", 3, "a-1", "Kort. … " + long_sentence, "/documents/a#chunk-a-1"),
        CitedPassage(2, "b.txt", "B", "", None, "b-1", "Teamen träffas\n var femte vecka.", "/documents/b#chunk-b-1"),
    )
    line = evaluation_line(Feedback("Fråga?", "Svar", True, cited, HELPFUL, id=7))
    first, second = line["evidence"]
    assert first.startswith("Folktandvården erbjuder") and len(first) <= 100 and long_sentence.startswith(first)
    assert second == "Teamen träffas var femte vecka."
    assert line["id"] == "fb-7" and line["rating"] == HELPFUL


def test_feedback_survives_a_rebuild_of_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    store = FeedbackStore(feedback_path(folder))
    feedback_id, _key = store.add(Feedback("Fråga?", "Jag hittar inget.", False, (), NOT_HELPFUL, "Borde finnas."))
    generations = [new_generation(folder) for _ in range(3)]
    for generation in generations:
        switch_to(folder, generation)
    assert not generations[0].exists()  # the rebuilds did clean up, and left the feedback alone
    assert [entry.id for entry in FeedbackStore(feedback_path(folder)).entries()] == [feedback_id]
