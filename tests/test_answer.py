"""The answer quotes the sentences that answer, not their neighbours."""

from __future__ import annotations


def test_a_window_loses_a_leading_sentence_that_shares_nothing_with_the_question(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("Vad erbjuder Folktandvården vård- och omsorgspersonal?")
    assert answer.found and "Folktandvården erbjuder årligen utbildning" in answer.text
    assert "VISAM" not in answer.text

