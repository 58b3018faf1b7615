"""The chat page as staff use it: Debian's Chromium, driven by Playwright, on the real app over the sample index.

Each test opens a fresh page (a fresh browser context, so an empty localStorage) and asks real
questions. Screenshots of the main states go to tests/screenshots/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from conftest import SCREENSHOTS, needs_chromium

from assistant.settings import Settings
from assistant.web.feedback_store import NOT_HELPFUL, FeedbackStore, feedback_path

pytestmark = needs_chromium

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 375, "height": 740}

# Questions the sample corpus answers, and one it does not.
PDF_QUESTION = "Vad erbjuder Folktandvården vård- och omsorgspersonal?"
SIP_QUESTION = "Vem ansvarar för SIP för barn och unga?"
SIP_FOLLOW_UP = "När ska det vara klart?"
ABSENT_QUESTION = "Hur ansöker jag om parkeringstillstånd i Alingsås?"
MARK_COLOUR = "rgb(255, 241, 184)"  # --mark in style.css: a passage opened without quotes marked
LIGHT_COLOUR = "rgb(255, 250, 234)"  # --mark-light: the rest of a passage whose quotes are marked
QUOTE_COLOUR = "rgb(255, 217, 102)"  # --quote: the sentences the answer quoted




@dataclass
class Chat:
    """A page of the running app, with the console errors it logged and the steps a person takes."""

    page: Any
    base_url: str
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "/") -> None:
        """Go to a page of the app."""
        self.page.goto(self.base_url + path)

    def ask(self, question: str) -> Any:
        """Type a question, press Enter, and return its turn once it is answered (or has failed)."""
        index = self.page.locator("[data-turn]").count()
        self.page.fill("#question", question)
        self.page.press("#question", "Enter")
        return self.settled_turn(index)

    def settled_turn(self, index: int) -> Any:
        """Return the turn at `index` once it is no longer waiting for the server."""
        turn = self.page.locator(f'[data-turn="{index}"]:not([data-status="pending"])')
        turn.wait_for()
        return turn

    def shoot(self, name: str, full_page: bool = False) -> None:
        """Save a screenshot as tests/screenshots/<name>.png."""
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


@pytest.fixture()
def chat(browser: Any, live_server: str) -> Iterator[Chat]:
    """A fresh desktop-sized page on the chat."""
    with open_chat(browser, live_server, DESKTOP) as chat:
        yield chat


@contextmanager
def open_chat(browser: Any, base_url: str, viewport: dict[str, int]) -> Iterator[Chat]:
    """Open the chat in a new browser context of the given size, and close it afterwards."""
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    page = context.new_page()
    chat = Chat(page, base_url)
    page.on("console", lambda message: chat.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: chat.errors.append(str(error)))
    try:
        chat.open()
        yield chat
    finally:
        context.close()


def test_an_empty_page_offers_example_questions_that_work(chat: Chat) -> None:
    page = chat.page
    assert page.get_attribute("html", "lang") == "sv"
    examples = page.locator("[data-example]")
    assert examples.count() >= 3
    assert page.locator("#new-conversation").is_hidden()
    chat.shoot("01-empty-page")
    first = examples.first.inner_text()
    examples.first.click()
    turn = chat.settled_turn(0)
    assert turn.locator("[data-question]").inner_text() == first
    assert turn.locator("[data-answer]").get_attribute("data-found") == "true"
    assert page.locator("#welcome").is_hidden() and page.locator("#new-conversation").is_visible()
    assert chat.errors == []


def test_an_answer_has_numbered_citations_with_quotes_and_sources(chat: Chat) -> None:
    page = chat.page
    # The page shows that it is thinking while the server works: hold the request to look.
    held: list[Any] = []
    page.route("**/api/ask", lambda route: held.append(route), times=1)
    page.fill("#question", PDF_QUESTION)
    page.press("#question", "Enter")
    page.locator("[data-pending]").wait_for()
    assert "Letar i dokumenten" in page.inner_text("[data-pending]")
    assert page.get_attribute("#thread", "aria-busy") == "true"
    assert page.is_disabled("#send")
    held[0].continue_()
    answer = chat.settled_turn(0).locator("[data-answer]")
    assert answer.get_attribute("data-found") == "true"
    assert "Folktandvården" in answer.locator("[data-answer-text]").inner_text()

    marker = answer.locator(".cite__link").first
    assert re.fullmatch(r"\[\d+\]", marker.inner_text())
    tip = answer.locator(".cite__tip").first
    assert not tip.is_visible()
    marker.hover()
    wait_until_shown(tip)
    assert "Folktandvården erbjuder" in tip.inner_text()
    chat.shoot("02-answer-with-citation-preview")

    sources = answer.locator("[data-sources] [data-source]")
    assert sources.count() >= 1
    first_source = sources.first.inner_text()
    assert "Årsrapport" in first_source and re.search(r"s\. \d+", first_source)
    assert page.get_attribute("#thread", "aria-live") == "polite"
    assert chat.errors == []


def test_opening_a_citation_lands_on_the_highlighted_passage_and_its_pdf_page(chat: Chat) -> None:
    page = chat.page
    answer = chat.ask(PDF_QUESTION).locator("[data-answer]")
    marker = answer.locator(".cite__link").first
    chunk_id = (marker.get_attribute("href") or "").split("#chunk-")[1]
    marker.click()
    page.wait_for_url(f"**/documents/**#chunk-{chunk_id}")
    passage = page.locator(f"#chunk-{chunk_id}")
    passage.wait_for()
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=f"chunk-{chunk_id}")
    # The sentence the answer quoted is marked strongly, the rest of the passage lightly.
    assert passage.evaluate("node => getComputedStyle(node).backgroundColor") == LIGHT_COLOUR
    quoted = passage.locator("mark.quoted")
    assert quoted.first.evaluate("node => getComputedStyle(node).backgroundColor") == QUOTE_COLOUR
    assert any("Folktandvården erbjuder" in mark.inner_text() for mark in quoted.all())
    assert passage.evaluate(
        "node => { const r = node.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }"
    )
    assert "Folktandvården erbjuder" in passage.inner_text()
    chat.shoot("03-source-view-highlighted")

    # A passage of a PDF links to the original file, opened at the passage's page.
    page_link = passage.locator("a.chunk__page")
    assert page_link.is_visible()
    href = page_link.get_attribute("href") or ""
    assert re.fullmatch(r"/documents/[^/]+/file#page=\d+", href)
    pdf = page.request.get(chat.base_url + href.split("#")[0])
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert chat.errors == []


def test_a_follow_up_question_uses_the_conversation(chat: Chat) -> None:
    page = chat.page
    first = chat.ask(SIP_QUESTION)
    assert first.locator("[data-answer]").get_attribute("data-found") == "true"
    with page.expect_request("**/api/ask") as request:
        second = chat.ask(SIP_FOLLOW_UP)
    sent = json.loads(request.value.post_data or "{}")
    assert sent["question"] == SIP_FOLLOW_UP
    assert [turn["question"] for turn in sent["history"]] == [SIP_QUESTION]
    assert sent["history"][0]["answer"] == first.locator("[data-answer-text]").inner_text()
    # Alone, "När ska det vara klart?" finds nothing; after the SIP question it finds the deadline.
    answer = second.locator("[data-answer]")
    assert answer.get_attribute("data-found") == "true"
    assert "2027" in answer.locator("[data-answer-text]").inner_text()
    assert page.locator("[data-turn]").count() == 2
    assert chat.errors == []


def test_the_conversation_survives_a_reload_until_a_new_one_is_started(chat: Chat) -> None:
    page = chat.page
    answer_text = chat.ask(PDF_QUESTION).locator("[data-answer-text]").inner_text()
    page.reload()
    turn = page.locator('[data-turn="0"]')
    assert turn.locator("[data-question]").inner_text() == PDF_QUESTION
    assert turn.locator("[data-answer-text]").inner_text() == answer_text
    assert turn.locator(".cite__link").count() >= 1
    assert page.locator("#welcome").is_hidden()

    page.click("#new-conversation")
    assert page.locator("[data-turn]").count() == 0
    assert page.locator("#welcome").is_visible()
    assert page.evaluate("document.activeElement.id") == "question"
    page.reload()
    assert page.locator("[data-turn]").count() == 0
    assert chat.errors == []


def wait_until_shown(tip: Any) -> None:
    """Wait until a citation preview has faded fully in."""
    tip.wait_for(state="visible")
    tip.evaluate("node => node.getAnimations().forEach(animation => animation.finish())")
    assert tip.evaluate("node => getComputedStyle(node).opacity") == "1"


def outline_of(chat: Chat) -> dict[str, str]:
    """Return the focus outline of the element that has the focus."""
    return dict(chat.page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor}; }"
    ))


def tab_until(chat: Chat, selector: str, key: str = "Tab", limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until the focus is on an element matching `selector`."""
    for _ in range(limit):
        chat.page.keyboard.press(key)
        if chat.page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{key} never reached {selector}")


