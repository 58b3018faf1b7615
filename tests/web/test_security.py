"""The web app against hostile documents and hostile requests: escaping, headers, paths, logins, limits, errors.

One small real index is built from a document full of markup; the app is the real one, through
Flask's test client. Each test uses its own client (its own session) and, where logins are
counted, its own client address.
"""

from __future__ import annotations

import http.client
import inspect
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hostile as h
import pytest
from flask import Flask
from flask.testing import FlaskClient
from hostile.live import live_server

from assistant.settings import Settings
from assistant.web import auth
from assistant.web.app import CONTENT_SECURITY_POLICY, create_app
from assistant.web.documents import FILE_POLICY

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "rätt lösenord"
PAYLOADS = ("<script>alert(", "<img src=x onerror", "<svg onload", "</textarea><")
HOSTILE_PLAN = """# Plan <script>alert(1)</script> för SIP

Rutin <img src=x onerror=alert(2)> för SIP och "citat" & 'apostrof' </textarea><svg onload=alert(3)> i Mölndal.

| Mål | Aktivitet | Ansvarig | Startdatum | Deadline |
|---|---|---|---|---|
| Trygg vård <script>alert(4)</script> | SIP <img src=x onerror=alert(5)> | NOSAM <svg onload=alert(6)> | 2025 | 2026 |
"""
MARKUP_QUESTION = "Vem ansvarar för <script>alert(7)</script> SIP <img src=x onerror=alert(8)>?"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Settings:
    """A corpus of one hostile plan, one ordinary text and a link out of the folder, built into an index."""
    from assistant.indexing.build import build_index

    folder = tmp_path_factory.mktemp("secure-site")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "hostile-plan.md").write_text(HOSTILE_PLAN, encoding="utf-8")
    (corpus / "rutin.txt").write_text(h.GOOD_TEXT, encoding="utf-8")
    (corpus / "losenord.txt").symlink_to("/etc/passwd")
    settings = Settings(corpus=corpus, index=folder / "index", admin_password=PASSWORD, secret_key="test-nyckel",
                        upload_max_bytes=200_000)
    build_index(settings, embedder)
    return settings


@pytest.fixture(scope="module")
def app(site: Settings, embedder: Any) -> Flask:
    """The real app over the hostile site's index (exceptions become pages, as in production)."""
    from assistant.core import Assistant

    return create_app(site, Assistant.open(site, embedder))


@pytest.fixture()
def client(app: Flask) -> Iterator[FlaskClient]:
    """A fresh client, so that sessions and logins do not leak between tests."""
    with app.test_client() as client:
        yield client


