"""The web app over a real index of the sample corpus, through Flask's test client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assistant.models import Chunk
from assistant.settings import Settings
from assistant.web.app import CONTENT_SECURITY_POLICY, create_app
from assistant.web.documents import split_into_segments

SIP_QUESTION = "Vem ansvarar för SIP för barn och unga?"
ASK_KEYS = {"question", "answer", "found", "citations", "related", "truncated"}


@pytest.fixture(scope="module")
def app(sample_settings: Settings, assistant: Any) -> Flask:
    """The app over the session's sample index."""
    app = create_app(sample_settings, assistant)
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def client(app: Flask) -> Iterator[FlaskClient]:
    """A test client for the sample app."""
    with app.test_client() as client:
        yield client


def search(client: FlaskClient, question: str, k: int = 5) -> list[dict[str, Any]]:
    """Return the passages /api/search finds for a question."""
    response = client.get("/api/search", query_string={"q": question, "k": k})
    assert response.status_code == 200
    passages: list[dict[str, Any]] = response.get_json()["passages"]
    return passages


def test_chat_page_is_swedish_and_has_no_inline_code(client: FlaskClient) -> None:
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert 'for="question"' in html and 'id="question"' in html
    assert 'aria-live="polite"' in html
    assert "Ny konversation" in html
    assert "Vad är Mini Maria?" in html
    # The CSP forbids inline code, so the page must not rely on any.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=|\son[a-z]+=", html)


def test_every_response_carries_the_security_headers(client: FlaskClient) -> None:
    for path in ("/", "/api/search?q=SIP", "/documents", "/finns-inte", "/static/app.js"):
        headers = client.get(path).headers
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_ask_returns_the_answer_contract(client: FlaskClient) -> None:
    response = client.post("/api/ask", json={"question": "Vad är Mini Maria?", "history": []})
    body = response.get_json()
    assert response.status_code == 200
    assert ASK_KEYS <= set(body)
    assert body["found"] is True and body["truncated"] is False
    assert body["citations"], body
    for citation in body["citations"]:
        assert {"n", "title", "section", "page", "chunk_id", "quote", "url"} <= set(citation)
        assert citation["url"].startswith("/documents/")
    assert "[1]" in body["answer"]


def test_ask_accepts_a_follow_up_with_history(client: FlaskClient) -> None:
    first = client.post("/api/ask", json={"question": "Vad är Mini Maria?"}).get_json()
    history = [{"question": first["question"], "answer": first["answer"]}]
    response = client.post("/api/ask", json={"question": "Och vem finansierar den?", "history": history})
    assert response.status_code == 200
    assert ASK_KEYS <= set(response.get_json())


@pytest.mark.parametrize(
    ("body", "content_type", "says"),
    [
        ("inte json", "application/json", "JSON"),
        ('["en lista"]', "application/json", "JSON"),
        ("{}", "application/json", "saknas"),
        ('{"question": 42}', "application/json", "text"),
        ('{"question": "   "}', "application/json", "tom"),
        ('{"question": "SIP?", "history": "fel"}', "application/json", "history"),
        ('{"question": "SIP?", "history": [{"question": "a"}]}', "application/json", "history"),
        ('{"question": "SIP?"}', "text/plain", "JSON"),
    ],
)
def test_ask_refuses_bad_input_with_a_swedish_message(
    client: FlaskClient, body: str, content_type: str, says: str
) -> None:
    response = client.post("/api/ask", data=body, content_type=content_type)
    assert response.status_code == 400
    assert response.is_json
    assert says in response.get_json()["error"]


def test_a_long_question_is_shortened_not_refused(client: FlaskClient, sample_settings: Settings) -> None:
    question = "Vem ansvarar för SIP för barn och unga? " * 100
    response = client.post("/api/ask", json={"question": question})
    body = response.get_json()
    assert response.status_code == 200
    assert body["truncated"] is True
    assert len(body["question"]) <= sample_settings.max_question_chars


def test_search_finds_the_sip_row_and_its_link_opens_the_chunk(client: FlaskClient) -> None:
    top = search(client, SIP_QUESTION)[:3]
    sip = [p for p in top if "aktivitetsplan" in p["document"] and "SIP" in p["text"]]
    assert sip, [(p["document"], p["text"][:80]) for p in top]
    path, _, anchor = sip[0]["url"].partition("#")
    assert anchor == f"chunk-{sip[0]['chunk_id']}"
    page = client.get(path)
    assert page.status_code == 200
    assert f'id="{anchor}"' in page.get_data(as_text=True)


def test_search_clamps_k_and_refuses_a_missing_question(client: FlaskClient) -> None:
    assert len(search(client, "SIP", k=500)) <= 50
    assert len(search(client, "SIP", k=0)) == 1
    for query in ({}, {"q": "  "}, {"q": "SIP", "k": "många"}):
        response = client.get("/api/search", query_string=query)
        assert response.status_code == 400
        assert response.get_json()["error"]


def test_document_list_links_every_sample_file(client: FlaskClient, sample_settings: Settings) -> None:
    html = client.get("/documents").get_data(as_text=True)
    for path in sorted(sample_settings.corpus.iterdir()):
        assert path.name in html


