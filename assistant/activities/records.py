"""The activity register: the rows of a plan's activity tables as records, and filters over them.

Every loader hands a plan table over as TABLE_ROW blocks whose cells carry their column
headers, so one reader serves DOCX, PDF and text tables alike: headers are read by meaning
(`columns.column_key`), dates by `periods.normalise_period`, and each record is linked to
the chunk its row became, so it can be cited and opened in the source view."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from assistant.ingest.chunk import document_text
from assistant.ingest.columns import column_key, is_header_row
from assistant.ingest.periods import normalise_period
from assistant.models import TABLE_ROW, Activity, Cell, Chunk, Document

# Fields a row must fill to be an activity: something to do, and someone or some time to do it by.
_SUBJECT = ("what", "goal")
_DETAIL = ("how", "responsible", "start", "deadline", "status")

# Words that join two parties in a responsible cell ("NOSAM Alingsås i samråd med NOSAM Lerum").
_PARTY_SEPARATORS = re.compile(
    r"\s*(?:\n|,|;|/|&|\+|•"
    r"|(?<!-)\s(?:och|samt|respektive|resp\.|i samråd med|i samarbete med|tillsammans med|med stöd av|"
    r"med stöd från|and|with)\s)\s*",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,}$")

# Target groups, as plans and their file names call them ("TG BoU:", "…-barn-och-unga-2026").
TARGET_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Barn och unga", ("barn och unga", "barn och ungdomar", "bou")),
    ("Äldre", ("äldre",)),
    ("Rehab/Hab", ("rehab", "rehabilitering", "habilitering")),
    ("Psykisk hälsa", ("psykisk hälsa", "psykiatri")),
    ("Vuxna", ("vuxna",)),
)
_TG_PREFIX = re.compile(r"^\s*TG\s+([^:]+):?")


# A register question compares its names with every row's; the same few names are folded again and again.
@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Fold text for comparing: NFC, lower case, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _flat(text: str) -> str:
    return " ".join(text.split())


def unrepeated(words: list[str]) -> list[str]:
    """Words that say one thing twice or more ("NOSAM NOSAM", as a PDF joins two paragraphs) said once."""
    for size in range(1, len(words) // 2 + 1):
        if len(words) % size == 0 and words == words[:size] * (len(words) // size):
            return words[:size]
    return words


def split_responsible(text: str) -> tuple[str, ...]:
    """Name the parties in a responsible cell, each once, in order.

    "NOSAM Alingsås i samråd med NOSAM Lerum" → ("NOSAM Alingsås", "NOSAM Lerum");
    "NOSAM Lerum respektive Alingsås" → ("NOSAM Lerum", "NOSAM Alingsås"): a bare place name
    after an organisation's name belongs to the same organisation.
    """
    names: list[str] = []
    previous: list[str] = []
    for part in _PARTY_SEPARATORS.split(unicodedata.normalize("NFC", text)):
        words = unrepeated(part.strip(" \t.:-–•*()").split())
        if not words:
            continue
        prefix = previous[:-1]
        if len(words) == 1 and prefix and all(_ACRONYM.match(w) for w in prefix) and words[0][:1].isupper():
            words = prefix + words
        name = " ".join(words)
        if fold(name) not in {fold(n) for n in names}:
            names.append(name)
        previous = words
    return tuple(names)


def responsible_as_written(record: Activity) -> str:
    """The responsible cell in the plan's own words ("NOSAM Alingsås i samråd med NOSAM Lerum").

    Who leads and who is consulted is part of the answer, so the cell is quoted as written
    when it names each party in full. Otherwise ("NOSAM Lerum respektive Alingsås", or a
    name a PDF repeated) the parties are listed, joined by "och"."""
    written = _flat(_fields(record.cells).get("responsible", ""))
    words = written.split()
    repeated = any(first == second for first, second in zip(words, words[1:]))
    if written and not repeated and all(fold(name) in fold(written) for name in record.responsible):
        return written
    return " och ".join(record.responsible)


def target_group(*texts: str) -> str:
    """Return the target group a goal cell ("TG BoU: …") or a title or file name names, or ""."""
    for text in texts:
        prefix = _TG_PREFIX.match(text)
        folded = fold(prefix.group(1) if prefix else re.sub(r"[-_]", " ", text))
        for name, aliases in TARGET_GROUPS:
            if any(re.search(rf"\b{re.escape(alias)}\b", folded) for alias in aliases):
                return name
    return ""


def _fields(cells: Sequence[Cell]) -> dict[str, str]:
    """The row's cell texts by canonical column; two cells of one column are joined."""
    fields: dict[str, list[str]] = {}
    for cell in cells:
        key = column_key(cell.header)
        if key and cell.text.strip():
            fields.setdefault(key, []).append(cell.text)
    return {key: "\n".join(texts) for key, texts in fields.items()}


def is_activity_row(cells: Sequence[Cell]) -> bool:
    """Tell whether a table row is an activity: it names what to do and who, how or when."""
    if not cells or is_header_row([cell.text for cell in cells]):
        return False
    fields = _fields(cells)
    return any(fields.get(k) for k in _SUBJECT) and any(fields.get(k) for k in _DETAIL)


def activity_from_row(
    number: int, doc: Document, chunk: Chunk, cells: Sequence[Cell], continued: bool = False
) -> Activity:
    """Make the record for one activity row, cited to the chunk the row became."""
    fields = _fields(cells)
    goal = _flat(fields.get("goal", ""))
    return Activity(
        id=f"{doc.doc_id}-a{number}",
        doc_id=doc.doc_id,
        document=doc.path,
        title=doc.title,
        chunk_id=chunk.chunk_id,
        page=chunk.page,
        goal=goal,
        what=_flat(fields.get("what", "")),
        how=_flat(fields.get("how", "")),
        responsible=split_responsible(fields.get("responsible", "")),
        start=_flat(fields.get("start", "")),
        deadline=_flat(fields.get("deadline", "")),
        follow_up=_flat(fields.get("follow_up", "")),
        status=_flat(fields.get("status", "")),
        start_period=normalise_period(fields.get("start", "")),
        deadline_period=normalise_period(fields.get("deadline", ""), last=True),
        target_group=target_group(goal, doc.title, doc.path),
        continued=continued,
        cells=tuple(cells),
    )


def activities_from_document(doc: Document, chunks: Sequence[Chunk]) -> list[Activity]:
    """Return the activity records of a cleaned document, given the chunks made from it."""
    _text, spans = document_text(doc)
    row_chunks = [chunk for chunk in chunks if chunk.kind == TABLE_ROW]
    records: list[Activity] = []
    for block, (start, _end) in zip(doc.blocks, spans):
        if block.kind != TABLE_ROW or not is_activity_row(block.cells):
            continue
        chunk = next((c for c in row_chunks if c.start <= start < c.end), None)
        if chunk is not None:
            records.append(activity_from_row(len(records) + 1, doc, chunk, block.cells, block.continued))
    return records
