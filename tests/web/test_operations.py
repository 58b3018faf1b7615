"""What operations sees, through the real app over the sample index: /healthz, /readyz, /metrics (parsed
as Prometheus text), the request id, and a log line per request without the question's words."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from assistant.core import Assistant
from assistant.indexing.store import CURRENT
from assistant.web.app import create_app
from assistant.web.logs import LineFormatter

QUESTION = "Vem ansvarar för Mini-Maria i Lerum?"
ABSENT = "Hur många simhallar har kommunen?"
PASSWORD = "Drift-Lösen-2026"


@pytest.fixture(scope="module")
def client(sample_settings: Any, assistant: Any) -> Any:
    return create_app(sample_settings, assistant).test_client()


def metrics(client: Any, **headers: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Scrape /metrics and parse it: {(sample name, sorted labels): value}."""
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200 and response.mimetype == "text/plain"
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.get_data(as_text=True))
            for sample in family.samples}


def test_healthz_says_the_process_answers(client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_names_the_open_generation_and_its_age(client: Any, sample_index: Path) -> None:
    ready = client.get("/readyz").get_json()
    assert ready["ready"] is True
    assert ready["generation"] == Path((sample_index / CURRENT).read_text(encoding="utf-8").strip()).name
    assert ready["age_seconds"] >= 0 and ready["documents"] == 5 and ready["chunks"] > 50


def test_readyz_is_503_while_there_is_no_index(sample_settings: Any, assistant: Any, tmp_path: Path) -> None:
    settings = sample_settings.replace(index=tmp_path / "index")
    app = create_app(settings, None).test_client()
    assert app.get("/healthz").status_code == 200
    response = app.get("/readyz")
    assert response.status_code == 503 and response.get_json()["ready"] is False
    assert "plan-assistant index" in response.get_json()["reason"]


def test_metrics_count_requests_answers_and_describe_the_index(client: Any) -> None:
    before = metrics(client)
    assert client.post("/api/ask", json={"question": QUESTION}).get_json()["found"] is True
    assert client.post("/api/ask", json={"question": ABSENT}).get_json()["found"] is False
    assert client.post("/api/ask", json={}).status_code == 400
    after = metrics(client)

    def grew(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert grew("plan_assistant_requests_total", route="/api/ask", method="POST", status="200") == 2
    assert grew("plan_assistant_requests_total", route="/api/ask", method="POST", status="400") == 1
    assert grew("plan_assistant_request_seconds_count", route="/api/ask") == 3
    assert grew("plan_assistant_answers_total", found="true") == 1
    assert grew("plan_assistant_answers_total", found="false") == 1
    # No model configured: nothing counted as generated or fallen back.
    assert not [key for key in after if key[0] == "plan_assistant_model_answers_total" and grew(key[0], **dict(key[1]))]
    assert after[("plan_assistant_index_documents", ())] == 5
    assert after[("plan_assistant_index_chunks", ())] > 50
    assert after[("plan_assistant_index_generation_age_seconds", ())] >= 0
    assert after[("plan_assistant_last_build_failures", ())] == 0
    assert after[("plan_assistant_last_build_seconds", ())] > 0
    # Probes and scrapes are not counted as use.
    assert not [key for key in after if "/metrics" in str(key) or "/healthz" in str(key)]


def test_with_a_site_login_metrics_need_the_administrator_token(sample_settings: Any, assistant: Any) -> None:
    settings = sample_settings.replace(require_login=True, admin_password=PASSWORD, site_password="läsare")
    app = create_app(settings, Assistant.open(settings, assistant.embedder)).test_client()
    assert app.get("/healthz").status_code == 200 and app.get("/readyz").status_code == 200
    assert app.get("/metrics").status_code == 401
    assert app.get("/metrics", headers={"Authorization": "Bearer läsare"}).status_code == 401
    assert app.get("/metrics", headers={"Authorization": f"Bearer {PASSWORD}"}).status_code == 200


def test_each_request_has_an_id_sent_back(client: Any) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "lb-4711.a"})
    assert given.headers["X-Request-ID"] == "lb-4711.a"
    # A header that could forge log lines is replaced by an id of our own.
    forged = client.get("/healthz", headers={"X-Request-ID": "x\" found=true"})
    assert forged.headers["X-Request-ID"] != "x\" found=true" and len(forged.headers["X-Request-ID"]) == 32


def request_lines(caplog: Any, as_json: bool) -> list[str]:
    formatter = LineFormatter(as_json)
    return [formatter.format(record) for record in caplog.records if record.name == "plan_assistant.requests"]


def test_a_request_is_logged_as_one_line_without_the_question(client: Any, caplog: Any) -> None:
    with caplog.at_level(logging.INFO):
        client.post("/api/ask", json={"question": QUESTION}, headers={"X-Request-ID": "req-1"})
        client.get("/api/search", query_string={"q": QUESTION})
    lines = request_lines(caplog, as_json=True)
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["request_id"] == "req-1" and first["route"] == "/api/ask" and first["status"] == 200
    assert first["found"] is True and first["ms"] > 0 and first["time"]
    # Neither the question nor a word of it, in any record of the whole request.
    everything = " ".join(LineFormatter(False).format(record) for record in caplog.records)
    assert "Mini-Maria" not in everything and "ansvarar" not in everything
    text = request_lines(caplog, as_json=False)[0]
    assert "request_id=req-1" in text and "route=/api/ask" in text and "found=true" in text


def test_questions_are_logged_only_when_asked_to(sample_settings: Any, assistant: Any, caplog: Any) -> None:
    app = create_app(sample_settings.replace(log_questions=True), assistant).test_client()
    with caplog.at_level(logging.INFO):
        app.post("/api/ask", json={"question": QUESTION})
    assert json.loads(request_lines(caplog, as_json=True)[0])["question"] == QUESTION


def failed_login(client: Any, address: str) -> int:
    page = client.get("/login", headers={"X-Forwarded-For": address}).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, page
    response = client.post("/login", data={"csrf_token": token.group(1), "password": "fel"},
                           headers={"X-Forwarded-For": address})
    return int(response.status_code)


def test_behind_a_trusted_proxy_failed_logins_count_per_client(sample_settings: Any, assistant: Any) -> None:
    settings = sample_settings.replace(admin_password=PASSWORD, proxies=1)
    app = create_app(settings, Assistant.open(settings, assistant.embedder)).test_client()
    assert [failed_login(app, "10.20.30.1") for _ in range(6)] == [401] * 5 + [429]
    # Another member of staff behind the same proxy is not locked out by the first one's mistakes.
    assert failed_login(app, "10.20.30.2") == 401
