"""Split a cleaned document into passages that follow its structure.

Headings start a new chunk and give every chunk its section path; a bullet list stays
with the paragraph that leads into it; a table row is a chunk of its own; paragraphs are
packed to roughly 60–250 words and are only ever cut between sentences. A chunk that the
next one continues also carries that one's first sentences (OVERLAP_WORDS). A table of
contents or a list of figures is marked as such (CONTENTS): it is no passage to answer from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.ingest.sentences import sentence_spans, word_count
from assistant.models import CONTENTS, HEADING, LIST_ITEM, PARAGRAPH, TABLE_ROW, Block, Chunk, Document

MIN_WORDS = 60
MAX_WORDS = 180
# How far a chunk reaches into the next one of its section: a statement cut off at a chunk's end
# ("Teamet är i gång sedan …") is then found with what led up to it. Measured 25–90; 40 was best.
OVERLAP_WORDS = 40
SEPARATOR = "\n\n"
SECTION_JOIN = " › "


@dataclass(frozen=True)
class _Placed:
    """A block with its span in the document text and the section it sits in."""

    block: Block
    start: int
    end: int
    section: str


def document_text(doc: Document) -> tuple[str, list[tuple[int, int]]]:
    """Return the document's cleaned text (blocks joined by blank lines) and each block's span."""
    spans: list[tuple[int, int]] = []
    position = 0
    for block in doc.blocks:
        spans.append((position, position + len(block.text)))
        position += len(block.text) + len(SEPARATOR)
    return SEPARATOR.join(block.text for block in doc.blocks), spans


# A label is a short line with no sentence punctuation ("SAMLA ekonomi 2022", "Mini Maria").
_LABEL = re.compile(r"^[A-ZÅÄÖ0-9][^.:;!?]{0,60}$")
LABEL_WORDS = 6
# Headings nested under every real heading: slide titles and lead-in labels.
LABEL_LEVEL = 9


def _is_label(block: Block) -> bool:
    return block.kind == PARAGRAPH and word_count(block.text) <= LABEL_WORDS and bool(_LABEL.match(block.text))


def _is_prose(block: Block) -> bool:
    return block.kind == PARAGRAPH and word_count(block.text) > 12


# An entry of a table of contents or a list of figures: its title runs into a page number over
# dot leaders or an ellipsis ("3. Året i korthet ........ 4", "Övergripande mål … 4").
CONTENTS_ENTRY = re.compile(r"(?:\.\s?){3,}\s*\d{1,3}\b|…\s*\d{1,3}\b|_{4,}\s*\d{1,3}\b")
# Words per entry, at most, in a text that is a table of contents and nothing else.
CONTENTS_WORDS = 14


def is_contents(text: str) -> bool:
    """Whether a block is (part of) a table of contents or a list of figures: entries, and hardly a
    word beside their titles."""
    entries = len(CONTENTS_ENTRY.findall(text))
    return entries >= 1 and word_count(text) <= CONTENTS_WORDS * entries


def structural_blocks(blocks: Sequence[Block]) -> list[Block]:
    """Read structure the loader could not see: titles in slides, and false headings.

    A label paragraph after a list, before a list, or between two paragraphs of prose titles
    what follows it (slides and plain-text exports lose their heading styles); a "heading" that holds a web
    address is a link line, not a title; the entries of a table of contents are CONTENTS.
    """
    result = []
    for i, block in enumerate(blocks):
        before = blocks[i - 1] if i else None
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.kind == HEADING and re.search(r"https?://|www\.", block.text):
            block = replace(block, kind=PARAGRAPH, level=0)
        elif block.kind in (PARAGRAPH, LIST_ITEM) and is_contents(block.text):
            block = replace(block, kind=CONTENTS)
        elif _is_label(block) and after is not None and after.kind != HEADING and (
            after.kind == LIST_ITEM
            or (before is not None and before.kind == LIST_ITEM)
            or (before is not None and _is_prose(before) and _is_prose(after))
        ):
            block = replace(block, kind=HEADING, level=LABEL_LEVEL)
        result.append(block)
    return result


def _place(doc: Document, spans: Sequence[tuple[int, int]]) -> list[_Placed]:
    path: list[tuple[int, str]] = []
    placed = []
    for block, (start, end) in zip(structural_blocks(doc.blocks), spans):
        if block.kind == HEADING:
            level = max(block.level, 1)
            path = [(lvl, title) for lvl, title in path if lvl < level] + [(level, block.text)]
        placed.append(_Placed(block, start, end, SECTION_JOIN.join(title for _, title in path)))
    return placed


def _units(placed: Sequence[_Placed]) -> list[list[_Placed]]:
    """Group blocks that must stay together: headings with what follows, lists with their lead-in."""
    units: list[list[_Placed]] = []
    for item in placed:
        kind = item.block.kind
        previous = units[-1] if units else None
        if previous and previous[-1].block.kind == HEADING and kind != TABLE_ROW:
            previous.append(item)
        elif previous and kind == LIST_ITEM and previous[-1].block.kind in (PARAGRAPH, LIST_ITEM):
            previous.append(item)
        elif previous and kind == CONTENTS and previous[-1].block.kind == CONTENTS:
            previous.append(item)
        else:
            units.append([item])
    return units


def _unit_words(unit: Sequence[_Placed]) -> int:
    return sum(word_count(item.block.text) for item in unit)


def _split_long(text: str, start: int) -> list[tuple[int, int]]:
    """Cut an over-long stretch of text between sentences into pieces of at most MAX_WORDS."""
    pieces: list[tuple[int, int]] = []
    piece_start: int | None = None
    piece_end = 0
    words = 0
    for lo, hi in sentence_spans(text):
        count = word_count(text[lo:hi])
        if piece_start is not None and words + count > MAX_WORDS:
            pieces.append((start + piece_start, start + piece_end))
            piece_start, words = None, 0
        if piece_start is None:
            piece_start = lo
        piece_end = hi
        words += count
    if piece_start is not None:
        pieces.append((start + piece_start, start + piece_end))
    return pieces


def _spans_of_units(units: Sequence[list[_Placed]], text: str) -> list[tuple[int, int, _Placed]]:
    """Pack units into chunk spans; each span remembers the block that starts it."""
    spans: list[tuple[int, int, _Placed]] = []
    current: list[_Placed] = []
    words = 0

    def flush() -> None:
        nonlocal current, words
        if current:
            spans.append((current[0].start, current[-1].end, current[0]))
        current, words = [], 0

    for unit in units:
        first = unit[0]
        size = _unit_words(unit)
        # A table row, and a table of contents, is a chunk of its own.
        fenced = any(item.block.kind in (TABLE_ROW, CONTENTS) for item in unit)
        starts_section = first.block.kind == HEADING or fenced
        if starts_section or (current and current[-1].block.kind in (TABLE_ROW, CONTENTS)):
            flush()
        elif current and words + size > MAX_WORDS and words >= MIN_WORDS // 2:
            flush()
        if size > MAX_WORDS and first.block.kind != TABLE_ROW:
            flush()
            lo, hi = first.start, unit[-1].end
            spans.extend((a, b, first) for a, b in _split_long(text[lo:hi], lo))
            continue
        current.extend(unit)
        words += size
    flush()
    return spans


def _overlap_end(text: str, end: int, following: tuple[int, int]) -> int:
    """Where a chunk that ends at `end` ends once it carries the first whole sentences of the
    following span, up to OVERLAP_WORDS."""
    lo, hi = following
    words = 0
    for start, stop in sentence_spans(text[lo:hi]):
        words += word_count(text[lo + start:lo + stop])
        if words > OVERLAP_WORDS:
            break
        end = max(end, lo + stop)
    return end


def _only_contents(placed: Sequence[_Placed], start: int, end: int) -> bool:
    """Whether the blocks of a span are a table of contents and at most its one heading: a span that
    also holds other lines ("Innehållsansvarig: …" styled as headings above it) stays a passage."""
    inside = [p.block.kind for p in placed if p.start < end and p.end > start]
    others = [kind for kind in inside if kind != CONTENTS]
    return CONTENTS in inside and others in ([], [HEADING])


def split_into_chunks(doc: Document) -> tuple[str, list[Chunk]]:
    """Return the document's cleaned text and its chunks, each with its span in that text."""
    text, block_spans = document_text(doc)
    placed = _place(doc, block_spans)
    starts = [p.start for p in placed]
    # A chunk starting at a heading or a table row does not continue the one before it.
    breaks = {p.start for p in placed if p.block.kind in (HEADING, TABLE_ROW, CONTENTS)}
    spans = _spans_of_units(_units(placed), text)
    chunks = []
    for number, (start, end, first) in enumerate(spans):
        body = text[start:end]
        # A span of headings alone (a title with nothing under it) is no passage. A piece cut from
        # the middle of a long paragraph holds no block's start, but is text all the same.
        if not body.strip() or all(p.block.kind == HEADING for p in placed if p.start < end and p.end > start):
            continue
        following = spans[number + 1] if number + 1 < len(spans) else None
        if following and first.block.kind != TABLE_ROW and following[0] not in breaks:
            end = _overlap_end(text, end, (following[0], following[1]))
            body = text[start:end]
        # A piece cut from a long unit may start pages after the unit's first block.
        owner = placed[bisect_right(starts, start) - 1]
        chunks.append(
            Chunk(
                chunk_id=f"{doc.doc_id}-{number}",
                doc_id=doc.doc_id,
                document=doc.path,
                title=doc.title,
                section=owner.section,
                page=owner.block.page,
                start=start,
                end=end,
                text=body,
                kind=TABLE_ROW if first.block.kind == TABLE_ROW else CONTENTS if _only_contents(placed, start, end)
                else PARAGRAPH,
                heading=doc.heading,
            )
        )
    return text, chunks