def assert_focus_is_visible(chat: Chat) -> None:
    """Check that the focused element draws an outline of at least two pixels."""
    outline = outline_of(chat)
    assert outline["style"] != "none" and float(outline["width"].removesuffix("px")) >= 2, outline


def test_the_page_works_with_the_keyboard_alone(chat: Chat) -> None:
    page = chat.page
    tab_until(chat, "#question")
    assert_focus_is_visible(chat)
    # Shift+Enter adds a line and sends nothing.
    page.keyboard.type("Vad är")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("Mini Maria?")
    assert page.input_value("#question") == "Vad är\nMini Maria?"
    assert page.locator("[data-turn]").count() == 0
    page.keyboard.press("Control+A")
    page.keyboard.type(PDF_QUESTION)
    page.keyboard.press("Enter")
    chat.settled_turn(0)
    assert page.evaluate("document.activeElement.id") == "question"

    tab_until(chat, ".cite__link", key="Shift+Tab")
    assert_focus_is_visible(chat)
    tip = page.locator(".cite:focus-within .cite__tip")
    wait_until_shown(tip)
    assert "Folktandvården" in tip.inner_text()
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/**#chunk-*")
    target = page.locator(".chunk.is-target")
    target.wait_for()
    assert target.evaluate("node => getComputedStyle(node).backgroundColor") in (MARK_COLOUR, LIGHT_COLOUR)
    assert chat.errors == []


def test_nothing_found_is_said_plainly_with_the_nearest_passages(chat: Chat) -> None:
    answer = chat.ask(ABSENT_QUESTION).locator("[data-answer]")
    assert answer.get_attribute("data-found") == "false"
    assert answer.locator("[data-answer-text]").inner_text() == "Jag hittar inget om det i dokumenten."
    assert answer.locator("[data-sources]").count() == 0 and answer.locator(".cite__link").count() == 0
    related = answer.locator("[data-related]")
    assert related.locator("h3").inner_text().lower() == "kanske relevant"
    links = related.locator("a")
    assert links.count() >= 1
    assert all("#chunk-" in (links.nth(i).get_attribute("href") or "") for i in range(links.count()))
    chat.shoot("04-nothing-found")
    assert chat.errors == []


def test_feedback_is_stored_with_the_question_answer_and_citations(chat: Chat, sample_settings: Settings) -> None:
    page = chat.page
    turn = chat.ask(SIP_QUESTION)
    answer_text = turn.locator("[data-answer-text]").inner_text()
    feedback = turn.locator("[data-feedback]")
    assert feedback.inner_text().startswith("Var svaret till hjälp?")
    with page.expect_response("**/api/feedback") as rated:
        feedback.get_by_role("button", name="Nej, svaret var inte till hjälp").click()
    assert rated.value.status == 201
    feedback_id = rated.value.json()["id"]
    assert feedback.locator('[data-rating="-1"]').get_attribute("aria-pressed") == "true"
    comment = "Jag ville veta vem som sammankallar."
    feedback.get_by_label("Vill du berätta mer? (valfritt)").fill(comment)
    chat.shoot("05-feedback-form")
    feedback.get_by_role("button", name="Skicka kommentar").click()
    feedback.get_by_text("Tack för kommentaren!").wait_for()
    assert page.evaluate("document.activeElement.dataset.feedbackStatus") == ""

    stored = {e.id: e for e in FeedbackStore(feedback_path(sample_settings.index)).entries()}
    entry = stored[feedback_id]
    assert (entry.question, entry.rating, entry.found, entry.comment) == (SIP_QUESTION, NOT_HELPFUL, True, comment)
    assert re.sub(r"\s+", " ", entry.answer).strip() == re.sub(r"\s+", " ", answer_text).strip()
    assert entry.citations and entry.citations[0].url.startswith("/documents/")

    # The rating belongs to the conversation: after a reload it is still shown, not asked again.
    page.reload()
    again = page.locator('[data-turn="0"] [data-feedback]')
    assert again.locator('[data-rating="-1"]').get_attribute("aria-pressed") == "true"
    assert "Tack för kommentaren!" in again.inner_text()
    assert chat.errors == []


