"""The answer quotes the sentences that answer, not their neighbours: answers on the sample index, and
the signals the reader weighs."""

from __future__ import annotations

from typing import Any

from assistant.answering.signals import Question, _local, kind_form
from assistant.search.forms import asked_form_share


def test_the_sentence_that_answers_is_quoted(assistant: Any) -> None:
    answer = assistant.ask("Vad erbjuder Folktandvården vård- och omsorgspersonal?")
    assert answer.found and "Folktandvården erbjuder årligen utbildning" in answer.text


def test_a_long_heading_that_states_a_fact_is_quoted(assistant: Any) -> None:
    answer = assistant.ask("Hur långa är mötena i NOSAM enligt mötesstrukturen?")
    assert answer.found and "3 tim" in answer.text


def test_a_word_of_the_question_in_every_unit_read_weighs_less_than_one_in_a_single_unit() -> None:
    units = [{"mini-mari", "lokal"}, {"mini-mari", "telefontid"}, {"mini-mari", "finansiering"}]
    weights = _local({"mini-mari": 1.0, "finansiering": 1.0, "budget": 1.0}, units)
    assert weights["mini-mari"] < weights["finansiering"] < weights["budget"] <= 1.0


def test_a_table_row_longer_than_an_answer_is_read_line_by_line(assistant: Any) -> None:
    from assistant.answering.units import MAX_ROW_WORDS
    from assistant.ingest.sentences import word_count
    from assistant.models import TABLE_ROW

    long_rows = [c for c in assistant.index.chunks if c.kind == TABLE_ROW and word_count(c.text) > MAX_ROW_WORDS]
    assert long_rows, "the activity plan has a row listing many efforts"
    answer = assistant.ask("Since when has the attendance team in Mölndal been up and running?")
    assert answer.found and "september 2023" in answer.text
    assert not any(row.text in answer.text for row in long_rows)


def test_each_kind_of_question_has_the_form_of_its_answer() -> None:
    assert kind_form("count", "Under konferensen deltog cirka 100 personer")
    assert kind_form("when", "Projektet startades upp den 1 september 2025.")
    assert not kind_form("when", "Teamet beslutar om mottagande på sina veckokonferenser")
    assert kind_form("who", "Innehållsansvarig: Lena Arvidsson, processledare")
    assert kind_form("why", "Flytten gjordes eftersom lokalerna ligger nära busstationen.")
    assert kind_form("definition", "Mini Maria som är mottagning för risk- och missbruk")


def test_a_share_is_answered_by_a_percentage_and_an_address_is_no_share() -> None:
    question = "Hur stor andel av eleverna var frånvarande?"
    assert asked_form_share(question, "barn med hög skolfrånvaro, från 80% till 100% frånvaro") == 1.0
    assert asked_form_share(question, "Teamet är i gång sedan mitten av september 2023.") == 0.0
    address = "https://example.se/Till%c3%a4mpningsanvisningar%20i%20G%c3%b6teborgsomr%c3%a5det.pdf"
    assert asked_form_share(question, address) == 0.0


def test_a_question_word_is_credited_once_however_many_of_its_forms_a_unit_has(assistant: Any) -> None:
    from assistant.search.lexicon import word_groups

    groups = word_groups(assistant.index.lexical, "Vem betalar för Mini-Maria?")
    # "Mini-Maria" is one word, and "betalar" one, however many money words stand in for it.
    assert len(groups) == 2
    assert any({"mini-mari", "mini"} <= group for group in groups)
    assert any({"finansiering", "bidrag"} <= group for group in groups)
    answer = assistant.ask("Hur finansieras Mini-Maria?")
    assert answer.found and "50/50" in answer.text


def test_who_works_in_a_team_is_answered_by_what_the_team_consists_of(assistant: Any) -> None:
    answer = assistant.ask("Vilka yrken finns i det mobila teamet?")
    assert answer.found and "Socialtjänsten och BUP" in answer.text


def test_a_product_name_answers_which_program(assistant: Any) -> None:
    answer = assistant.ask("Which program are the yearly deviation figures taken from?")
    assert answer.found and "MedControl Pro" in answer.text


def test_a_number_before_the_asked_word_counts_it(assistant: Any) -> None:
    from assistant.answering.facts import counted_forms, counts

    counted = counted_forms("Hur många samordnare arbetar där?", assistant.index.lexical.vocabulary)
    assert counts("I Bryggan arbetar två samordnare: Elin Borg och Fredrik Nilsson.", counted)
    assert not counts("Samordnarna ringer upp inom tre arbetsdagar.", counted)


def test_an_english_count_question_counts_the_words_before_its_verb(assistant: Any) -> None:
    """"How many people attended the MHFA trainings" counts people (the report's "32 st. deltagare"),
    not the trainings ("fyra utbildningstillfällen" in another year)."""
    from assistant.answering.facts import counted_forms

    counted = counted_forms("How many people attended the MHFA trainings in 2022?", assistant.index.lexical.vocabulary)
    assert "deltag" in counted and "utbildning" not in counted
    answer = assistant.ask("How many people attended the MHFA trainings in 2022?")
    assert answer.found and "32" in answer.text