def token(client: FlaskClient) -> str:
    """Return the session's CSRF token, as the login form carries it."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True))
    assert found
    return found.group(1)


def log_in(client: FlaskClient) -> str:
    """Log in as the administrator; return the CSRF token of the new session."""
    response = client.post("/login", data={"password": PASSWORD, "csrf_token": token(client), "next": "/dokument"})
    assert response.status_code == 302
    return token(client)


def hostile_id(app: Flask) -> str:
    """The id of the hostile plan in the index."""
    slot = app.extensions["plan_assistant"]
    return next(info.doc_id for info in slot.get().documents() if info.path == "hostile-plan.md")


def assert_no_markup(html: str) -> None:
    """Fail if any payload reached the page as markup rather than as text."""
    for payload in PAYLOADS:
        assert payload not in html


# Escaping

def test_document_text_is_escaped_on_every_page(app: Flask, client: FlaskClient) -> None:
    doc_id = hostile_id(app)
    log_in(client)
    pages = {
        url: client.get(url).get_data(as_text=True)
        for url in ("/", "/documents", f"/documents/{doc_id}", "/aktiviteter", "/dokument",
                    "/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/aktiviteter?q=%3Cscript%3Ealert(1)")
    }
    for html in pages.values():
        assert_no_markup(html)
    document = pages[f"/documents/{doc_id}"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=alert(2)&gt;" in document
    assert "&lt;/textarea&gt;&lt;svg onload=alert(3)&gt;" in document
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in pages["/aktiviteter"]
    assert "Plan &lt;script&gt;alert(1)&lt;/script&gt; för SIP" in pages["/documents"]


def test_a_reflected_value_is_escaped(client: FlaskClient) -> None:
    html = client.get("/login", query_string={"next": '"><script>alert(9)</script>'}).get_data(as_text=True)
    assert_no_markup(html)
    assert "&#34;&gt;&lt;script&gt;" in html or "&quot;&gt;&lt;script&gt;" in html


def test_questions_and_answers_travel_as_json_only(client: FlaskClient) -> None:
    answer = client.post("/api/ask", json={"question": MARKUP_QUESTION})
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert answer.get_json()["question"] == MARKUP_QUESTION
    search = client.get("/api/search", query_string={"q": MARKUP_QUESTION})
    assert search.status_code == 200 and search.mimetype == "application/json"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_the_pages_insert_server_text_as_text_never_as_markup() -> None:
    for script in (ROOT / "web" / "static").glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in source, f"{script.name} uses {sink}"
    for template in (ROOT / "web" / "templates").glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", "") and "autoescape" not in source, template.name
        assert not re.search(r"<script(?![^>]*\bsrc=)", source), f"inline script in {template.name}"
        assert not re.search(r"\s(on[a-z]+|style)\s*=", source), f"inline handler or style in {template.name}"


# Headers

def _get_routes(app: Flask, doc_id: str) -> list[str]:
    """Every GET route of the app, with a known document id and a known static file filled in."""
    values = {"doc_id": doc_id, "filename": "app.js"}
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()):
            continue
        built = rule.build({arg: values[arg] for arg in rule.arguments}, append_unknown=False)
        if built is not None:
            urls.append(built[1])
    return urls


def test_every_response_carries_a_strict_policy_and_its_companions(app: Flask, client: FlaskClient) -> None:
    doc_id = hostile_id(app)
    log_in(client)
    urls = _get_routes(app, doc_id)
    assert len(urls) >= 10 and f"/documents/{doc_id}/file" in urls
    responses = [client.get(url) for url in urls + ["/finns-inte", "/api/finns-inte"]]
    responses += [client.post("/api/ask", data="x"), client.put("/api/ask"), client.post("/documents")]
    for response in responses:
        policy = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert policy in (CONTENT_SECURITY_POLICY, FILE_POLICY)
        assert "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "default-src 'self'" in CONTENT_SECURITY_POLICY


# Paths

@pytest.mark.parametrize(
    "path",
    [
        "/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/documents/..%2f..%2f..%2fetc%2fpasswd/file",
        "/documents/%2e%2e/%2e%2e/etc/passwd",
        "/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd/file",
        "/documents/%252e%252e%252fetc%252fpasswd/file",
        "/documents//etc/passwd/file",
        "/documents/%2Fetc%2Fpasswd/file",
        "/documents/hostile-plan.md/file",
        "/documents/corpus%2Fhostile-plan.md/file",
        "/documents/losenord.txt/file",
        "/documents/losenord-txt/file",
        "/documents/losenord-txt",
        "/static/..%2Fassistant%2Fsettings.py",
        "/static/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_only_known_document_ids_are_served(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    body = response.get_data()
    assert response.status_code == 404
    assert b"root:" not in body and b"ENV_PREFIX" not in body


def test_a_link_out_of_the_corpus_is_neither_indexed_nor_served(app: Flask, client: FlaskClient) -> None:
    assistant = app.extensions["plan_assistant"].get()
    assert "losenord.txt" not in {info.path for info in assistant.documents()}
    assert {f.path: f.reason for f in assistant.failures()}["losenord.txt"].startswith("filen är en symbolisk länk")


def test_an_indexed_file_swapped_for_a_link_is_not_served(app: Flask, client: FlaskClient, site: Settings) -> None:
    original = site.corpus / "rutin.txt"
    kept = site.corpus.parent / "rutin.txt.kept"
    shutil.move(original, kept)
    try:
        original.symlink_to("/etc/passwd")
        response = client.get("/documents/rutin-txt/file")
        assert response.status_code == 404 and b"root:" not in response.get_data()
    finally:
        original.unlink()
        shutil.move(kept, original)
    assert client.get("/documents/rutin-txt/file").status_code == 200


# Changing actions

def test_changing_actions_are_post_only(client: FlaskClient) -> None:
    log_in(client)
    for url in ("/dokument/ladda-upp", "/dokument/rutin-txt/ta-bort", "/dokument/rutin-txt/ersatt", "/logout"):
        assert client.get(url).status_code == 405


def test_changing_actions_need_the_administrator(client: FlaskClient) -> None:
    csrf = token(client)
    for url in ("/dokument/ladda-upp", "/dokument/rutin-txt/ta-bort", "/dokument/rutin-txt/ersatt"):
        response = client.post(url, data={"csrf_token": csrf})
        assert response.status_code == 401 and "Logga in som administratör" in response.get_data(as_text=True)
    wrong = client.post("/dokument/rutin-txt/ta-bort", headers={"Authorization": "Bearer fel"})
    assert wrong.status_code == 401


def test_changing_actions_need_the_csrf_token(client: FlaskClient) -> None:
    csrf = log_in(client)
    for url in ("/dokument/ladda-upp", "/dokument/rutin-txt/ta-bort", "/dokument/rutin-txt/ersatt", "/logout"):
        for data in ({}, {"csrf_token": "fel"}):
            response = client.post(url, data=data)
            assert response.status_code == 400
            assert "säkerhetstoken" in response.get_data(as_text=True)
    # With the token the request gets through to the action itself (here: an unknown id).
    assert client.post("/dokument/finns-inte/ta-bort", data={"csrf_token": csrf}).status_code == 404


def test_passwords_are_compared_in_constant_time() -> None:
    source = inspect.getsource(auth)
    assert "hmac.compare_digest(" in inspect.getsource(auth._matches)
    assert not re.search(r"(password|token|csrf)[\w.()\[\]\"']*\s*[!=]=", source)


def test_login_attempts_are_rate_limited(app: Flask) -> None:
    with app.test_client() as client:
        client.environ_base["REMOTE_ADDR"] = "10.66.0.1"
        csrf = token(client)
        statuses = [client.post("/login", data={"password": f"fel {n}", "csrf_token": csrf}).status_code
                    for n in range(auth.MAX_FAILURES + 1)]
        assert statuses == [401] * auth.MAX_FAILURES + [429]
        blocked = client.post("/login", data={"password": PASSWORD, "csrf_token": csrf})
        assert blocked.status_code == 429 and "För många misslyckade försök" in blocked.get_data(as_text=True)
    with app.test_client() as other:  # another address is not blocked
        other.environ_base["REMOTE_ADDR"] = "10.66.0.2"
        log_in(other)


def test_the_session_cookie_is_http_only_and_strict_and_next_stays_on_site(client: FlaskClient) -> None:
    csrf = token(client)
    response = client.post("/login", data={"password": PASSWORD, "csrf_token": csrf, "next": "//evil.example/x"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


# Size and type of what is sent

def test_the_server_enforces_the_upload_size_limit(client: FlaskClient, site: Settings) -> None:
    big = b"x" * (site.upload_max_bytes + 1)
    api = client.post("/api/ask", data=big, content_type="application/json")
    assert api.status_code == 413 and api.get_json() == {"error": "Förfrågan är för stor.", "status": 413}
    csrf = log_in(client)
    upload = client.post("/dokument/ladda-upp", data={"csrf_token": csrf, "file": (io.BytesIO(big), "stor.txt")},
                         content_type="multipart/form-data")
    assert upload.status_code == 413
    assert not (site.corpus / "stor.txt").exists()


def test_the_real_server_refuses_a_large_body_even_without_a_length(site: Settings) -> None:
    env = {**os.environ, "PLAN_ASSISTANT_UPLOAD_MAX_BYTES": str(site.upload_max_bytes)}
    with live_server(site.corpus, site.index, env) as (_server, port):
        for chunked in (True, False):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            body = iter([b"x" * 100_000] * 3) if chunked else b"x" * 300_000
            connection.request("POST", "/api/ask", body=body, encode_chunked=chunked,
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            assert response.status == 413
            assert json.loads(response.read()) == {"error": "Förfrågan är för stor.", "status": 413}
            connection.close()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("plan.pdf", h.png_bytes(), "filen är en PNG-bild, inte en PDF, trots ändelsen .pdf"),
        ("plan.docx", b"Bara text, inget Word-dokument.\n" * 10, "filen är en textfil, inte en Word-fil (DOCX)"),
        ("plan.txt", bytes(range(256)) * 8, "filen innehåller binära data, inte text"),
        ("plan.exe", b"MZ\x90\x00", "filtypen .exe stöds inte"),
    ],
)
def test_an_upload_is_judged_by_its_content_not_its_name(client: FlaskClient, site: Settings, name: str, data: bytes,
                                                        reason: str) -> None:
    csrf = log_in(client)
    response = client.post("/dokument/ladda-upp", data={"csrf_token": csrf, "file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data", headers={"Accept": "application/json"})
    assert response.status_code == 400 and reason in response.get_json()["error"]
    assert not (site.corpus / name).exists()


# Errors and bad requests

@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ("{inte json", "application/json", "Förfrågan måste vara JSON"),
        ('["en lista"]', "application/json", "Förfrågan måste vara JSON"),
        ("question=SIP", "application/x-www-form-urlencoded", "Förfrågan måste vara JSON"),
        ('{"question": 42}', "application/json", 'Frågan i "question" måste vara text.'),
        ('{"frågan": "SIP"}', "application/json", 'Frågan saknas: ange den i "question".'),
        ('{"question": "   "}', "application/json", "Frågan är tom. Skriv en fråga."),
        ('{"question": "\\u0000\\u001b\\u0007"}', "application/json", "Frågan är tom. Skriv en fråga."),
        ('{"question": "SIP", "history": "nej"}', "application/json", 'Fältet "history" måste vara en lista'),
    ],
)
def test_a_bad_question_request_gets_a_400_that_says_what_is_wrong(client: FlaskClient, body: str,
                                                                   content_type: str, message: str) -> None:
    response = client.post("/api/ask", data=body.encode(), content_type=content_type)
    assert response.status_code == 400
    assert message in response.get_json()["error"]


@pytest.mark.parametrize(
    "question",
    ["SIP " * 25_000, "Vem\x00 ansvarar\x1b för SIP?", "من المسؤول عن خطة العمل؟", "谁负责？", "😀🙈", "SIP \ud800"],
    ids=["100kB", "control", "arabic", "chinese", "emoji", "lone-surrogate"],
)
def test_any_other_question_gets_an_answer_never_a_500(client: FlaskClient, question: str) -> None:
    # Sent as ASCII JSON, the only way a lone surrogate ("\ud800") can travel.
    response = client.post("/api/ask", data=json.dumps({"question": question}), content_type="application/json")
    assert response.status_code == 200
    body = response.get_json()
    assert body["answer"] and body["truncated"] == (len(question) > 1000)
    assert len(body["question"]) <= 1000


def test_an_internal_error_shows_a_clean_page_without_a_trace(site: Settings, embedder: Any,
                                                               tmp_path: Path) -> None:
    from assistant.core import Assistant

    broken = site.replace(index=tmp_path / "index")
    shutil.copytree(site.index, broken.index)
    app = create_app(broken, Assistant.open(broken, embedder))
    doc_id = hostile_id(app)
    shutil.rmtree(broken.index)  # the index vanishes under the running app
    client = app.test_client()
    page = client.get(f"/documents/{doc_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 500 and '<html lang="sv">' in html and "Något gick fel" in html
    for leak in ("Traceback", "sqlite", "Error", str(tmp_path)):
        assert leak not in html
    assert not app.debug and not app.testing
