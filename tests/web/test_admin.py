"""The documents page and its administration: listing, login, upload, replace, delete, live reindex."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assistant.core import Assistant
from assistant.embedding.base import Embedder
from assistant.errors import UnreadableDocument, UnsupportedFormat
from assistant.indexing.build import build_index
from assistant.indexing.uploads import check_content, safe_file_name, write_document
from assistant.ingest.corpus import document_id
from assistant.settings import Settings
from assistant.web.app import create_app

CopyCorpus = Callable[[Path, list[str]], Settings]
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "rätt-lösenord-för-test"
MEETINGS = "motesstruktur-nosam-lerum-alingsas-2022.txt"
FOLLOW_UP = "uppfoljning-samverkan-barn-och-unga-alingsas-2023.txt"
MOLNDAL = "handlingsplan-nosam-molndal-2024.txt"
BROKEN = "trasig.pdf"

ZEBRA = """Zebralyftet 2026

Zebralyftet är ett nytt projekt för äldre med psykisk ohälsa i Lerum. Projektet drivs av NOSAM Lerum
tillsammans med vårdcentralerna och ska ge fler äldre stöd i hemmet.

Projektledare är Karin Zebrasson. Projektet följs upp varje halvår i NOSAM.
"""
OKAPI = """Okapilyftet 2027

Okapilyftet ersätter det tidigare projektet. Det ger unga vuxna i Alingsås stöd av en gemensam
samordnare från kommunen och regionen.
"""


# ---------- the names and contents an upload may have ----------


def test_file_names_lose_their_folders_and_odd_characters() -> None:
    assert safe_file_name("../../etc/Plan 2026.PDF") == "Plan 2026.pdf"
    assert safe_file_name("C:\\Users\\anna\\Handlingsplan Mölndal.docx") == "Handlingsplan Mölndal.docx"
    assert safe_file_name(".dold.txt") == "dold.txt"
    assert safe_file_name("plan<script>.md") == "plan-script.md"
    for name in ("program.exe", "arkiv.zip", "ingen-filändelse", ".txt"):
        with pytest.raises(UnreadableDocument):
            safe_file_name(name)
    with pytest.raises(UnsupportedFormat, match="stöds inte"):
        safe_file_name("program.exe")


def test_contents_must_match_the_file_type() -> None:
    word = BytesIO()
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    check_content("plan.docx", word.getvalue())
    check_content("plan.pdf", b"%PDF-1.7\n...")
    check_content("plan.txt", "Åtgärder för äldre".encode("cp1252"))
    check_content("plan.md", "\ufeff# Plan".encode())
    refused = {
        "plan.pdf": b"MZ\x90\x00 this is a program",
        "plan.docx": b"PK\x03\x04 not really a zip",
        "plan.txt": b"\x00\x01\x02binary\x00",
        "tom.txt": b"",
    }
    for name, data in refused.items():
        with pytest.raises(UnreadableDocument):
            check_content(name, data)


def test_files_are_written_only_inside_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    written = write_document(tmp_path / "corpus", "plan.txt", b"En plan")
    assert written.read_bytes() == b"En plan"
    assert [p.name for p in (tmp_path / "corpus").iterdir()] == ["plan.txt"]  # no temporary file left
    with pytest.raises(UnreadableDocument, match="finns redan"):
        write_document(tmp_path / "corpus", "plan.txt", b"Igen")
    with pytest.raises(UnreadableDocument, match="utanför"):
        write_document(tmp_path / "corpus", "../utanför.txt", b"Nej")
    assert not (tmp_path / "utanför.txt").exists()


# ---------- the page and its controls ----------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, corpus_copy: CopyCorpus, embedder: Embedder) -> Settings:
    """Three text documents and an unreadable file, indexed, with an administrator password set."""
    settings = corpus_copy(tmp_path_factory.mktemp("site"), [MEETINGS, FOLLOW_UP, MOLNDAL])
    (settings.corpus / BROKEN).write_bytes(b"%PDF-1.4 trasig")
    build_index(settings, embedder)
    return settings.replace(admin_password=PASSWORD)


@pytest.fixture(scope="module")
def site_assistant(site: Settings, embedder: Embedder) -> Assistant:
    """The assistant over the site's index."""
    return Assistant.open(site, embedder)


