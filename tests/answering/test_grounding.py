"""The check a generated sentence must pass: its numbers and names stand in the passages it cites."""

from __future__ import annotations

import pytest

from assistant.answering.generate import checked_answer, read_reply
from assistant.answering.grounding import missing_facts, normalised, sentence_facts
from assistant.models import Answer

SOURCE = ("Samordnad individuell plan (SIP) införs i Härnösands kommun från 1 mars 2025. "
          "Projektet kostar 2 500 000 kronor, varav 12,5 procent betalas av Region Västernorrland. "
          "Teamet träffas fyra gånger per år. Perioden är 2025–2027.")


def test_facts_are_numbers_number_words_and_names() -> None:
    facts = sentence_facts("Enligt planen leder NOSAM och Region Västernorrland tre möten 2026 för 2,5 mkr.")
    assert facts == ["2026", "2.5", "tre", "NOSAM", "Region", "Västernorrland"]
    # The first word of a sentence is no name unless it is written in capitals.
    assert sentence_facts("Teamet träffas. SIP används.") == ["SIP"]


@pytest.mark.parametrize("sentence", [
    "SIP införs från 1 mars 2025.",
    "Kostnaden är 2500000 kronor.",
    "Regionen betalar 12.5 procent.",
    "Det gäller Härnösand.",  # another inflection of the name in the source
    "Region Västernorrlands andel är 12,5 procent.",
    "Teamet träffas 4 gånger per år.",  # a number word in the source, digits in the sentence
    "Teamet träffas fyra gånger.",
    "Perioden är 2025-2027.",
    "Perioden är 2025 – 2027.",
])
def test_a_sentence_whose_facts_stand_in_the_source_holds(sentence: str) -> None:
    assert missing_facts(sentence, [SOURCE]) == []


@pytest.mark.parametrize(("sentence", "missing"), [
    ("SIP införs från 1 mars 2026.", ["2026"]),
    ("Projektet kostar 3 000 000 kronor.", ["3000000"]),
    ("Region Jämtland betalar.", ["Jämtland"]),
    ("Teamet träffas fem gånger per år.", ["fem"]),
    ("Regionen betalar 12 procent.", ["12"]),
    ("Perioden slutar 202.", ["202"]),
])
def test_a_fact_the_source_lacks_is_named(sentence: str, missing: list[str]) -> None:
    assert missing_facts(sentence, [SOURCE]) == missing


def test_numbers_are_compared_without_grouping_spaces_or_decimal_commas() -> None:
    assert normalised("2\u00a0500 kr, 12,5 %  och  1 200 000") == "2500 kr, 12.5 % och 1200000"


def test_the_reply_is_read_into_sentences_with_their_citations() -> None:
    written = read_reply("SIP införs 2025. [1] Kostnaden är 2 500 000 kr [1, 2].\n- Härnösand [2]\n* Region [3][1]")
    assert [(w.text, w.cites, w.item) for w in written] == [
        ("SIP införs 2025.", (1,), False), ("Kostnaden är 2 500 000 kr.", (1, 2), False),
        ("Härnösand", (2,), True), ("Region", (3, 1), True)]


def test_failing_sentences_are_dropped_and_citations_renumbered(sample_index: object, assistant: object) -> None:
    chunks = [c for c in assistant.index.chunks if "2025" in c.text][:2]  # type: ignore[attr-defined]
    quoted = Answer("Fråga?", "Citat. [1]", True)
    reply = "Det här hittade modellen på 1999 [1]. Något står i källan [2]."
    answer = checked_answer(quoted, reply, chunks)
    assert answer.mode == "generated" and answer.text == "Något står i källan. [1]"
    assert [c.chunk.chunk_id for c in answer.citations] == [chunks[1].chunk_id]
    assert all(start >= chunks[1].start and end <= chunks[1].end for start, end in answer.citations[0].marks)
