"""The answer quotes the sentences that answer, not their neighbours."""

from __future__ import annotations


def test_a_window_loses_a_leading_sentence_that_shares_nothing_with_the_question(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("Vad erbjuder Folktandvården vård- och omsorgspersonal?")
    assert answer.found and "Folktandvården erbjuder årligen utbildning" in answer.text
    assert "VISAM" not in answer.text



def test_a_line_ending_in_a_colon_is_quoted_with_the_list_it_introduces() -> None:
    from assistant.answering.compose import _trimmed
    from assistant.indexing.windows import window_spans

    text = ("Vårdsamverkan riktar sig till personer som har behov av samordnade insatser från både kommun och "
            "region.\n\nInom förbundet samverkar:\n\nPrimärvården\n\nTandvården\n\nSjukhusen")
    windows = [text[lo:hi] for lo, hi in window_spans(text)]
    assert windows[-1].startswith("Inom förbundet samverkar:") and windows[-1].endswith("Sjukhusen")
    assert _trimmed(windows[-1], {"samverk": 1.0, "förbund": 1.0}).endswith("Sjukhusen")


def test_a_long_title_that_states_a_fact_is_quoted(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("Hur långa är mötena i NOSAM enligt mötesstrukturen?")
    assert answer.found and "3 tim" in answer.text


def test_who_is_answered_by_the_sentence_naming_a_team(assistant) -> None:  # type: ignore[no-untyped-def]
    # "Teamet" names no person and has no capitals: it still shows who decides.
    answer = assistant.ask("Who decides on admission to the FACT team?")
    assert answer.found and "veckokonferenser" in answer.text


def test_a_word_of_the_question_in_every_piece_read_weighs_less_than_one_in_a_single_piece() -> None:
    from assistant.answering.compose import _local_weights

    pieces = [{"mini-mari", "lokal"}, {"mini-mari", "telefontid"}, {"mini-mari", "finansiering"}]
    weights = _local_weights({"mini-mari": 1.0, "finansiering": 1.0, "budget": 1.0}, pieces)
    assert weights["mini-mari"] < weights["finansiering"] < weights["budget"] <= 1.0


def test_a_table_row_longer_than_an_answer_is_quoted_by_its_windows(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.compose import MAX_ANSWER_WORDS
    from assistant.ingest.sentences import word_count
    from assistant.models import TABLE_ROW

    long_rows = [c for c in assistant.index.chunks if c.kind == TABLE_ROW and word_count(c.text) > MAX_ANSWER_WORDS]
    assert long_rows, "the activity plan has a row listing many efforts"
    answer = assistant.ask("Since when has the attendance team in Mölndal been up and running?")
    assert answer.found and "september 2023" in answer.text
    assert not any(row.text in answer.text for row in long_rows)


def test_a_list_number_is_not_a_count() -> None:
    from assistant.answering.compose import KIND_BONUS, _kind_bonus

    question = "How many people came to the conference?"
    assert _kind_bonus(question, "2. Trygg digital uppväxt – Plattform Lerum arbetar med frågan") == 0.0
    assert _kind_bonus(question, "Under konferensen deltog cirka 100 personer") == KIND_BONUS


def test_a_question_word_is_credited_once_however_many_of_its_forms_a_piece_has(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.search.lexicon import word_groups

    groups = word_groups(assistant.index.lexical, "Vem betalar för Mini-Maria?")
    # "Mini-Maria" is one word, and "betalar" one, however many money words stand in for it.
    assert len(groups) == 2
    assert any({"mini-mari", "mini"} <= group for group in groups)
    assert any({"finansiering", "bidrag"} <= group for group in groups)
    answer = assistant.ask("Hur finansieras Mini-Maria?")
    assert answer.found and "50/50" in answer.text


def test_who_works_in_a_team_is_answered_by_what_the_team_consists_of(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("Vilka yrken finns i det mobila teamet?")
    assert answer.found and "Socialtjänsten och BUP" in answer.text


def test_a_share_is_answered_by_a_percentage() -> None:
    from assistant.answering.compose import EXACT_BONUS, _kind_bonus

    question = "Hur stor andel av eleverna var frånvarande?"
    assert _kind_bonus(question, "barn med hög skolfrånvaro, från 80% till 100% frånvaro") == EXACT_BONUS
    assert _kind_bonus(question, "Teamet är i gång sedan mitten av september 2023.") == 0.0


def test_a_sentence_holding_the_asked_form_is_not_trimmed_away(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.compose import _trimmed

    window = ("Teamet arbetar utifrån ett beslut om insats via socialtjänsten. "
              "Samtliga ärenden har mycket hög skolfrånvaro, från 80% till 100% frånvaro.")
    # It shares no word with the question, but holds the share it asks for.
    assert _trimmed(window, {"team": 1.0}) == "Teamet arbetar utifrån ett beslut om insats via socialtjänsten."
    assert "80%" in _trimmed(window, {"team": 1.0}, "Hur stor andel av tiden var eleverna i teamet borta?")
    answer = assistant.ask("Which program are the yearly deviation figures taken from?")
    assert answer.found and "MedControl Pro" in answer.text


def test_a_percent_sign_in_a_web_address_is_no_share() -> None:
    from assistant.answering.compose import _kind_bonus

    address = "https://example.se/Till%c3%a4mpningsanvisningar%20i%20G%c3%b6teborgsomr%c3%a5det.pdf"
    assert _kind_bonus("Hur stor andel av eleverna var frånvarande?", address) == 0.0


def test_the_answer_quotes_the_piece_holding_the_forms_the_question_names(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.compose import EXACT_BONUS, _kind_bonus

    question = "Hur långa är NOSAM-mötena och hur ofta hålls de?"
    assert _kind_bonus(question, "Mötesstruktur NOSAM 3 tim./5-6 vecka") == EXACT_BONUS
    assert _kind_bonus(question, "Mötena är 3 timmar.") == EXACT_BONUS / 2
    assert _kind_bonus(question, "NOSAM har fokus på närområdesfrågor.") == 0.0
    # Retrieval puts the meeting structure first; the answer must quote its duration and frequency
    # rather than only general sentences about the meetings.
    answer = assistant.ask(question)
    assert answer.found and "3 tim./5-6 vecka" in answer.text