@pytest.fixture()
def app(site: Settings, site_assistant: Assistant) -> Flask:
    """The web app over the site (a new app per test: its own sessions and background runner)."""
    return create_app(site, site_assistant)


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def login(client: FlaskClient, password: str = PASSWORD) -> str:
    """Log in through the login form; return the CSRF token of the documents page."""
    token = _csrf(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": token, "password": password, "next": "/dokument"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return _csrf(client.get("/dokument").get_data(as_text=True))


def upload(client: FlaskClient, url: str, name: str, data: bytes, token: str | None, **headers: str) -> Any:
    """POST a file as the upload form does."""
    form: dict[str, Any] = {"file": (BytesIO(data), name)}
    if token is not None:
        form["csrf_token"] = token
    return client.post(url, data=form, content_type="multipart/form-data", headers=headers)


def wait_for_index(client: FlaskClient, timeout: float = 180) -> dict[str, Any]:
    """Poll the status the page polls until the background build is over; return it."""
    deadline = time.monotonic() + timeout
    while True:
        status: dict[str, Any] = client.get("/api/index-status").get_json()
        if not status["running"]:
            return status
        assert time.monotonic() < deadline, status
        time.sleep(0.2)


def test_the_page_lists_documents_with_their_facts_and_the_unreadable_files(
    app: Flask, site_assistant: Assistant
) -> None:
    response = app.test_client().get("/dokument")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for info in site_assistant.documents():
        row = re.search(rf'<tr data-doc-id="{info.doc_id}".*?</tr>', html, re.S)
        assert row, info.doc_id
        cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(0)))
        assert all(part in cells for part in (info.kind.upper(), str(info.chunks), info.indexed_at))
        assert f'href="/documents/{info.doc_id}"' in row.group(0)
    molndal = next(i for i in site_assistant.documents() if i.path == MOLNDAL)
    assert molndal.date == "2024-02-07" and "2024-02-07" in html
    failure = re.search(r'<tr data-failure="trasig.pdf">.*?</tr>', html, re.S)
    assert failure and "PDF" in failure.group(0)
    # Not logged in: a way to log in, but no controls.
    assert "Logga in som administratör" in html
    assert 'action="/dokument/ladda-upp"' not in html and "ta-bort" not in html
    assert '<a href="/dokument" aria-current="page">Dokument</a>' in html


