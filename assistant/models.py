"""The frozen records that flow between the pipeline's stages.

corpus file --load--> Document(blocks) --clean--> Document --chunk--> Chunk
--embed/index--> (stored) --retrieve--> Passage --answer--> Answer(Citation…)
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of Block a loader can produce.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
TABLE_ROW = "table_row"
# A chunk that is a table of contents or a list of figures: indexed with its document, never a passage.
CONTENTS = "contents"

# How an answer was written: quoted from the passages, or by a language model from them.
EXTRACTIVE = "extractive"
GENERATED = "generated"


@dataclass(frozen=True)
class Cell:
    """One cell of a table row, with the column header as the document writes it."""

    header: str
    text: str


@dataclass(frozen=True)
class Block:
    """One structural unit of a document: a heading, a paragraph, a list item or a table row.

    For a table row, `cells` holds every cell (leading cells that the document leaves
    empty are already filled from the row above, and `continued` is then True) and
    `text` is the row written out with its column labels (see `columns.render_row`).
    """

    kind: str
    text: str
    level: int = 0
    page: int | None = None
    cells: tuple[Cell, ...] = ()
    continued: bool = False


@dataclass(frozen=True)
class Document:
    """A loaded corpus file: its identity, title and structural blocks in reading order."""

    doc_id: str
    path: str
    title: str
    kind: str
    blocks: tuple[Block, ...]
    pages: int | None = None
    sha256: str = ""
    mtime: float = 0.0
    # The title as the text itself states it (its first heading or line), which search embeds with
    # each chunk; `title` is the one shown, from the file's properties when it has a real one.
    heading: str = ""
    # Pages without a text layer (scanned), to be read by OCR.
    scanned: tuple[int, ...] = ()


@dataclass(frozen=True)
class LoadFailure:
    """A corpus file that could not be read, and why (in words a staff member can act on)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage that carries everything its citation needs."""

    chunk_id: str
    doc_id: str
    document: str
    title: str
    section: str
    page: int | None
    start: int
    end: int
    text: str
    kind: str = PARAGRAPH
    # When the document is from ("2026-05-21", "2022"), shown beside its sources; set when the index opens.
    dated: str = ""
    # The document's title as its text states it, embedded with the chunk (see Document.heading).
    heading: str = ""

    @property
    def searched_title(self) -> str:
        """The title embedded and term-indexed with the chunk."""
        return self.heading or self.title


@dataclass(frozen=True)
class Passage:
    """A chunk found for a question, with its fused score and rank."""

    chunk: Chunk
    score: float
    rank: int
    dense_rank: int | None = None
    lexical_rank: int | None = None
    dense_score: float = 0.0
    lexical_score: float = 0.0
    # (start, end, cosine) of the chunk's sentence windows within its text, best first.
    windows: tuple[tuple[int, int, float], ...] = ()


@dataclass(frozen=True)
class Citation:
    """A numbered reference from an answer to the passage it quotes."""

    n: int
    chunk: Chunk
    quote: str
    url: str
    # The newer version that replaces the cited document ("Titel (2026-05-21)"), if any.
    superseded_by: str = ""
    # The stretches quoted, as (start, end) in the document's text, for the source view to mark.
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Activity:
    """One row of a plan's activity table: its cells as written, and its fields normalised.

    `start_period` and `deadline_period` read "2025-10", "2027", "ongoing" or "" (not given);
    `chunk_id` is the table-row chunk the record is cited to.
    """

    id: str
    doc_id: str
    document: str
    title: str
    chunk_id: str
    page: int | None
    goal: str
    what: str
    how: str
    responsible: tuple[str, ...]
    start: str
    deadline: str
    follow_up: str
    status: str
    start_period: str
    deadline_period: str
    target_group: str = ""
    continued: bool = False
    cells: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Answer:
    """An answer: its text with [n] markers, and the citations behind them.

    `mode` is "extractive" (sentences quoted from the passages) or "generated" (written by the
    site's language model and checked against the passages); `fallback` says why a model that was
    asked gave no usable answer, so the extractive one stands.
    """

    question: str
    text: str
    found: bool
    citations: tuple[Citation, ...] = ()
    related: tuple[Passage, ...] = field(default=())
    activities: tuple[Activity, ...] = ()
    mode: str = EXTRACTIVE
    fallback: str | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """What the index knows about one indexed document, for listings and the source view."""

    doc_id: str
    path: str
    title: str
    kind: str
    pages: int | None
    chunks: int
    indexed_at: str
    version: str = ""
    date: str = ""
    heading: str = ""
