"""Reading a question before the search: misspelt words respelt as the documents spell them."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.search.question import as_searched, corrected_spelling


@pytest.mark.parametrize(("typed", "meant"), [
    ("Vad görs för suicidprevntion i Alingsås?", "Vad görs för suicidprevention i Alingsås?"),
    ("Hur många utbildingar har genomförts?", "Hur många utbildningar har genomförts?"),
])
def test_a_misspelt_word_is_read_as_the_word_the_plans_use(assistant: Any, typed: str, meant: str) -> None:
    assert corrected_spelling(typed, assistant.index.lexical) == meant


@pytest.mark.parametrize("question", [
    # Words the plans never use, spelt right: what the documents lack must stay visible.
    "Hur ansöker jag om parkeringstillstånd i Alingsås?",
    "Finns det en simhall i Lerum?",
    # Another inflection of a word the plans use is no misspelling ("program"/"programmet").
    "Vilket program hämtas siffrorna från?",
    "Vem har godkänt uppföljningen?",
    # Names and English questions are left as they are.
    "Vad gör Kustbygdsdagen?",
    "How are the prevntion efforts followed up?",
])
def test_words_spelt_right_names_and_english_are_left(assistant: Any, question: str) -> None:
    assert as_searched(question, assistant.index.lexical) == question


def test_a_misspelt_question_gets_the_answer_of_the_spelt_one(assistant: Any) -> None:
    typed = assistant.ask("Vad görs för suicidprevntion?")
    spelt = assistant.ask("Vad görs för suicidprevention?")
    assert typed.found and typed.text == spelt.text
    assert typed.question == "Vad görs för suicidprevntion?"
