"""What staff and administrators see, in Debian's Chromium: answers that read well, sources that say what
they are, the source view marking the quoted sentences, the login page, and a refused upload shown where
it was made. Screenshots go to tests/screenshots/ (look at them)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SCREENSHOTS, ask_in_page, needs_chromium, served

from assistant.web.app import create_app

pytestmark = needs_chromium

PASSWORD = "Hemligt-Lösen-2026"
LIST_QUESTION = "Vilka ingår i samordningsgruppen?"




@pytest.fixture(scope="module")
def admin_site(sample_settings: Any, sample_index: Path, assistant: Any, tmp_path_factory: Any) -> Iterator[str]:
    """The app over a copy of the sample corpus and index, with an administrator password, on waitress."""
    folder = tmp_path_factory.mktemp("admin-site")
    corpus, index = folder / "corpus", folder / "index"
    shutil.copytree(sample_settings.corpus, corpus)
    shutil.copytree(sample_index, index, ignore=shutil.ignore_patterns(".lock"))
    settings = sample_settings.replace(corpus=corpus, index=index, admin_password=PASSWORD)
    from assistant.core import Assistant

    with served(create_app(settings, Assistant.open(settings, assistant.embedder))) as url:
        yield url


def test_an_answer_reads_as_sentences_and_a_list_with_its_sources(page: Any, live_server: str) -> None:
    turn = ask_in_page(page, live_server, LIST_QUESTION)
    text = turn.locator("[data-answer-text]")
    lines = text.locator(".answer__line")
    items = text.locator(".answer__item")
    assert lines.count() >= 1 and items.count() >= 2
    # Each quoted sentence ends as a sentence, its citation after it.
    first = lines.first.inner_text()
    assert re.search(r"[.:!?] ?\[\d\]", first.replace("\u00a0", " ")) or first.rstrip().endswith("]")
    assert all(item.locator(".cite__link").count() == 1 for item in items.all())
    # Each source shows its title once, then where in it and when the document is from.
    sources = turn.locator("[data-source]")
    assert sources.count() >= 1
    for source in sources.all():
        title = source.locator(".source__link").inner_text()
        place = source.locator(".source__place").inner_text()
        assert title and title not in place and re.search(r"\b(19|20)\d\d\b", place), (title, place)
    page.screenshot(path=str(SCREENSHOTS / "20-answer-sentences-and-list.png"), full_page=True)


def test_the_source_view_marks_the_quoted_sentences(page: Any, live_server: str) -> None:
    turn = ask_in_page(page, live_server, "Vad är Mini-Maria?")
    quote = turn.locator(".cite__link").first
    quote.click()
    page.wait_for_url("**/documents/**#chunk-*")
    marked = page.locator("mark.quoted")
    marked.first.wait_for()
    assert "Vänder sig till unga" in marked.first.inner_text()
    target = page.locator(".chunk.is-target")
    whole, quoted = target.inner_text(), " ".join(m.inner_text() for m in target.locator("mark.quoted").all())
    assert 0 < len(quoted) < len(whole)
    page.screenshot(path=str(SCREENSHOTS / "21-source-view-quoted-sentences.png"))


def test_the_login_page_is_in_the_sites_style(page: Any, admin_site: str) -> None:
    page.goto(admin_site + "/login")
    form = page.locator("[data-login]")
    assert form.is_visible() and page.locator("h1").inner_text() == "Logga in"
    field = page.locator("#password")
    assert field.bounding_box()["height"] >= 40
    button = page.locator(".login__button")
    assert button.evaluate("node => getComputedStyle(node).backgroundColor") == "rgb(31, 95, 91)"
    page.screenshot(path=str(SCREENSHOTS / "22-login-page.png"))
    field.fill("fel lösenord")
    button.click()
    assert "Fel lösenord" in page.locator("[data-login-error]").inner_text()
    page.fill("#password", PASSWORD)
    page.click(".login__button")
    page.wait_for_url("**/")


def test_a_refused_upload_is_shown_on_the_documents_page(page: Any, admin_site: str, tmp_path: Path) -> None:
    page.goto(admin_site + "/login?next=/dokument")
    page.fill("#password", PASSWORD)
    page.click(".login__button")
    page.wait_for_url("**/dokument")
    fake = tmp_path / "plan.pdf"
    fake.write_text("Det här är ingen PDF utan vanlig text.", encoding="utf-8")
    page.set_input_files("#upload-file", str(fake))
    page.click("[data-upload] button[type=submit]")
    page.wait_for_url("**/dokument")
    refused = page.locator("[data-refused]")
    refused.wait_for()
    assert "plan.pdf" in refused.inner_text() and "inte en PDF" in refused.inner_text()
    # The rest of the page is there: the upload form and every document.
    assert page.locator("[data-upload]").is_visible() and page.locator("[data-documents] tbody tr").count() == 5
    page.screenshot(path=str(SCREENSHOTS / "23-refused-upload.png"), full_page=True)
