"""The pieces an answer may quote: each sentence, line or list item of the passages read, or a table row.

A unit knows where it stands (its passage, its place among the passage's units, the section
heading above it) and how close the question came to it: the best cosine of the sentence
windows that overlap it, as retrieval scored them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.ingest.chunk import CONTENTS_ENTRY
from assistant.ingest.sentences import sentence_spans, word_count
from assistant.models import TABLE_ROW, Passage

# Passages read for an answer, and the longest table row quoted whole (a row that lists many
# efforts in one cell is read line by line instead).
PASSAGES_READ = 5
MAX_ROW_WORDS = 120


@dataclass(frozen=True)
class Unit:
    """One quotable piece of a passage."""

    passage: Passage
    start: int
    end: int
    order: int
    count: int
    cosine: float

    @property
    def text(self) -> str:
        """The words quoted."""
        return self.passage.chunk.text[self.start:self.end]

    @property
    def is_row(self) -> bool:
        """Whether the unit is a whole table row."""
        return self.passage.chunk.kind == TABLE_ROW and self.start == 0 and self.end == len(self.passage.chunk.text)


def _cosine(passage: Passage, start: int, end: int) -> float:
    """The best cosine of the passage's windows that overlap the span (the passage's own without windows)."""
    return max((cos for lo, hi, cos in passage.windows if lo < end and hi > start), default=passage.dense_score)


# A heading this long states something ("Mötesstruktur NOSAM 3 tim./5-6 vecka …"): it is read too.
HEADING_WORDS = 6


def _heading_length(passage: Passage) -> int:
    """How many characters at the start of the chunk repeat its section's own heading (which the
    citation shows), unless the heading is long enough to be a statement of its own."""
    chunk = passage.chunk
    heading = chunk.section.split(" › ")[-1] if chunk.section else ""
    short = word_count(heading) <= HEADING_WORDS
    return len(heading) if heading and short and chunk.text.startswith(heading) else 0


# Words a Swedish clause does not end with: a line that ends with one was broken mid-sentence
# (a PDF's or a slide's hard line break), and goes on on the next line.
_OPEN_ENDINGS = frozenset(
    "i på av för med till om från och eller samt att som en ett den det de vid hos mot under över inom utan "
    "enligt genom efter mellan än både eftersom".split()
)


def _continues(text: str, end: int, start: int) -> bool:
    """Whether the line ending at `end` goes on at `start`: only line breaks between them, and the
    first stops on a word no clause ends with, or (after a single break) the second begins in lower case."""
    if text[end:start].strip():
        return False
    last = text[:end].split()[-1].lower() if text[:end].split() else ""
    return last in _OPEN_ENDINGS or ("\n\n" not in text[end:start] and text[start:start + 1].islower())


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for lo, hi in spans:
        if joined and "\n" in text[joined[-1][1]:lo] and _continues(text, joined[-1][1], lo):
            joined[-1] = (joined[-1][0], hi)
        else:
            joined.append((lo, hi))
    return joined


def passage_units(passage: Passage) -> list[Unit]:
    """The units of one passage, in text order: its sentences, lines broken mid-sentence joined again."""
    chunk = passage.chunk
    if chunk.kind == TABLE_ROW and word_count(chunk.text) <= MAX_ROW_WORDS:
        spans = [(0, len(chunk.text))]
    else:
        skip = _heading_length(passage)
        spans = _joined(chunk.text, [(lo, hi) for lo, hi in sentence_spans(chunk.text) if lo >= skip])
    return [Unit(passage, lo, hi, order, len(spans), _cosine(passage, lo, hi)) for order, (lo, hi) in enumerate(spans)]


def candidate_units(passages: Sequence[Passage], read: int = PASSAGES_READ) -> list[Unit]:
    """The units of the first `read` passages, passage by passage in rank order; a unit read already
    (a chunk also carries the first sentences of the next) is not read twice, and lines of a table
    of contents are not read."""
    seen: set[str] = set()
    units = []
    for passage in passages[:read]:
        for unit in passage_units(passage):
            key = " ".join(unit.text.split()).lower()
            # A line of a table of contents inside a passage is never quoted.
            if key not in seen and len(CONTENTS_ENTRY.findall(unit.text)) < 2:
                seen.add(key)
                units.append(unit)
    return units