def test_the_old_document_list_still_works(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/documents").status_code == 200


def test_without_an_administrator_password_changes_are_off(site: Settings, site_assistant: Assistant) -> None:
    client = create_app(site.replace(admin_password=""), site_assistant).test_client()
    html = client.get("/dokument").get_data(as_text=True)
    assert "data-admin-off" in html and 'action="/dokument/ladda-upp"' not in html
    response = upload(client, "/dokument/ladda-upp", "ny.txt", b"Ny plan", None)
    assert response.status_code == 403
    assert not (site.corpus / "ny.txt").exists()


def test_changes_need_the_administrator(app: Flask, site: Settings) -> None:
    client = app.test_client()
    anonymous = upload(client, "/dokument/ladda-upp", "ny.txt", b"Ny plan", None)
    assert anonymous.status_code == 401
    assert "Logga in som administratör" in anonymous.get_data(as_text=True)
    wrong = upload(client, "/dokument/ladda-upp", "ny.txt", b"Ny plan", None, Authorization="Bearer fel")
    assert wrong.status_code == 401
    assert client.post("/dokument/x/ta-bort").status_code == 401
    login(client)
    without_csrf = upload(client, "/dokument/ladda-upp", "ny.txt", b"Ny plan", None)
    assert without_csrf.status_code == 400
    assert not (site.corpus / "ny.txt").exists()


def test_refused_files_say_why_and_change_nothing(app: Flask, site: Settings) -> None:
    client = app.test_client()
    token = login(client)
    before = sorted(p.name for p in site.corpus.iterdir())
    cases = {
        ("plan.pdf", b"MZ\x90\x00program"): "inte en PDF",
        ("program.exe", b"MZ"): "stöds inte",
        ("tom.txt", b""): "tom",
        (MEETINGS, b"Samma namn"): "finns redan",
    }
    for (name, data), reason in cases.items():
        # A JSON client gets a 400 with the reason; a person is sent back to the page, which says why.
        response = upload(client, "/dokument/ladda-upp", name, data, token, Accept="application/json")
        assert response.status_code == 400 and reason in response.get_json()["error"], name
        page = upload(client, "/dokument/ladda-upp", name, data, token)
        assert page.status_code == 303 and page.headers["Location"].endswith("/dokument"), name
        shown = client.get("/dokument").get_data(as_text=True)
        assert "data-refused" in shown and reason in shown and "data-documents" in shown, name
    assert upload(client, "/dokument/ladda-upp", "", b"x", token, Accept="application/json").status_code == 400
    assert sorted(p.name for p in site.corpus.iterdir()) == before
    assert wait_for_index(client)["state"] == "idle"


def test_upload_replace_and_delete_reindex_in_the_background(
    app: Flask, site: Settings, site_assistant: Assistant
) -> None:
    client = app.test_client()
    token = login(client)
    assistant = site_assistant

    response = upload(client, "/dokument/ladda-upp", "../zebralyftet.txt", ZEBRA.encode(), token)
    assert response.status_code == 303 and response.headers["Location"].endswith("/dokument")
    page = client.get("/dokument").get_data(as_text=True)
    assert "zebralyftet.txt är uppladdad" in page and "data-index-status" in page
    status = wait_for_index(client)
    assert status["state"] == "done" and status["summary"]["added"] == ["zebralyftet.txt"], status
    assert assistant.search("Zebralyftet projekt för äldre", 1)[0].chunk.document == "zebralyftet.txt"
    assert "Zebralyftet 2026" in client.get("/dokument").get_data(as_text=True)

    zebra_id = document_id("zebralyftet.txt")
    token = _csrf(client.get("/dokument").get_data(as_text=True))
    response = upload(client, f"/dokument/{zebra_id}/ersatt", "okapi.md", OKAPI.encode(), token)
    assert response.status_code == 303
    status = wait_for_index(client)
    assert status["summary"]["added"] == ["zebralyftet.md"] and status["summary"]["removed"] == ["zebralyftet.txt"]
    hit = assistant.search("Okapilyftet samordnare för unga vuxna", 1)[0]
    assert hit.chunk.document == "zebralyftet.md"
    assert all("Zebrasson" not in c.text for c in assistant.index.chunks)

    token = _csrf(client.get("/dokument").get_data(as_text=True))
    response = client.post(f"/dokument/{document_id('zebralyftet.md')}/ta-bort", data={"csrf_token": token})
    assert response.status_code == 303
    assert wait_for_index(client)["summary"]["removed"] == ["zebralyftet.md"]
    assert not (site.corpus / "zebralyftet.md").exists()
    assert all(info.path != "zebralyftet.md" for info in assistant.documents())
    assert client.post("/dokument/finns-inte/ta-bort", data={"csrf_token": token}).status_code == 404


def test_an_administrator_token_works_without_a_session(app: Flask, site: Settings) -> None:
    client = app.test_client()
    bearer = {"Authorization": f"Bearer {PASSWORD}", "Accept": "application/json"}
    response = upload(client, "/dokument/ladda-upp", "okapi.txt", OKAPI.encode(), None, **bearer)
    assert response.status_code == 202
    body = response.get_json()
    assert body["message"] == "okapi.txt är uppladdad och indexeras nu." and body["status"]["state"] == "running"
    assert wait_for_index(client)["summary"]["added"] == ["okapi.txt"]
    response = client.post(f"/dokument/{document_id('okapi.txt')}/ta-bort", headers=bearer)
    assert response.status_code == 202
    assert wait_for_index(client)["summary"]["removed"] == ["okapi.txt"]


def test_an_unreadable_file_can_be_deleted(app: Flask, site: Settings, site_assistant: Assistant) -> None:
    client = app.test_client()
    token = login(client)
    assert "trasig.pdf" in client.get("/dokument").get_data(as_text=True)
    response = client.post(f"/dokument/{document_id(BROKEN)}/ta-bort", data={"csrf_token": token})
    assert response.status_code == 303
    wait_for_index(client)
    assert not (site.corpus / BROKEN).exists() and site_assistant.failures() == []
    assert "data-failure" not in client.get("/dokument").get_data(as_text=True)


def test_a_site_login_covers_the_documents_page(site: Settings, site_assistant: Assistant) -> None:
    client = create_app(site.replace(require_login=True), site_assistant).test_client()
    response = client.get("/dokument")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/api/index-status").status_code == 401


def test_the_status_says_nothing_runs_at_first(app: Flask) -> None:
    status = app.test_client().get("/api/index-status").get_json()
    assert status == {
        "state": "idle", "running": False, "stage": "", "done": 0, "total": 0, "queued": False,
        "started": "", "finished": "", "message": "Ingen indexering pågår.", "summary": None, "error": None,
    }


# ---------- a live server while an upload is indexed ----------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _call(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.fixture()
def live(tmp_path: Path, corpus_copy: CopyCorpus, embedder: Embedder) -> Iterator[str]:
    """`plan-assistant serve` on a free port over an indexed copy; yields its base URL."""
    settings = corpus_copy(tmp_path, [MEETINGS, FOLLOW_UP])
    build_index(settings, embedder)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--corpus", str(settings.corpus),
         "--index", str(settings.index), "--port", str(port)],
        env={**os.environ, "PLAN_ASSISTANT_ADMIN_PASSWORD": PASSWORD},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _call(f"{base}/api/index-status")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_live_server_answers_every_query_while_an_upload_is_indexed(live: str) -> None:
    results: list[tuple[str, int, Any]] = []
    stop = threading.Event()

    def ask_and_search() -> None:
        question = json.dumps({"question": "Vad är Mini Maria?"}).encode()
        while not stop.is_set():
            for kind, url, data in (("ask", f"{live}/api/ask", question),
                                    ("search", f"{live}/api/search?q=Mini%20Maria&k=3", None)):
                try:
                    results.append((kind, *_call(url, data, {"Content-Type": "application/json"})))
                except OSError as exc:  # a refused or dropped connection is a failed query too
                    results.append((kind, -1, repr(exc)))

    workers = [threading.Thread(target=ask_and_search, daemon=True) for _ in range(2)]
    for worker in workers:
        worker.start()
    try:
        time.sleep(1)
        body, content_type = _multipart("zebralyftet.txt", ZEBRA.encode())
        status, answer = _call(f"{live}/dokument/ladda-upp", body, {
            "Content-Type": content_type, "Authorization": f"Bearer {PASSWORD}", "Accept": "application/json"})
        assert status == 202, answer
        during = len(results)
        deadline = time.monotonic() + 180
        while (state := _call(f"{live}/api/index-status")[1])["running"]:
            assert time.monotonic() < deadline, state
            time.sleep(0.2)
        assert state["state"] == "done" and "zebralyftet.txt" in state["summary"]["added"], state
        assert len(results) > during  # queries were answered while the index was built
        time.sleep(1)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
    assert results
    for kind, status, body in results:
        assert status == 200, (kind, body)
        if kind == "ask":
            assert body["found"] and body["citations"] and "Maria" in body["answer"], body
        else:
            assert body["passages"], body
    status, found = _call(f"{live}/api/search?q=Zebralyftet%20projekt%20f%C3%B6r%20%C3%A4ldre&k=1")
    assert status == 200 and found["passages"][0]["document"] == "zebralyftet.txt"


