"""Tidy a loaded document's text: leaked HTML, odd spaces and glyphs, broken words, page furniture.

Cleaning keeps the blocks the loader found. Paragraph text becomes one line; a table cell
keeps one line per item, because a cell often lists several steps or parties.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from assistant.ingest.columns import render_row
from assistant.models import TABLE_ROW, Block, Cell, Document

# Tags that end a line of text; other known tags are dropped without a trace. Only known tag
# names count, so "<5 år" or "a<b" in a sentence survive.
_BLOCK_TAGS = "p|br|li|div|h[1-6]|tr|ol|ul|table|hr|blockquote"
_INLINE_TAGS = "span|b|i|u|em|strong|a|font|sup|sub|small|td|th|tbody|thead|o:p"
_BLOCK_TAG = re.compile(rf"<\s*/?\s*(?:{_BLOCK_TAGS})\b[^<>]*>", re.IGNORECASE)
_INLINE_TAG = re.compile(rf"<\s*/?\s*(?:{_INLINE_TAGS})\b[^<>]*>", re.IGNORECASE)

_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# Bullet glyphs PDFs and Word exports leave at the start of a line (Symbol-font private-use ones too).
# "»" only before a space: without one it may open a quotation.
_LINE_BULLET = re.compile(
    "^[ \t]*(?:[\u2022\u25aa\u25cf\u25e6\u25a0\u2756\u27a2\uf0a7\uf0b7\uf076\uf0d8\uf0fc]+|\u00bb(?=[ \t]))[ \t]*",
    re.MULTILINE,
)
# A word broken at a line end: "utvecklingsarbet-\net". Not "in-\noch utskrivning", whose dash
# stands for a shared word ending, and not after a capital ("NOSAM-\nmöten" keeps its dash).
_BROKEN_WORD = re.compile(
    r"(?<=[a-zåäöéü])-[ \t]*\n[ \t]*(?!(?:och|eller|samt|respektive|resp|till|som)\b)(?=[a-zåäöéü])"
)
# After a capital or digit the dash belongs to the compound ("NOSAM-möten"): only the break goes.
_BROKEN_COMPOUND = re.compile(r"(?<=[A-ZÅÄÖ0-9])-[ \t]*\n[ \t]*(?=[a-zåäöéü])")
_NUMBERED_STEP = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)]\s+(?=[A-ZÅÄÖ])")
_PAGE_NUMBER = re.compile(r"^\s*(?:(?:sida|sid|page|s\.)\s*)?\d{1,3}\s*(?:(?:av|of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
_WORD_CHAR = re.compile(r"\w")
# Blocks longer than this are never page headers or footers.
_FURNITURE_CHARS = 100


def clean_text(text: str, keep_lines: bool = False) -> str:
    """Clean one text: HTML tags and entities, odd spaces, stray bullets, broken words, folded whitespace.

    With `keep_lines`, each line (each <p>, <li> or numbered step) stays on a line of its own;
    otherwise the text becomes one line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INLINE_TAG.sub("", _BLOCK_TAG.sub("\n", text))
    text = unicodedata.normalize("NFC", html.unescape(text))
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Co", "Cs") else _glyph(ch)
                   for ch in text)
    text = _LINE_BULLET.sub("", text)
    text = _BROKEN_COMPOUND.sub("-", _BROKEN_WORD.sub("", text))
    if not keep_lines:
        return " ".join(text.split())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(_split_steps(line) for line in lines if line)


def clean_document(doc: Document) -> Document:
    """Return the document with every block's text cleaned, page furniture dropped, and empty blocks gone."""
    cleaned = [_clean_block(block) for block in _drop_page_furniture(doc.blocks, doc.pages)]
    kept = tuple(
        block for block in cleaned
        if block is not None and _WORD_CHAR.search(block.text) and not _PAGE_NUMBER.match(block.text)
    )
    return dataclasses.replace(doc, title=clean_text(doc.title) or doc.title, blocks=kept)


def _glyph(ch: str) -> str:
    # Control characters stand between words (a stray vertical tab); private-use glyphs are bullets;
    # a lone surrogate (from a damaged PDF string) could not even be stored.
    return " " if unicodedata.category(ch) == "Cc" else ""


def _split_steps(line: str) -> str:
    """Put numbered steps written on one line ("1. Etablera … 2. Trygg …") on lines of their own."""
    starts, expected = [], 1
    for match in _NUMBERED_STEP.finditer(line):
        if int(match.group(1)) == expected:
            starts.append(match.start())
            expected += 1
    if len(starts) < 2:
        return line
    pieces = [line[:starts[0]]] + [line[a:b] for a, b in zip(starts, starts[1:] + [len(line)])]
    return "\n".join(piece.strip() for piece in pieces if piece.strip())


def _clean_block(block: Block) -> Block | None:
    if block.kind != TABLE_ROW:
        return dataclasses.replace(block, text=clean_text(block.text))
    cells = tuple(Cell(clean_text(cell.header), clean_text(cell.text, keep_lines=True)) for cell in block.cells)
    if not any(cell.text for cell in cells):
        return None
    return dataclasses.replace(block, cells=cells, text=render_row(cells))


def _furniture_key(line: str) -> str:
    """A line as a running header or footer repeats it: digits (page numbers, dates) made alike."""
    folded = " ".join(unicodedata.normalize("NFKC", line).split()).lower()
    return re.sub(r"\d+", "#", folded)


def _drop_page_furniture(blocks: Sequence[Block], pages: int | None) -> list[Block]:
    """Remove headers and footers: short lines that recur at a page's top or bottom on at least half the pages."""
    if not pages or pages < 3:
        return list(blocks)
    on_page: dict[int, list[int]] = defaultdict(list)
    for index, block in enumerate(blocks):
        if block.page is not None and block.kind != TABLE_ROW and block.text.strip():
            on_page[block.page].append(index)
    # Only the two blocks at each end of a page can hold a running header or footer.
    tops = {index for indexes in on_page.values() for index in indexes[:2]}
    bottoms = {index for indexes in on_page.values() for index in indexes[-2:]}
    edges = tops | bottoms
    seen: dict[str, set[int]] = defaultdict(set)
    for index in edges:
        page, lines = blocks[index].page or 0, _lines(blocks[index])
        if len(blocks[index].text.strip()) <= _FURNITURE_CHARS:
            seen[_furniture_key(blocks[index].text)].add(page)
        if index in tops:
            seen[_furniture_key(lines[0])].add(page)
        if index in bottoms:
            seen[_furniture_key(lines[-1])].add(page)
    repeated = {key for key, where in seen.items() if key and 2 * len(where) >= pages}
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if index not in edges:
            kept.append(block)
            continue
        if len(block.text.strip()) <= _FURNITURE_CHARS and _furniture_key(block.text) in repeated:
            continue
        lines = _lines(block)
        if index in tops and len(lines) > 1 and _furniture_key(lines[0]) in repeated:
            lines = lines[1:]
        if index in bottoms and len(lines) > 1 and _furniture_key(lines[-1]) in repeated:
            lines = lines[:-1]
        kept.append(block if len(lines) == len(_lines(block)) else dataclasses.replace(block, text="\n".join(lines)))
    return kept


def _lines(block: Block) -> list[str]:
    return [line for line in block.text.strip().split("\n") if line.strip()] or [""]
