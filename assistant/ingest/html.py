"""Read an HTML page into blocks with the standard library's parser: h1–h6, p, li and table rows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from assistant.ingest.tables import table_blocks
from assistant.models import HEADING, LIST_ITEM, PARAGRAPH, Block

# Elements whose text is not part of the page's content.
_IGNORED = ("script", "style", "template", "title")


def html_blocks(text: str) -> list[Block]:
    """Split an HTML page into blocks: h1–h6, p, li and table rows; script and style are ignored."""
    parser = _HtmlReader()
    parser.feed(text)
    parser.close()
    return parser.finish()


class _HtmlReader(HTMLParser):
    """Collects blocks from HTML; text inside table cells goes to the cell, not to a block."""

    _KINDS = {"p": PARAGRAPH, "li": LIST_ITEM, "div": PARAGRAPH, "blockquote": PARAGRAPH,
              **{f"h{n}": HEADING for n in range(1, 7)}}
    _BREAKS = {"br", "p", "li", "div", "tr", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.kind, self.level = PARAGRAPH, 0
        self.ignoring = 0
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _IGNORED:
            self.ignoring += 1
        elif self.cell is not None and tag in self._BREAKS:
            self.cell.append("\n")
        elif tag == "table":
            self._flush()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = []
        elif tag in self._KINDS and not (self.kind == LIST_ITEM and not "".join(self.parts).strip()):
            # A <p> inside an <li> keeps the list item's kind.
            self._flush()
            self.kind, self.level = self._KINDS[tag], int(tag[1]) if tag[0] == "h" else 0
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _IGNORED:
            self.ignoring = max(0, self.ignoring - 1)
        elif tag in ("td", "th") and self.cell is not None and self.rows is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append("\n".join(line.strip() for line in "".join(self.cell).split("\n")).strip())
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self.blocks.extend(table_blocks([row for row in self.rows if row]))
            self.rows, self.cell = None, None
        elif tag in self._KINDS and self.cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.ignoring:
            return
        text = re.sub(r"\s+", " ", data)
        (self.cell if self.cell is not None else self.parts).append(text)

    def finish(self) -> list[Block]:
        """Return the blocks read, including any text left open at the end."""
        self._flush()
        return self.blocks

    def _flush(self) -> None:
        text = "\n".join(" ".join(line.split()) for line in "".join(self.parts).split("\n")).strip()
        if text:
            self.blocks.append(Block(self.kind, text, level=self.level if self.kind == HEADING else 0))
        self.parts, self.kind, self.level = [], PARAGRAPH, 0
