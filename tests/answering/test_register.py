"""Who / when / which-activities questions answered from the register, over the session's real index."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.activities.register import known_names
from assistant.answering.present import answer_json
from assistant.answering.register import DEADLINE, RESPONSIBLE, START, read_question
from assistant.models import TABLE_ROW

SIP_QUESTION = "Vem ansvarar för SIP för barn och unga och när ska det vara klart?"
SIP = "Samordnad individuell plan – SIP"
AREAS = "Genomföra och utveckla gemensamma insatser inom prioriterade områden"
SKOLNARVARO = "Medvetandegöra om allas vårt gemensamma uppdrag om barns närvaro i skola."


def test_the_sip_question_is_answered_from_the_row(assistant: Any) -> None:
    answer = assistant.ask(SIP_QUESTION)
    assert answer.found
    assert answer.text == f"{SIP}: ansvarig NOSAM, start oktober 2025, deadline 2027. [1]"
    [row] = answer.activities
    assert (row.what, row.responsible, row.deadline_period) == (SIP, ("NOSAM",), "2027")
    [citation] = answer.citations
    assert citation.chunk.chunk_id == row.chunk_id and citation.chunk.kind == TABLE_ROW
    chunk = assistant.index.activity_chunks[row.chunk_id]
    assert citation.url == f"/documents/{row.doc_id}?markera={chunk.start}-{chunk.end}#chunk-{row.chunk_id}"
    # The quote is the row's own cells, each found word for word in the cited chunk.
    for piece in citation.quote.split(" … "):
        assert piece in citation.chunk.text
    assert "Deadline: 2027" in citation.quote and "Ansvarig: NOSAM" in citation.quote


def test_the_answer_json_carries_the_rows(assistant: Any) -> None:
    body = answer_json(assistant.ask(SIP_QUESTION))
    [row] = body["activities"]
    assert row["what"] == SIP and row["responsible"] == ["NOSAM"] and row["deadline"] == "2027"
    # The row's link opens the same passage as the citation, which also marks what it quoted.
    assert row["url"].split("#")[1] == body["citations"][0]["url"].split("#")[1]


def test_a_follow_up_asks_about_the_same_row(assistant: Any) -> None:
    first = "Vem ansvarar för SIP för barn och unga?"
    answer = assistant.ask("Och när ska det vara klart?", [(first, assistant.ask(first).text)])
    assert [row.what for row in answer.activities] == [SIP]
    assert "deadline 2027" in answer.text


@pytest.mark.parametrize(
    ("question", "whats"),
    [
        ("Vilka aktiviteter har deadline 2026?", [AREAS, SKOLNARVARO]),
        ("Vad ansvarar NOSAM Lerum för?", [AREAS, SKOLNARVARO]),
        ("Vilka aktiviteter startar 2026?", [AREAS, "Egenvård"]),
        ("Vem ansvarar för familjecentralen?", [AREAS]),
        ("Vem ansvarar för FAR?", ["Fysisk aktivitet på recept - FAR"]),
        ("När startar arbetet med egenvård?", ["Egenvård"]),
        ("Vem ansvarar för skolnärvaron?", [SKOLNARVARO, SKOLNARVARO]),
        ("Who is responsible for SIP?", [SIP]),
        ("Vem håller i arbetet med trygg digital uppväxt?", [AREAS]),
    ],
)
def test_register_questions_find_their_rows(assistant: Any, question: str, whats: list[str]) -> None:
    answer = assistant.ask(question)
    assert [row.what for row in answer.activities] == whats
    assert [c.n for c in answer.citations] == list(range(1, len(whats) + 1))
    assert all(f"[{n}]" in answer.text for n in range(1, len(whats) + 1))


def test_a_list_names_the_filter_and_each_row(assistant: Any) -> None:
    answer = assistant.ask("Vad ansvarar NOSAM Lerum för?")
    assert answer.text.startswith("Aktiviteter där NOSAM Lerum är ansvarig:\n• ")
    # Each row is an item of the list; dates as the plan writes them ("Jan 2026"), so that the answer
    # quotes what the citation shows.
    assert all(line.startswith("• ") for line in answer.text.splitlines()[1:])
    assert "start jan 2026, deadline 2026 [1]" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Vad är Mini Maria?",  # not a who / when / which question
        "Vem ansvarar för Mini-Maria?",  # a who question no plan row answers
        "När startade NOSAM?",  # a name alone selects no rows
        "Vilka socialpedagoger har anställts i Alingsås enligt aktivitetsplanen?",
        "Vem ansvarar för budgeten 2030?",
        "Vem deltar i NOSAM-mötena?",  # the SIP row says who "deltar", but not in NOSAM's meetings
        # The school-reform row says "ta fram", and the activity plan's "innehåll på nätet"; neither
        # is about the annual report, and retrieval does not find either row.
        "Vem ansvarar för att ta fram årsrapporten?",
        "Vem har ansvar för innehållet i SAMLAs årsrapport?",
    ],
)
def test_other_questions_fall_back_to_passages(assistant: Any, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.activities == ()
    assert all(c.chunk.chunk_id for c in answer.citations)


def test_reading_a_question(assistant: Any) -> None:
    records = assistant.activities()
    asked = read_question(SIP_QUESTION, known_names(records))
    assert asked is not None
    assert asked.fields == (RESPONSIBLE, START, DEADLINE) and not asked.listing
    assert asked.query.target_group == "Barn och unga" and asked.topic == ("sip",)
    listing = read_question("Vilka aktiviteter har deadline 2026?", known_names(records))
    assert listing is not None and listing.listing and listing.query.deadline_year == 2026 and not listing.topic
    named = read_question("Vad ansvarar NOSAM Lerum för?", known_names(records))
    assert named is not None and named.query.responsible == "NOSAM Lerum" and not named.topic
    assert read_question("Vad är SIP?", known_names(records)) is None


def test_the_responsible_cell_is_quoted_as_the_plan_writes_it(assistant: Any) -> None:
    # Who leads and who is consulted is part of the answer, not two equal parties.
    answer = assistant.ask("Vem ansvarar för att utveckla gemensamma insatser inom prioriterade områden?")
    assert "ansvarig NOSAM Alingsås i samråd med NOSAM Lerum. [1]" in answer.text


def test_a_responsible_cell_that_shortens_a_name_lists_the_parties_in_full(assistant: Any) -> None:
    answer = assistant.ask("Vem ansvarar för att medvetandegöra om barns närvaro i skolan?")
    assert "ansvarig NOSAM Lerum och NOSAM Alingsås" in answer.text


def test_a_row_quoted_by_the_reader_says_a_repeated_cell_once(assistant: Any) -> None:
    # The plan's SIP row writes "NOSAM" on two lines of its responsible cell.
    answer = assistant.ask("När startar arbetet med SIP i NOSAM Alingsås och Lerum?")
    assert f"{SIP}: mål:" in answer.text and "; ansvarig NOSAM; start oktober 2025; deadline 2027." in answer.text
    assert "NOSAM NOSAM" not in answer.text