def test_the_first_document_can_be_uploaded_into_an_empty_index(tmp_path: Path) -> None:
    settings = Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", admin_password=PASSWORD)
    settings.corpus.mkdir()
    client = create_app(settings).test_client()
    assert "Indexet innehåller inga dokument ännu." in client.get("/dokument").get_data(as_text=True)
    bearer = {"Authorization": f"Bearer {PASSWORD}", "Accept": "application/json"}
    assert upload(client, "/dokument/ladda-upp", "okapi.txt", OKAPI.encode(), None, **bearer).status_code == 202
    assert wait_for_index(client)["summary"]["added"] == ["okapi.txt"]
    assert "Okapilyftet 2027" in client.get("/dokument").get_data(as_text=True)
    answer = client.post("/api/ask", json={"question": "Vem får stöd av Okapilyftet?"}).get_json()
    assert answer["found"] and answer["citations"][0]["document"] == "okapi.txt"


NON_ASCII_PASSWORD = "Hemligt-Lösen-2026"


def test_a_password_with_swedish_letters_works_in_the_form_and_as_a_bearer_token(
    site: Settings, site_assistant: Assistant
) -> None:
    client = create_app(site.replace(admin_password=NON_ASCII_PASSWORD), site_assistant).test_client()
    login(client, NON_ASCII_PASSWORD)
    # A server hands the header's UTF-8 bytes over as Latin-1 text, as waitress does.
    sent = f"Bearer {NON_ASCII_PASSWORD}".encode("utf-8").decode("latin-1")
    anonymous = create_app(site.replace(admin_password=NON_ASCII_PASSWORD), site_assistant).test_client()
    status = anonymous.get("/dokument", headers={"Authorization": sent})
    assert 'action="/dokument/ladda-upp"' in status.get_data(as_text=True)
    wrong = f"Bearer {NON_ASCII_PASSWORD.replace('ö', 'o')}".encode("utf-8").decode("latin-1")
    refused = anonymous.post("/dokument/x/ta-bort", headers={"Authorization": wrong, "Accept": "application/json"})
    assert refused.status_code == 401


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/finns-inte", 404), ("GET", "/documents/finns-inte", 404), ("POST", "/dokument/ladda-upp", 401),
    ("POST", "/dokument/x/ta-bort", 401), ("GET", "/api/ask", 405), ("POST", "/api/ask", 400),
    ("POST", "/api/feedback", 400),
])
def test_errors_are_json_for_a_json_client_on_every_route(app: Flask, method: str, path: str, status: int) -> None:
    client = app.test_client()
    response = client.open(path, method=method, headers={"Accept": "application/json"})
    assert response.status_code == status and response.is_json, response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == status and isinstance(body["error"], str) and body["error"]
    # A browser still gets the Swedish page, but for the API, which always answers in JSON.
    page = client.open(path, method=method, headers={"Accept": "text/html"})
    assert page.status_code == status and page.mimetype == ("application/json" if path.startswith("/api/") else "text/html")