def test_the_layout_fits_a_phone(browser: Any, live_server: str) -> None:
    with open_chat(browser, live_server, PHONE) as phone:
        page = phone.page
        phone.shoot("06-phone-empty")
        phone.ask(SIP_QUESTION)
        page.wait_for_timeout(400)  # the thread scrolls smoothly to the new answer
        phone.shoot("07-phone-answer")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        for selector in ("#question", "#send", "[data-answer]", ".site-nav"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], selector
        send = page.locator("#send").bounding_box()
        assert send and send["height"] >= 44 and send["y"] + send["height"] <= PHONE["height"]
        # The activity row is stacked as a card: its deadline is on screen, not scrolled off to the side.
        deadline = page.locator('[data-activities] td[data-label="Deadline"]').first
        assert deadline.inner_text() == "2027"
        box = deadline.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert phone.errors == []


def test_a_server_error_is_told_in_swedish_and_the_conversation_is_kept(chat: Chat) -> None:
    page = chat.page
    chat.ask(SIP_QUESTION)
    page.route("**/api/ask", lambda route: route.abort(), times=1)
    failed = chat.ask(PDF_QUESTION)
    assert "Kunde inte nå servern" in failed.locator("[data-error]").inner_text()
    page.route("**/api/ask", lambda route: route.fulfill(status=500, body="Internal Server Error"), times=1)
    broken = chat.ask(PDF_QUESTION)
    assert "Servern kunde inte svara (felkod 500). Försök igen" in broken.locator("[data-error]").inner_text()
    chat.shoot("08-server-error")

    page.reload()
    statuses = [page.locator(f'[data-turn="{i}"]').get_attribute("data-status") for i in range(3)]
    assert statuses == ["answered", "error", "error"]
    page.locator('[data-turn="2"] [data-retry]').click()
    assert chat.settled_turn(2).get_attribute("data-status") == "answered"
    assert page.locator('[data-turn="0"] [data-answer]').get_attribute("data-found") == "true"


