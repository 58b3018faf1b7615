"""The answer quotes the sentences that answer, not their neighbours."""

from __future__ import annotations


def test_a_window_loses_a_leading_sentence_that_shares_nothing_with_the_question(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("Vad erbjuder Folktandvården vård- och omsorgspersonal?")
    assert answer.found and "Folktandvården erbjuder årligen utbildning" in answer.text
    assert "VISAM" not in answer.text



def test_a_line_ending_in_a_colon_is_quoted_with_the_list_it_introduces() -> None:
    from assistant.answer import _trimmed
    from assistant.windows import window_spans

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
    from assistant.answer import _local_weights

    pieces = [{"mini-mari", "lokal"}, {"mini-mari", "telefontid"}, {"mini-mari", "finansiering"}]
    weights = _local_weights({"mini-mari": 1.0, "finansiering": 1.0, "budget": 1.0}, pieces)
    assert weights["mini-mari"] < weights["finansiering"] < weights["budget"] <= 1.0