def test_an_administrator_sets_a_documents_title_and_a_rebuild_keeps_it(
    site: Settings, site_assistant: Assistant
) -> None:
    app = create_app(site, site_assistant)
    client = app.test_client()
    token = login(client)
    doc_id = next(d.doc_id for d in site_assistant.documents() if d.path == MEETINGS)
    response = client.post(f"/dokument/{doc_id}/titel", data={"csrf_token": token, "title": "Mötesstruktur för NOSAM"})
    assert response.status_code == 303
    assert wait_for_index(client)["state"] == "done"
    assert "Mötesstruktur för NOSAM" in client.get("/dokument").get_data(as_text=True)
    answer = client.post("/api/ask", json={"question": "Vad är Mini Maria?"}).get_json()
    assert {c["title"] for c in answer["citations"] if c["document"] == MEETINGS} == {"Mötesstruktur för NOSAM"}
    # An empty title gives the document its own back.
    client.post(f"/dokument/{doc_id}/titel", data={"csrf_token": token, "title": ""})
    assert wait_for_index(client)["state"] == "done"
    assert "Mötesstruktur för NOSAM" not in client.get("/dokument").get_data(as_text=True)


def test_every_process_on_the_folder_shows_the_build_another_one_runs(
    site: Settings, site_assistant: Assistant
) -> None:
    # Two apps over one index folder, as two workers of `serve --workers 2` are: the upload reaches one,
    # the page's status requests may reach the other.
    first, second = create_app(site, site_assistant).test_client(), create_app(site, site_assistant).test_client()
    token = login(first)
    login(second)
    assert upload(first, "/dokument/ladda-upp", "giraffsteget.txt", ZEBRA.replace("Zebra", "Giraff").encode(),
                  token).status_code == 303
    seen = [second.get("/api/index-status").get_json()["state"]]
    done = wait_for_index(second)
    seen.append(done["state"])
    assert seen[0] in {"running", "done"} and done["state"] == "done", seen
    assert done["message"] == wait_for_index(first)["message"] and "1 ny" in done["message"]
    page = second.get("/dokument").get_data(as_text=True)
    assert 'data-state="done"' in page and "giraffsteget.txt" in page
    token = _csrf(page)
    assert second.post(f"/dokument/{document_id('giraffsteget.txt')}/ta-bort",
                       data={"csrf_token": token}).status_code == 303
    removed = wait_for_index(second)
    assert removed["summary"]["removed"] == ["giraffsteget.txt"]
    assert wait_for_index(first)["message"] == removed["message"]
