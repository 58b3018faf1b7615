"""Chunking: structure decides where chunks start, and a chunk reaches a little into the next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.ingest.chunk import OVERLAP_WORDS, document_text, split_into_chunks, structural_blocks
from assistant.ingest.clean import clean_document
from assistant.ingest.corpus import load_document
from assistant.ingest.sentences import word_count
from assistant.models import HEADING, PARAGRAPH, TABLE_ROW, Block, Document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _sentences(*subjects: str) -> str:
    return " ".join(f"{subject} beskrivs här med ett antal ord som fyller ut meningen ordentligt." for subject in subjects)


def test_a_chunk_carries_the_first_sentences_of_the_chunk_that_continues_it() -> None:
    first = _sentences(*(f"Insats {n}" for n in range(10)))
    second = "Teamet är i gång sedan september 2023. " + _sentences(*(f"Del {n}" for n in range(10)))
    doc = Document("d-txt", "d.txt", "D", "txt", (
        Block(HEADING, "Närvaroteam", level=1), Block(PARAGRAPH, first), Block(PARAGRAPH, second),
        Block(HEADING, "Nästa avsnitt", level=1), Block(PARAGRAPH, _sentences("Avsnittet")),
    ))
    text, chunks = split_into_chunks(doc)
    assert len(chunks) == 3
    lead, continued, other = chunks
    # The first chunk ends with the next one's opening sentences, and the next still has them too.
    assert "Teamet är i gång sedan september 2023." in lead.text
    assert lead.text.endswith("ordentligt.")
    assert continued.text.startswith("Teamet är i gång sedan september 2023.")
    assert lead.text == text[lead.start:lead.end]
    # Only whole sentences are carried, and no more than OVERLAP_WORDS of them.
    carried = text[continued.start:lead.end]
    assert 0 < word_count(carried) <= OVERLAP_WORDS
    # A chunk that starts a section is not continued by the one before it.
    assert continued.end <= other.start
    assert "Avsnittet" not in continued.text


def test_table_rows_are_neither_carried_nor_carry() -> None:
    doc = Document("d-txt", "d.txt", "D", "txt", (
        Block(PARAGRAPH, _sentences(*(f"Mål {n}" for n in range(20)))),
        Block(TABLE_ROW, "Mål: Trygg vård | Ansvarig: NOSAM Lerum"),
        Block(TABLE_ROW, "Mål: Ökad skolnärvaro | Ansvarig: NOSAM Alingsås"),
        Block(PARAGRAPH, _sentences("Uppföljning")),
    ))
    text, chunks = split_into_chunks(doc)
    rows = [chunk for chunk in chunks if chunk.kind == TABLE_ROW]
    assert [row.text for row in rows] == ["Mål: Trygg vård | Ansvarig: NOSAM Lerum",
                                         "Mål: Ökad skolnärvaro | Ansvarig: NOSAM Alingsås"]
    assert not any("Ansvarig" in chunk.text for chunk in chunks if chunk.kind != TABLE_ROW)
    assert "Uppföljning" not in rows[-1].text


def test_a_long_paragraph_is_cut_between_sentences_and_no_piece_is_lost() -> None:
    paragraph = _sentences(*(f"Mening {n}" for n in range(40)))
    doc = Document("d-txt", "d.txt", "D", "txt", (Block(HEADING, "Rubrik", level=1), Block(PARAGRAPH, paragraph)))
    text, chunks = split_into_chunks(doc)
    assert len(chunks) >= 3
    for n in range(40):
        assert any(f"Mening {n} beskrivs" in chunk.text for chunk in chunks)
    # The pieces after the first start in the middle of the paragraph, at a sentence.
    assert all(chunk.text.startswith("Mening") for chunk in chunks[1:])


def test_sample_chunks_lose_no_text_and_overlap_only_where_a_section_continues(sample_settings: Any) -> None:
    corpus = sample_settings.corpus
    overlaps = 0
    for path in sorted(corpus.iterdir()):
        if path.suffix not in {".docx", ".pdf", ".txt"}:
            continue
        doc = clean_document(load_document(path, corpus))
        text, chunks = split_into_chunks(doc)
        _, spans = document_text(doc)
        starts = {start for (start, _), block in zip(spans, structural_blocks(doc.blocks))
                  if block.kind in (HEADING, TABLE_ROW)}
        covered = [False] * len(text)
        for chunk in chunks:
            assert chunk.text == text[chunk.start:chunk.end]
            covered[chunk.start:chunk.end] = [True] * (chunk.end - chunk.start)
        # Every word of the document is in a chunk, except a title with nothing under it.
        lost = "".join(" " if hit else character for hit, character in zip(covered, text)).split()
        assert len(lost) <= 12, (path.name, lost)
        for chunk, following in zip(chunks, chunks[1:]):
            assert chunk.start < following.start
            if chunk.end > following.start:
                overlaps += 1
                assert chunk.kind != TABLE_ROW and following.start not in starts
                assert word_count(text[following.start:chunk.end]) <= OVERLAP_WORDS
    assert overlaps >= 10
