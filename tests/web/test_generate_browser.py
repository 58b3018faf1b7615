"""The page with a site's language model, in Debian's Chromium: the quoted answer shows at once with
"Formulerar svar …", and the model's checked answer replaces it, marked as written by the model. The
model is the scripted OpenAI-compatible server (tests/scripted_model.py), slow on purpose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SCREENSHOTS, ask_in_page, needs_chromium, served
from scripted_model import Reply, Request, ScriptedModel

from assistant.core import Assistant
from assistant.ingest.sentences import split_sentences
from assistant.web.app import create_app

pytestmark = needs_chromium

QUESTION = "När startar arbetet med SIP i NOSAM Alingsås och Lerum?"
# Long enough to see the quoted answer and the waiting line in the page before the model's answer.
MODEL_SECONDS = 2.0


@pytest.fixture(scope="module")
def model_site(model: ScriptedModel, sample_settings: Any, sample_index: Path, assistant: Any) -> Iterator[str]:
    settings = sample_settings.replace(llm_url=model.url, llm_model="planmodell", llm_timeout=10.0)
    with served(create_app(settings, Assistant.open(settings, assistant.embedder))) as url:
        yield url


def faithful(request: Request) -> Reply:
    """A model that says the first sentence of passage [1] with its citation, after a while."""
    sentence = " ".join(split_sentences(request.sources[1])[0].split()).rstrip(".")
    return Reply(f"{sentence} [1].", delay=MODEL_SECONDS)


def test_the_quoted_answer_comes_first_and_the_model_answer_replaces_it(
        page: Any, model_site: str, model: ScriptedModel) -> None:
    model.script = faithful
    turn = ask_in_page(page, model_site, QUESTION)
    # At once: the quoted answer, with its sources, and the line saying a model is writing.
    writing = turn.locator("[data-writing]")
    assert writing.is_visible() and writing.inner_text().strip() == "Formulerar svar …"
    quoted = turn.locator("[data-answer-text]").inner_text()
    assert turn.locator("[data-generated]").count() == 0 and turn.locator("[data-source]").count() >= 1
    page.screenshot(path=str(SCREENSHOTS / "generate-writing.png"), full_page=True)

    turn.locator("[data-generated]").wait_for(timeout=15_000)
    assert turn.locator("[data-generated]").inner_text() == "Formulerat av språkmodell utifrån källorna"
    assert turn.locator("[data-writing]").count() == 0
    written = turn.locator("[data-answer-text]").inner_text()
    said = faithful(model.requests[-1]).content.removesuffix(" [1].")
    assert written != quoted and said in written.replace("\u00a0", " ")
    # Its [1] still opens the passage, with the quoted sentences marked.
    link = turn.locator("[data-answer-text] .cite__link").first
    assert re.search(r"/documents/.+markera=\d+-\d+", link.get_attribute("href") or "")
    page.screenshot(path=str(SCREENSHOTS / "generate-written.png"), full_page=True)


def test_when_the_model_gives_nothing_usable_the_quoted_answer_stays(
        page: Any, model_site: str, model: ScriptedModel) -> None:
    model.script = lambda request: Reply("INGET SVAR", delay=0.5)
    turn = ask_in_page(page, model_site, QUESTION)
    quoted = turn.locator("[data-answer-text]").inner_text()
    turn.locator("[data-writing]").wait_for(state="detached", timeout=15_000)
    assert turn.locator("[data-generated]").count() == 0
    assert turn.locator("[data-answer-text]").inner_text() == quoted
