"""Read plain text and Markdown into blocks: headings, paragraphs, list items and plan-table rows.

Text files here are often extracted from PDFs or slides: lines are hard-wrapped (sometimes
with a blank line between the wrapped lines), bullets are odd glyphs, and tables are
tab-separated. A text file's headings are guessed from short lines and what follows them.
"""

from __future__ import annotations

import re

from assistant.ingest.columns import is_header_row
from assistant.ingest.tables import table_blocks
from assistant.models import HEADING, LIST_ITEM, PARAGRAPH, TABLE_ROW, Block

# Bullet marks as text files write them; "o" counts only before a space or a capital, as
# slide exports write "oMini-Maria", while Swedish words never start with a lone "o".
_BULLET = re.compile(r"^\s*(?:[-–*]\s+|[•»❖▪●◦■➢\uf0b7\uf0a7\uf076\uf0d8]\s*|o(?:\s+|(?=[A-ZÅÄÖ])))(?=\S)")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?=\S)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)[\s#]*$")
_MD_RULE = re.compile(r"^\s*(?:\|?\s*:?-{3,}:?\s*)+\|?\s*$|^\s*(?:\*{3,}|_{3,})\s*$")


def text_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Split plain text (or Markdown) into heading, paragraph, list-item and table-row blocks."""
    reader = _LineReader(markdown)
    for line in text.splitlines():
        reader.feed(line)
    return reader.finish()


def _heading_like(text: str) -> bool:
    """A short single line that starts with a capital and does not end a sentence."""
    line = text.strip()
    return (
        2 <= len(line) <= 70
        and "\n" not in line
        and line[0].isupper()
        and line[-1] not in ".,;!?…"
        and len(line.split()) <= 10
        and "://" not in line
        and "?" not in line
        # "Fastställd: 2024-02-07" is a field with its value, not a heading; "TG Äldre:" may be one.
        and not re.search(r":\s*\S", line)
    )


def _mark_headings(blocks: list[Block]) -> list[Block]:
    """Decide which lone short lines of a text file are headings, by what follows them."""
    marked = list(blocks)
    if marked and marked[0].kind == PARAGRAPH and len(marked[0].text) <= 120 and marked[0].text[-1:] != ".":
        marked[0] = Block(HEADING, marked[0].text, level=1)
    for i in range(len(marked) - 2, 0, -1):
        block, following = marked[i], marked[i + 1]
        if block.kind != PARAGRAPH or not _heading_like(block.text):
            continue
        long_text = following.kind == PARAGRAPH and len(following.text) >= max(60, 2 * len(block.text))
        if long_text or following.kind in (LIST_ITEM, TABLE_ROW, HEADING):
            marked[i] = Block(HEADING, block.text, level=2)
    return marked


class _LineReader:
    """Gathers lines into blocks; joins hard-wrapped lines, including wraps across a blank line."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.kind = PARAGRAPH
        self.table: list[list[str]] | None = None
        self.after_blank = False

    def feed(self, raw: str) -> None:
        line = raw.rstrip()
        cells = self._table_cells(line)
        if self.table is not None:
            if cells is not None:
                if not _MD_RULE.match(line):
                    self.table.append(cells)
                return
            self._close_table()
        if not line.strip():
            self._flush()
            self.after_blank = True
            return
        if cells is not None and (self.markdown or (len(cells) >= 4 and is_header_row(cells))):
            self._flush()
            self.table = [cells]
            return
        heading = _MD_HEADING.match(line) if self.markdown else None
        if heading or (self.markdown and _MD_RULE.match(line)):
            self._flush()
            if heading:
                self.blocks.append(Block(HEADING, heading.group(2), level=len(heading.group(1))))
        elif _BULLET.match(line) or _NUMBERED.match(line):
            self._flush()
            self.kind, self.lines = LIST_ITEM, [_strip_bullets(line)]
        elif not self.lines:
            self._start(line)
        elif line[0].isspace() and not self.markdown:
            # An indented line after a paragraph starts a new slide or page in extracted text.
            self._flush()
            self._start(line)
        elif len(self.lines) == 1 and self.kind == PARAGRAPH and _splits_heading(self.lines[0], line):
            self.blocks.append(Block(HEADING, self.lines[0].strip(), level=2))
            self.lines = [line]
        else:
            self.lines.append(line)
        self.after_blank = False

    def finish(self) -> list[Block]:
        """Return the blocks read so far, with text-file headings decided."""
        self._close_table()
        self._flush()
        return self.blocks if self.markdown else _mark_headings(self.blocks)

    def _start(self, line: str) -> None:
        previous = self.blocks[-1] if self.blocks else None
        # PDF text often leaves a blank line between the wrapped lines of one sentence.
        if (self.after_blank and previous is not None and previous.kind in (PARAGRAPH, LIST_ITEM)
                and line.strip()[0].islower() and previous.text.rstrip()[-1] not in ".!?:"):
            self.blocks.pop()
            self.kind, self.lines = previous.kind, previous.text.split("\n") + [line]
        else:
            self.kind, self.lines = PARAGRAPH, [line]

    def _flush(self) -> None:
        text = "\n".join(part.strip() for part in self.lines).strip()
        if text:
            self.blocks.append(Block(self.kind, text))
        self.lines, self.kind = [], PARAGRAPH

    def _close_table(self) -> None:
        if self.table is not None:
            self.blocks.extend(table_blocks(self.table))
            self.table = None

    def _table_cells(self, line: str) -> list[str] | None:
        if self.markdown:
            stripped = line.strip()
            if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
                return [cell.strip() for cell in stripped[1:-1].split("|")]
            return None
        return line.split("\t") if "\t" in line and line.strip() else None


def _strip_bullets(line: str) -> str:
    # "- » från sluten vård": a text export may stack two bullet marks; numbers are kept.
    while _BULLET.match(line):
        line = _BULLET.sub("", line, count=1)
    return line.strip()


def _splits_heading(first: str, second: str) -> bool:
    """A short heading line directly above the long first line of its paragraph."""
    following = second.strip()
    return _heading_like(first) and len(following) >= max(60, 2 * len(first.strip())) and following[0].isupper()