# Every pair of text and background the chat shows, found through the elements that use them.
CONTRAST_SELECTORS = [
    "body", ".brand__name", ".brand__tagline", ".site-nav a[aria-current]", ".site-nav a:not([aria-current])",
    ".message--question .message__text", "[data-answer-text]", ".cite__link", ".cite__tip-title",
    ".cite__tip-quote", ".sources__title", ".source__link", ".source__number", ".source__place",
    ".feedback__label", ".feedback__choice", ".composer__label", "#new-conversation", "#send",
    ".composer__hint", "#question", "#question::placeholder", "[data-error] .message__text",
    "[data-retry]", ".related__title", ".related__link", ".related__place", ".related__snippet",
    ".answer__hint", ".welcome p", ".example",
]

CONTRAST_SCRIPT = """selectors => selectors.map(selector => {
  const [css, pseudo] = selector.split('::');
  const node = document.querySelector(css);
  if (!node) return {selector, missing: true};
  const layers = [];
  for (let n = node; n; n = n.parentElement) layers.push(getComputedStyle(n).backgroundColor);
  return {selector, colour: getComputedStyle(node, pseudo ? '::' + pseudo : null).color, layers};
})"""


def parse_colour(text: str) -> tuple[float, float, float, float]:
    """Return (r, g, b, alpha) of a computed `rgb(…)` or `rgba(…)` colour."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def over(top: tuple[float, float, float, float], below: tuple[float, float, float]) -> tuple[float, float, float]:
    """Return a colour with alpha painted over an opaque one."""
    alpha = top[3]
    return (top[0] * alpha + below[0] * (1 - alpha), top[1] * alpha + below[1] * (1 - alpha),
            top[2] * alpha + below[2] * (1 - alpha))


def luminance(colour: tuple[float, float, float]) -> float:
    """Return WCAG 2 relative luminance."""
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """Return the WCAG contrast ratio of two opaque colours."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_colours_meet_wcag_aa_contrast(chat: Chat) -> None:
    page = chat.page
    chat.ask(PDF_QUESTION)
    chat.ask(ABSENT_QUESTION)
    page.route("**/api/ask", lambda route: route.abort(), times=1)
    chat.ask(SIP_QUESTION)
    page.evaluate("document.getElementById('welcome').hidden = false")  # its text is measured too
    page.hover(".cite__link")
    failures = []
    for found in page.evaluate(CONTRAST_SCRIPT, CONTRAST_SELECTORS):
        assert not found.get("missing"), found["selector"]
        background: tuple[float, float, float] = (255.0, 255.0, 255.0)  # the canvas
        for layer in reversed(found["layers"]):
            background = over(parse_colour(layer), background)
        ratio = contrast(over(parse_colour(found["colour"]), background), background)
        if ratio < 4.5:
            failures.append((found["selector"], round(ratio, 2)))
    assert failures == []


def test_every_control_has_a_name(chat: Chat) -> None:
    page = chat.page
    chat.ask(SIP_QUESTION)
    page.locator("[data-rating='1']").click()
    page.locator("[data-feedback-form]").wait_for()
    unnamed = page.evaluate("""() => [...document.querySelectorAll('a, button, textarea, input, select')]
      .filter(node => node.offsetParent !== null)
      .filter(node => {
        const labelled = node.getAttribute('aria-labelledby');
        const name = node.getAttribute('aria-label') || (labelled && document.getElementById(labelled)?.textContent)
          || [...(node.labels || [])].map(label => label.textContent).join(' ') || node.textContent;
        return !name.trim();
      })
      .map(node => node.outerHTML.slice(0, 120))""")
    assert unnamed == []