def test_document_page_shows_every_chunk_and_pdf_pages(client: FlaskClient, assistant: Any) -> None:
    for info in assistant.documents():
        response = client.get(f"/documents/{info.doc_id}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        _info, _text, chunks = assistant.document(info.doc_id)
        for chunk in chunks:
            assert f'id="chunk-{chunk.chunk_id}"' in html
        if info.path.endswith(".pdf"):
            assert f"/documents/{info.doc_id}/file#page=" in html


def test_original_file_is_served_only_for_known_ids(client: FlaskClient, assistant: Any) -> None:
    by_suffix = {Path(info.path).suffix: info for info in assistant.documents()}
    pdf = client.get(f"/documents/{by_suffix['.pdf'].doc_id}/file")
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    assert "attachment" not in pdf.headers.get("Content-Disposition", "")
    # Not a page: its own narrower policy (Chrome's PDF viewer needs <embed>), still no framing or sniffing.
    assert "frame-ancestors 'none'" in pdf.headers["Content-Security-Policy"]
    assert pdf.headers["X-Content-Type-Options"] == "nosniff"
    docx = client.get(f"/documents/{by_suffix['.docx'].doc_id}/file")
    assert (docx.mimetype or "").endswith("wordprocessingml.document")
    assert "attachment" in docx.headers["Content-Disposition"]
    assert client.get("/documents/finns-inte/file").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/documents/finns-inte",
        "/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/documents/..%2F..%2F..%2Fetc%2Fpasswd/file",
        "/documents/../../etc/passwd",
        "/documents/%2Fetc%2Fpasswd/file",
        "/documents/..",
    ],
)
def test_unknown_document_ids_are_404(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "root:" not in html
    assert '<html lang="sv">' in html


def test_api_errors_are_json_and_keep_their_headers(client: FlaskClient) -> None:
    missing = client.get("/api/finns-inte")
    assert missing.status_code == 404 and "finns inte" in missing.get_json()["error"]
    wrong_method = client.get("/api/ask")
    assert wrong_method.status_code == 405
    assert wrong_method.get_json()["error"]
    assert "POST" in wrong_method.headers["Allow"]


def test_an_unexpected_error_shows_no_stack_trace(sample_settings: Settings, assistant: Any) -> None:
    app = create_app(sample_settings, assistant)

    def broken() -> str:
        raise RuntimeError("hemlig detalj")

    app.add_url_rule("/trasig", view_func=broken)
    app.add_url_rule("/api/trasig", "api_broken", view_func=broken)
    page = app.test_client().get("/trasig")
    assert page.status_code == 500
    assert "hemlig detalj" not in page.get_data(as_text=True) and "Traceback" not in page.get_data(as_text=True)
    assert "Något gick fel" in page.get_data(as_text=True)
    api = app.test_client().get("/api/trasig")
    assert api.status_code == 500 and api.get_json() == {"error": "Något gick fel på servern. Försök igen om en stund.",
                                                         "status": 500}


def test_without_an_index_the_app_starts_and_says_what_is_missing(tmp_path: Path) -> None:
    app = create_app(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index"))
    client = app.test_client()
    assert client.get("/").status_code == 200
    api = client.get("/api/search", query_string={"q": "SIP"})
    assert api.status_code == 503 and api.get_json()["error"]
    page = client.get("/documents")
    assert page.status_code == 503 and '<html lang="sv">' in page.get_data(as_text=True)


def _chunk(chunk_id: str, start: int, end: int, page: int | None = None, section: str = "") -> Chunk:
    return Chunk(chunk_id, "doc", "doc.txt", "Doc", section, page, start, end, "")


def test_segments_cover_the_text_with_gaps_and_overlaps() -> None:
    text = "Rubrik\n\nFörsta stycket.\n\nAndra stycket."
    first, second = text.index("Första"), text.index("Andra")
    chunks = [_chunk("b", second - 10, len(text), 2), _chunk("a", first, first + 15, 1)]
    segments = split_into_segments(text, chunks)
    assert "".join(s.text for s in segments) == text
    assert [s.chunk.chunk_id if s.chunk else None for s in segments] == [None, "a", "b"]
    assert segments[2].text == text[first + 15:]  # the overlap is shown once, in the earlier chunk
    assert segments[1].new_place and segments[2].new_place


HOSTILE_TEXT = """Hostile plan

Rutin <script>alert("x")</script> för SIP <img src=x onerror=alert(1)> och "citat" & annat.
"""


def test_document_text_is_escaped(tmp_path: Path, embedder: Any) -> None:
    from assistant.core import Assistant
    from assistant.indexing.build import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index")
    build_index(settings, embedder)
    hostile = Assistant.open(settings, embedder)
    client = create_app(settings, hostile).test_client()
    (info,) = hostile.documents()
    html = client.get(f"/documents/{info.doc_id}").get_data(as_text=True)
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    listing = client.get("/documents").get_data(as_text=True)
    assert "<script>alert" not in listing
