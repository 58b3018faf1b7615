"""Answers written by a site's language model, checked against the passages, through the HTTP API.

The model is a scripted OpenAI-compatible server on 127.0.0.1 (tests/scripted_model.py); everything
else is real: the sample index, the embedder, the reader, the Flask app and its JSON API.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

import pytest
from scripted_model import Reply, Request, ScriptedModel, scripted_model

from assistant.core import Assistant
from assistant.ingest.sentences import split_sentences
from assistant.web.app import create_app

QUESTION = "När startar arbetet med SIP i NOSAM Alingsås och Lerum?"
ABSENT = "Hur många simhallar har kommunen?"
API_KEY = "sk-hemlig-nyckel-4711"
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def client(model: ScriptedModel, sample_settings: Any, sample_index: Any, assistant: Any) -> Any:
    settings = sample_settings.replace(llm_url=model.url, llm_model="planmodell", llm_api_key=API_KEY,
                                       llm_timeout=TIMEOUT)
    return create_app(settings, Assistant.open(settings, assistant.embedder)).test_client()


@pytest.fixture(autouse=True)
def fresh(model: ScriptedModel) -> None:
    model.requests.clear()


def first_fact_sentence(request: Request) -> str:
    """A sentence of passage [1] with a number in it (or its first sentence): what a faithful model says."""
    sentences = [" ".join(s.split()) for s in split_sentences(request.sources[1])]
    return next((s for s in sentences if re.search(r"\d", s)), sentences[0]).rstrip(".")


def ask(client: Any, question: str = QUESTION, **body: Any) -> dict[str, Any]:
    response = client.post("/api/ask", json={"question": question, **body})
    assert response.status_code == 200
    reply: dict[str, Any] = response.get_json()
    return reply


def test_a_correct_cited_answer_is_shown_as_generated(client: Any, model: ScriptedModel) -> None:
    model.script = lambda request: Reply(f"{first_fact_sentence(request)} [1].")
    reply = ask(client)
    said = first_fact_sentence(model.requests[0])
    assert reply["mode"] == "generated" and reply["fallback"] is None and reply["found"] is True
    assert reply["answer"] == f"{said}. [1]"
    citation = reply["citations"][0]
    assert citation["n"] == 1 and "markera=" in citation["url"]
    # The quote holds the claim's numbers, so the [1] opens the passage that says it.
    for number in re.findall(r"\d+", said):
        assert number in citation["quote"]
    # Every key of the extractive contract is still there.
    assert {"question", "answer", "found", "citations", "related", "activities", "truncated"} <= reply.keys()


def test_the_prompt_numbers_the_passages_with_title_and_asks_for_citations(client: Any, model: ScriptedModel) -> None:
    model.script = lambda request: Reply("INGET SVAR")
    ask(client)
    body = model.requests[0].body
    assert model.requests[0].path == "/v1/chat/completions" and body["model"] == "planmodell"
    system, question = body["messages"][0]["content"], body["messages"][-1]["content"]
    assert "[2]" in system and "INGET SVAR" in system and "svenska" in system
    assert question.startswith("Källor:\n\n[1] ") and question.endswith(f"Fråga: {QUESTION}")
    assert len(model.requests[0].sources) >= 2


def test_a_sentence_with_a_year_or_amount_its_passage_lacks_is_dropped(client: Any, model: ScriptedModel) -> None:
    model.script = lambda request: Reply(
        f"{first_fact_sentence(request)} [1]. Satsningen kostar 987 654 kronor [1]. Den pågår till 2099 [1].")
    reply = ask(client)
    assert reply["mode"] == "generated"
    assert reply["answer"] == f"{first_fact_sentence(model.requests[0])}. [1]"
    assert "987" not in reply["answer"] and "2099" not in reply["answer"]


def test_a_name_no_passage_mentions_is_dropped(client: Any, model: ScriptedModel) -> None:
    model.script = lambda request: Reply(
        f"Arbetet leds av Region Västernorrland [1]. {first_fact_sentence(request)} [1].")
    reply = ask(client)
    assert reply["mode"] == "generated" and "Västernorrland" not in reply["answer"]


def test_an_answer_without_citations_falls_back_to_the_quoted_answer(client: Any, model: ScriptedModel) -> None:
    quoted = ask(client, generate=False)
    model.script = lambda request: Reply(first_fact_sentence(request) + ".")
    reply = ask(client)
    assert reply["mode"] == "extractive" and reply["fallback"] == "ingen mening i modellens svar höll mot källorna"
    assert reply["answer"] == quoted["answer"] and reply["citations"] == quoted["citations"]


def test_a_citation_of_a_passage_never_given_falls_back(client: Any, model: ScriptedModel) -> None:
    model.script = lambda request: Reply(f"{first_fact_sentence(request)} [9].")
    reply = ask(client)
    assert reply["mode"] == "extractive" and reply["fallback"]


def test_when_the_model_finds_no_answer_the_quoted_answer_stands(client: Any, model: ScriptedModel) -> None:
    model.script = lambda request: Reply("INGET SVAR")
    reply = ask(client)
    assert reply["mode"] == "extractive" and reply["fallback"] == "modellen fann inget svar i källorna"
    assert reply["found"] is True and reply["citations"]


@pytest.mark.parametrize(("reply", "reason"), [
    (Reply(status=500, raw=b'{"error": "internal"}'), "modellen svarade med fel 500"),
    (Reply(raw=b"<html>inte json</html>"), "modellens svar följde inte protokollet"),
    (Reply(raw=b'{"choices": []}'), "modellens svar följde inte protokollet"),
    (Reply(content="   "), "modellen gav ett tomt svar"),
    (Reply(content="sent", delay=TIMEOUT + 1.5), f"modellen svarade inte inom {TIMEOUT:g} s"),
], ids=["error-500", "not-json", "no-choices", "empty", "slow"])
def test_a_failing_model_falls_back_with_the_reason(client: Any, model: ScriptedModel, reply: Reply, reason: str) -> None:
    quoted = ask(client, generate=False)
    model.script = lambda request: reply
    answer = ask(client)
    assert answer["mode"] == "extractive" and answer["fallback"] == reason
    assert answer["answer"] == quoted["answer"]


def test_an_unreachable_model_falls_back(sample_settings: Any, assistant: Any) -> None:
    with scripted_model() as gone:
        url = gone.url
    settings = sample_settings.replace(llm_url=url, llm_timeout=TIMEOUT)
    client = create_app(settings, Assistant.open(settings, assistant.embedder)).test_client()
    reply = ask(client)
    assert reply["mode"] == "extractive" and reply["fallback"].startswith("modellen gick inte att nå")


def test_when_the_documents_do_not_answer_the_model_is_not_asked(client: Any, model: ScriptedModel) -> None:
    model.script = lambda request: Reply("Kommunen har tre simhallar [1].")
    reply = ask(client, ABSENT)
    assert reply["found"] is False and reply["mode"] == "extractive" and reply["fallback"] is None
    assert model.requests == []


def test_the_page_asks_for_the_quoted_answer_first(client: Any, model: ScriptedModel) -> None:
    reply = ask(client, generate=False)
    assert reply["mode"] == "extractive" and reply["fallback"] is None and model.requests == []
    assert 'data-model="true"' in client.get("/").get_data(as_text=True)
    assert client.post("/api/ask", json={"question": QUESTION, "generate": "ja"}).status_code == 400


def test_a_follow_up_sends_the_conversation_so_far(client: Any, model: ScriptedModel) -> None:
    model.script = lambda request: Reply("INGET SVAR")
    history = [{"question": "Vad är SIP?", "answer": "Samordnad individuell plan. [1]"}]
    ask(client, "Vem ansvarar för den?", history=history)
    roles = [(m["role"], m["content"]) for m in model.requests[0].body["messages"]]
    assert roles[1:3] == [("user", "Vad är SIP?"), ("assistant", "Samordnad individuell plan. [1]")]


def test_the_api_key_is_sent_as_a_bearer_token_and_never_logged(
        client: Any, model: ScriptedModel, caplog: Any, capfd: Any) -> None:
    caplog.set_level(logging.DEBUG)
    for script in (lambda r: Reply(f"{first_fact_sentence(r)} [1]."), lambda r: Reply(status=500),
                   lambda r: Reply("utan källa")):
        model.script = script
        ask(client)
    assert {r.headers["Authorization"] for r in model.requests} == {f"Bearer {API_KEY}"}
    assert any("Språkmodell" in record.getMessage() for record in caplog.records)
    captured = capfd.readouterr()
    assert API_KEY not in caplog.text and API_KEY not in captured.out + captured.err
    assert API_KEY not in repr(client.application.config) + repr(client.application.extensions)


def test_without_a_model_no_network_call_is_made(sample_settings: Any, assistant: Any) -> None:
    connections: list[Any] = []
    watching = [True]

    def audit(event: str, args: Any) -> None:
        if watching[0] and event == "socket.connect":
            connections.append(args[1])

    sys.addaudithook(audit)
    try:
        client = create_app(sample_settings, assistant).test_client()
        reply = ask(client)
        assert client.get("/").get_data(as_text=True).count('data-model="false"') == 1
    finally:
        watching[0] = False  # an audit hook cannot be removed; it stops recording
    assert reply["mode"] == "extractive" and reply["fallback"] is None and reply["found"] is True
    assert connections == []


def model_outcomes(client: Any) -> dict[str, float]:
    from prometheus_client.parser import text_string_to_metric_families

    text = client.get("/metrics").get_data(as_text=True)
    return {sample.labels["outcome"]: sample.value for family in text_string_to_metric_families(text)
            for sample in family.samples if sample.name == "plan_assistant_model_answers_total"}


def test_metrics_count_generated_answers_and_fallbacks(client: Any, model: ScriptedModel) -> None:
    before = model_outcomes(client)
    model.script = lambda request: Reply(f"{first_fact_sentence(request)} [1].")
    assert ask(client)["mode"] == "generated"
    model.script = lambda request: Reply("INGET SVAR")
    assert ask(client)["fallback"]
    ask(client, generate=False)  # the quoted answer only: the model was not asked
    ask(client, ABSENT)  # the documents do not answer: the model is not asked
    after = model_outcomes(client)
    assert after.get("generated", 0) - before.get("generated", 0) == 1
    assert after.get("fallback", 0) - before.get("fallback", 0) == 1
