"""A summary: the key sentences of a document or of one of its sections, in the document's own order.

"Sammanfatta årsrapporten 2025" is not answered by the sentences closest to its words (those
are on the title page); it is answered by what the document says of itself. The document is the
one whose title shows the question's words ("äldreplanen" names "Handlingsplan för äldre"), among
the documents read, else the one the reader's best unit stands in. Within it, the section whose
own heading shows most of the question's words that the document's title does not
("Sammanfattning" for "Sammanfatta årsrapporten", "Mål …" for "Sammanfatta målen i äldreplanen")
is quoted from its start; when no heading shows any, the first sentence of each section is, in
order.
"""

from __future__ import annotations

from assistant.answering.reader import Reading
from assistant.answering.units import Unit, passage_units
from assistant.indexing.store import StoredIndex
from assistant.ingest.sentences import word_count
from assistant.ingest.terms import YEAR, terms, text_forms
from assistant.models import Chunk, Passage
from assistant.search.lexicon import share_shown

# At most this many words and units: eight, so that a section's short list (four goals after the
# line that opens them) is quoted whole, within the words.
SUMMARY_WORDS = 160
SUMMARY_UNITS = 8


def _heading(chunk: Chunk) -> str:
    return chunk.section.split(" › ")[-1] if chunk.section else ""


def _units(chunks: list[Chunk], first_only: bool) -> list[Unit]:
    """The units of the chunks (or each section's first), as far as a summary's length allows."""
    chosen: list[Unit] = []
    words = 0
    seen_sections: set[str] = set()
    for rank, chunk in enumerate(chunks, start=1):
        if first_only and chunk.section in seen_sections:
            continue
        seen_sections.add(chunk.section)
        units = passage_units(Passage(chunk, 0.0, rank))
        for unit in units[:1] if first_only else units:
            size = word_count(unit.text)
            if len(chosen) == SUMMARY_UNITS or (chosen and words + size > SUMMARY_WORDS):
                return chosen
            chosen.append(unit)
            words += size
    return chosen


def _named_document(index: StoredIndex, reading: Reading, best: Chunk) -> Chunk:
    """A chunk of the document the question names by its title's words ("äldreplanen" for
    "Handlingsplan för äldre"), among the documents read; else of the best unit's document.

    Words are read with their compounds' parts; years do not name a document (many are of 2025)."""
    lexical = index.lexical
    asked = {term for term in text_forms(reading.question.text, lexical.vocabulary)
             if term in lexical.vocabulary and not YEAR.fullmatch(term)}
    firsts = {unit.passage.chunk.doc_id: unit.passage.chunk for unit in reversed(reading.units)}
    named = {doc: sum(float(lexical.idf[lexical.vocabulary[term]])
                      for term in asked & text_forms(chunk.title, lexical.vocabulary))
             for doc, chunk in firsts.items()}
    choice = max(named, key=named.__getitem__, default=best.doc_id)
    return firsts[choice] if named.get(choice, 0.0) > named.get(best.doc_id, 0.0) else best


def summary_units(index: StoredIndex, reading: Reading) -> list[Unit]:
    """The units that summarise the document (or the section) the question is about."""
    if reading.best_unit is None:
        return []
    chunk = _named_document(index, reading, reading.best_unit.passage.chunk)
    chunks = index.document_chunks(chunk.doc_id)
    title = set(terms(chunk.title))
    question = reading.question
    # The words the title shows say which document; the others, which part of it.
    weights = {term: weight for term, weight in question.weights.items() if term not in title}
    shown = share_shown([group - title for group in question.groups if group - title], weights)
    content = [chunk for chunk in chunks if set(terms(_heading(chunk))) - title]
    shares = [shown(text_forms(_heading(chunk), index.lexical.vocabulary)) for chunk in content]
    if not content or max(shares) == 0:
        return _units(content or chunks, first_only=True)
    section = content[shares.index(max(shares))].section
    return _units([chunk for chunk in chunks if chunk.section == section], first_only=False)
