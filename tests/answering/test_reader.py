"""The reader on the sample index: the examples the reading issue named, and its parts on real passages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from assistant.answering.units import candidate_units
from assistant.ingest.chunk import CONTENTS_ENTRY, split_into_chunks
from assistant.ingest.clean import clean_document
from assistant.ingest.corpus import load_document
from assistant.models import CONTENTS
from assistant.search.forms import question_kind

EVAL = Path(__file__).resolve().parents[2] / "eval"


def quotes(answer: Any) -> list[str]:
    """The quoted pieces of an answer, without their citation numbers."""
    return [piece.strip() for piece in re.split(r"\s*\[\d+\]\s*", answer.text) if piece.strip()]


def test_a_definition_quotes_what_the_thing_is_and_whom_it_is_for(assistant: Any) -> None:
    answer = assistant.ask("Vad är Mini-Maria?")
    assert answer.found
    first = quotes(answer)[0]
    assert "Vänder sig till unga" in first or "mottagning för" in first
    # Not the phone hours, nor the project manager's cost.
    assert "Telefontider" not in answer.text and "81tkr" not in answer.text


def test_a_summary_quotes_the_documents_summary_in_its_order(assistant: Any) -> None:
    answer = assistant.ask("Sammanfatta årsrapporten 2025")
    assert answer.found and len(quotes(answer)) >= 3
    assert {c.chunk.section for c in answer.citations} == {"Sammanfattning"}
    assert "Datum: 2026-03-13" not in answer.text  # the title page is no summary
    positions = [answer.text.index(q) for q in quotes(answer)]
    assert positions == sorted(positions)


def test_a_count_is_quoted_with_little_around_it(assistant: Any) -> None:
    answer = assistant.ask("Hur många kommuner ingår i Mini-Maria Västra?")
    assert answer.found and "nio kommuner" in answer.text
    assert len(quotes(answer)) <= 2 and "tkr" not in answer.text


def test_an_unrelated_question_is_not_answered(assistant: Any) -> None:
    answer = assistant.ask("Hur ansöker jag om parkeringstillstånd i Alingsås?")
    assert not answer.found and not answer.citations


def test_lines_of_a_table_of_contents_are_never_quoted(assistant: Any) -> None:
    # The annual report's first page holds its table of contents beside "Innehållsansvarig: …".
    found = assistant.retrieve("Vem är innehållsansvarig för årsrapporten?")
    page = [p for p in found.passages if "Innehållsansvarig" in p.chunk.text]
    assert page and CONTENTS_ENTRY.search(page[0].chunk.text)
    assert not any(CONTENTS_ENTRY.search(unit.text) for unit in candidate_units(found.passages))
    answer = assistant.ask("Vem är innehållsansvarig för årsrapporten?")
    assert "Lena Arvidsson" in answer.text and "…" not in answer.text


def test_a_table_of_contents_is_a_chunk_of_its_own_that_search_never_returns() -> None:
    path = EVAL / "blind-a" / "docs" / "handlingsplan-aldre-kustbygd-2025-2026.docx"
    _text, chunks = split_into_chunks(clean_document(load_document(path, path.parent)))
    contents = [c for c in chunks if c.kind == CONTENTS]
    assert len(contents) == 1 and contents[0].text.startswith("Innehåll")
    assert all(c.kind != CONTENTS for c in chunks if "Syftet med handlingsplanen" in c.text)


@pytest.mark.parametrize("question, kind", [
    ("Vad är Mini Maria?", "definition"), ("Vem ansvarar för SIP?", "who"), ("Hur många kommuner ingår?", "count"),
    ("Sammanfatta årsrapporten", "summary"), ("Finns det drop-in?", "exists"), ("Varför blev det ett överskott?", "why"),
    ("Vilka insatser ska göras?", "list"), ("When does the project start?", "when"), ("Var ligger mottagningen?", "where"),
    ("Hur kontaktar man teamet?", "how"),
])
def test_a_question_is_read_for_the_kind_of_answer_it_wants(question: str, kind: str) -> None:
    assert question_kind(question) == kind


def test_a_unit_read_twice_is_quoted_once(assistant: Any) -> None:
    # A chunk also carries the first sentences of the next one of its section.
    found = assistant.retrieve("Hur många patienter tog socialmedicinska mottagningen emot?")
    texts = [" ".join(u.text.split()).lower() for u in candidate_units(found.passages)]
    assert len(texts) == len(set(texts))


def test_a_line_broken_mid_sentence_is_one_unit(assistant: Any) -> None:
    found = assistant.retrieve("Hur sprids information om MHFA-kursen i NOSAM Mölndal?")
    texts = [u.text for u in candidate_units(found.passages)]
    assert not any(text.rstrip().endswith((" i", " till", " och", " för")) for text in texts)


def test_a_summary_reads_the_document_its_question_names_by_title(corpus_copy, embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Sammanfatta målen i äldreplanen för 2025–2026" names blind-a's "Handlingsplan för äldre
    2025–2026" by its title's words; the annual report's goals come first in retrieval, and were
    summarised before. Now the named plan's goals are."""
    import shutil

    from assistant.core import Assistant
    from assistant.indexing.build import build_index

    settings = corpus_copy(tmp_path, ["arsrapport-samla-2025.pdf"])
    plan = Path(__file__).resolve().parents[2] / "eval" / "blind-a" / "docs" / "handlingsplan-aldre-kustbygd-2025-2026.docx"
    shutil.copyfile(plan, settings.corpus / plan.name)
    build_index(settings, embedder)
    both = Assistant.open(settings, embedder)
    answer = both.ask("Sammanfatta målen i äldreplanen för 2025–2026")
    assert answer.found and {c.chunk.document for c in answer.citations} == {plan.name}, answer.text
    assert "1,5 dagar" in answer.text
