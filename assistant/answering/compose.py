"""Compose an extractive answer: the units the reader chose, as readable text, each cited; or "nothing found".

No language model: every claim in an answer is a quotation from a passage that its citation
points at, so staff can check it in one click.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

import numpy as np

from assistant.activities.records import unrepeated
from assistant.answering.present import chunk_url
from assistant.answering.reader import ReaderParameters, choose_units, read_units
from assistant.answering.register import DEADLINE, START, row_name, row_value
from assistant.answering.signals import read_question
from assistant.answering.summary import summary_units
from assistant.answering.support import SUPPORT_PASSAGES, ablation_gain, answerable_features, is_answerable
from assistant.answering.units import Unit, candidate_units
from assistant.embedding.base import Embedder
from assistant.indexing.store import StoredIndex
from assistant.ingest.columns import column_key
from assistant.models import Activity, Answer, Chunk, Citation, Passage

NOT_FOUND = "Jag hittar inget om det i dokumenten."
RELATED = 3


# How a quoted sentence may end; any other gets a full stop, so that quotes read as sentences.
_ENDS = (".", "!", "?", ":", "…")
# A line of a slide or a list, not a sentence: a short stretch without a full stop.
LINE_WORDS = 14
BULLET = "• "


def _flat(text: str) -> str:
    return " ".join(text.split())


def _as_sentence(text: str) -> str:
    flat = _flat(text)
    return flat if flat.endswith(_ENDS) else f"{flat}."


def _cell_text(text: str) -> str:
    # A cell that says the same twice ("NOSAM" on two lines of one cell) is said once.
    return " ".join(unrepeated(text.split()))


def _row_sentence(unit: Unit, rows: Mapping[str, Activity]) -> str:
    """A table row said as a sentence: "Samordnad individuell plan – SIP: ansvarig NOSAM, start oktober
    2025, deadline 2027"; every cell the row fills is said, so nothing the row holds is lost. A row of
    any other table: its cells one after another."""
    record = rows.get(unit.passage.chunk.chunk_id)
    if record is None:
        return _as_sentence(unit.text.replace(" | ", "; "))
    written = {column_key(cell.header): _cell_text(cell.text) for cell in record.cells if cell.text.strip()}
    said = [f"mål: {_flat(record.goal)}" if record.what and record.goal else "",
            f"hur: {_flat(record.how)}" if record.how else "",
            f"ansvarig {written['responsible']}" if "responsible" in written else "",
            f"start {row_value(record, START)}" if record.start.strip() else "",
            f"deadline {row_value(record, DEADLINE)}" if record.deadline.strip() else "",
            f"uppföljning: {_flat(record.follow_up)}" if record.follow_up else "",
            f"status: {_flat(record.status)}" if record.status else ""]
    return f"{row_name(record).rstrip('.:')}: {'; '.join(part for part in said if part)}."


def _is_line(unit: Unit) -> bool:
    text = _flat(unit.text)
    return not unit.is_row and len(text.split()) <= LINE_WORDS and not text.endswith((".", "!", "?"))


def _items(units: Sequence[Unit]) -> list[bool]:
    """Which units are items of a list: those that follow, in their passage's order, a line ending in a
    colon or another item; and runs of two or more short lines of one passage (a slide's bullets)."""
    items = [False] * len(units)
    for i in range(1, len(units)):
        previous, unit = units[i - 1], units[i]
        follows = previous.passage is unit.passage and unit.order == previous.order + 1
        opened = _flat(previous.text).endswith(":") or items[i - 1]
        if follows and (opened or (_is_line(previous) and _is_line(unit))):
            items[i] = True
            if not opened:
                items[i - 1] = True
    return items


def compose_answer(question: str, passages: Sequence[Passage], units: Sequence[Unit],
                   rows: Mapping[str, Activity] | None = None) -> Answer:
    """Quote the units as readable text, each followed by the number of its citation: sentences end
    in a full stop, items of a list each stand on a line of their own ("• …"), and a row of an
    activity table is said as a sentence. Without units, say nothing was found and offer the
    nearest passages instead."""
    if not units:
        return Answer(question, NOT_FOUND, False, (), tuple(passages[:RELATED]))
    quoted: dict[str, list[Unit]] = {}  # by chunk, in order of first quote: the citations' order
    lines: list[str] = []
    for unit, item in zip(units, _items(units)):
        chunk_id = unit.passage.chunk.chunk_id
        quoted.setdefault(chunk_id, []).append(unit)
        if unit.is_row:
            said = _row_sentence(unit, rows or {})
        else:
            said = _flat(unit.text).rstrip(".") if item else _as_sentence(unit.text)
        add_line(lines, f"{said} [{list(quoted).index(chunk_id) + 1}]", item)
    citations = tuple(quoted_citation(n, group[0].passage.chunk, group) for n, group in enumerate(quoted.values(), 1))
    return Answer(question, "\n".join(lines), True, citations, ())


def add_line(lines: list[str], piece: str, item: bool) -> None:
    """Put a quoted piece where it reads: an item of a list on a line of its own ("• …"), a sentence
    after the sentences before it."""
    if item:
        lines.append(BULLET + piece)
    elif lines and not lines[-1].startswith(BULLET):
        lines[-1] += f" {piece}"
    else:
        lines.append(piece)


def quoted_citation(n: int, chunk: Chunk, units: Sequence[Unit]) -> Citation:
    """Citation n of a chunk: its quoted units, one after another, marked in the source view's URL."""
    marks = tuple((chunk.start + unit.start, chunk.start + unit.end) for unit in units)
    quote = " … ".join(_flat(unit.text) for unit in units)
    return Citation(n, chunk, quote, chunk_url(chunk, marks), marks=marks)


def answer_from_passages(index: StoredIndex, embedder: Embedder, question: str, vector: np.ndarray,
                         passages: Sequence[Passage], parameters: ReaderParameters) -> Answer:
    """Read the passages, decide whether they answer the question, and quote what does."""
    if not passages:
        return compose_answer(question, passages, [])
    reading = read_units(read_question(index.lexical, question), candidate_units(passages), parameters.sentence)
    row = answerable_features(index, question, passages, reading)
    gain = partial(ablation_gain, index, embedder, question, vector, passages[:SUPPORT_PASSAGES])
    if not is_answerable(parameters.answerable, parameters.threshold, row, gain):
        return compose_answer(question, passages, [])
    summary = reading.question.kind == "summary"
    units = summary_units(index, reading) if summary else choose_units(reading, parameters)
    return compose_answer(question, passages, units, index.activity_of_chunk)
