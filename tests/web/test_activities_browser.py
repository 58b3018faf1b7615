"""The register in a real browser: the answer card on the chat page, and the filters on `/aktiviteter`."""

from __future__ import annotations

from typing import Any

from conftest import needs_chromium

pytestmark = needs_chromium




def test_an_answer_from_the_register_shows_its_rows(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server + "/")
    page.fill("#question", "Vem ansvarar för SIP för barn och unga och när ska det vara klart?")
    page.click("#send")
    card = page.wait_for_selector("[data-activities]", timeout=60_000)
    cells = [cell.inner_text() for cell in card.query_selector_all("tbody td")]
    # Dates read as the register page reads them.
    assert cells[:4] == ["Samordnad individuell plan – SIP", "NOSAM", "oktober 2025", "2027"]
    link = card.query_selector("tbody a")
    assert link is not None and "#chunk-" in (link.get_attribute("href") or "")
    assert "deadline 2027" in page.inner_text("[data-answer-text]")
    assert errors == []
    page.close()


def test_choosing_a_filter_applies_it(browser: Any, live_server: str) -> None:
    page = browser.new_page()
    page.goto(live_server + "/aktiviteter")
    every = page.locator("[data-activity]").count()
    page.select_option("#filter-responsible", "NOSAM Lerum")
    page.wait_for_url("**/aktiviteter?responsible=NOSAM+Lerum")
    assert page.locator("[data-activity]").count() == 2 < every
    page.click("[data-sort=deadline]")
    page.wait_for_url("**sort=deadline**")
    assert "responsible=NOSAM+Lerum" in page.url
    assert page.locator("th[aria-sort=ascending]").inner_text().lower().startswith("deadline")
    page.close()
