"""Make a large corpus of varied plan documents from a few real ones, for benchmarks and load tests.

Each document is one of the source documents, read with the project's own loaders, then
varied: other municipalities and collaboration groups, shifted years and dates, changed
numbers, sentences reordered, paragraphs dropped or repeated. The results are mostly text
and Markdown, with some Word files; no two are alike, and the same seed gives the same corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.corpus import corpus_files, document_id, load_document
from assistant.ingest.sentences import split_sentences
from assistant.models import HEADING, LIST_ITEM, TABLE_ROW, Block, Cell, Document

MUNICIPALITIES = (
    "Alingsås", "Lerum", "Mölndal", "Partille", "Härryda", "Kungälv", "Borås", "Ale", "Stenungsund",
    "Tjörn", "Orust", "Lilla Edet", "Vårgårda", "Herrljunga", "Trollhättan", "Vänersborg", "Uddevalla",
    "Lysekil", "Skövde", "Falköping", "Ulricehamn", "Bollebygd", "Tranemo", "Svenljunga", "Essunga",
)
GROUPS = ("NOSAM", "SAMLA", "LOKSAM", "VÄSAM", "Närsam", "Vårdsamverkan Väst", "SAMKO", "Barnsam")
# Format of each document, drawn in these proportions.
FORMATS = ((".txt", 6), (".md", 3), (".docx", 1))

_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
_NUMBER = re.compile(r"(?<![\d.,:/-])(\d{1,3})(?![\d.,:/-])")


@dataclass(frozen=True)
class _Variation:
    """What one generated document changes in its source."""

    places: dict[str, str]
    groups: dict[str, str]
    year_shift: int
    number: int


def _source_documents(source: Path) -> list[Document]:
    return [load_document(path, source) for path in corpus_files(source) if not path.name.lower().startswith("readme")]


def _rename(text: str, variation: _Variation) -> str:
    for old, new in {**variation.places, **variation.groups}.items():
        text = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text)
    return _YEAR.sub(lambda m: str(int(m.group(1)) + variation.year_shift), text)


def _vary_text(text: str, variation: _Variation, rng: random.Random) -> str:
    text = _rename(text, variation)
    return _NUMBER.sub(lambda m: str(max(1, int(m.group(1)) + rng.randint(-3, 3))) if rng.random() < 0.3
                       else m.group(1), text)


def _vary_blocks(doc: Document, variation: _Variation, rng: random.Random) -> list[Block]:
    blocks: list[Block] = []
    for block in doc.blocks:
        if block.kind != HEADING and block.kind != TABLE_ROW and rng.random() < 0.1:
            continue  # dropped
        text = _vary_text(block.text, variation, rng)
        if block.kind not in (HEADING, TABLE_ROW):
            sentences = split_sentences(text)
            if len(sentences) > 2 and rng.random() < 0.3:
                rng.shuffle(sentences)
                text = " ".join(sentences)
        cells = tuple(Cell(c.header, _vary_text(c.text, variation, rng)) for c in block.cells)
        varied = Block(block.kind, text, block.level, None, cells, block.continued)
        blocks.append(varied)
        if block.kind != HEADING and rng.random() < 0.05:
            blocks.append(varied)  # repeated, as pasted twice
    return blocks


def _title(doc: Document, variation: _Variation) -> str:
    place = next(iter(variation.places.values()))
    return f"{_rename(doc.title, variation)} – {place} ({variation.number})"


def _tables(blocks: Sequence[Block]) -> list[tuple[str, list[Block]]]:
    """Group consecutive table rows; other blocks stand alone."""
    groups: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.kind == TABLE_ROW and block.cells and groups and groups[-1][0] == TABLE_ROW:
            groups[-1][1].append(block)
        else:
            groups.append((TABLE_ROW if block.kind == TABLE_ROW and block.cells else block.kind, [block]))
    return groups


def _plain(title: str, blocks: Sequence[Block], markdown: bool) -> str:
    lines = [f"# {title}" if markdown else title, ""]
    for kind, group in _tables(blocks):
        if kind == TABLE_ROW:
            headers = [c.header for c in group[0].cells]
            rows = [headers] + [[c.text.replace("\n", " ") for c in row.cells] for row in group]
            if markdown:
                lines += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(headers)]
                lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
            else:
                lines += ["\t".join(row) for row in rows]
        elif kind == HEADING:
            lines.append(f"{'#' * min(group[0].level + 1, 6)} {group[0].text}" if markdown else group[0].text)
        elif kind == LIST_ITEM:
            lines.append(f"- {group[0].text}")
        else:
            lines.append(group[0].text)
        lines.append("")
    return "\n".join(lines)


def _write_docx(path: Path, title: str, blocks: Sequence[Block]) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for kind, group in _tables(blocks):
        if kind == TABLE_ROW:
            headers = [c.header for c in group[0].cells]
            table = document.add_table(rows=1, cols=len(headers))
            for cell, header in zip(table.rows[0].cells, headers):
                cell.text = header
            for row in group:
                for cell, value in zip(table.add_row().cells, row.cells):
                    cell.text = value.text
        elif kind == HEADING:
            document.add_heading(group[0].text, level=min(max(group[0].level, 1), 4))
        elif kind == LIST_ITEM:
            document.add_paragraph(group[0].text, style="List Bullet")
        else:
            document.add_paragraph(group[0].text)
    document.save(str(path))


def make_scaled_corpus(source: Path, target: Path, documents: int, seed: int) -> list[Path]:
    """Write `documents` varied documents made from the corpus in `source` into `target`; return their paths."""
    rng = random.Random(seed)
    sources = _source_documents(source)
    if not sources:
        raise ValueError(f"no readable documents in {source}")
    target.mkdir(parents=True, exist_ok=True)
    suffixes = [s for s, weight in FORMATS for _ in range(weight)]
    written = []
    for number in range(1, documents + 1):
        doc = sources[(number - 1) % len(sources)]
        places = rng.sample(MUNICIPALITIES, 3)
        variation = _Variation(
            places=dict(zip(("Alingsås", "Lerum", "Mölndal"), places)),
            groups=dict(zip(("NOSAM", "SAMLA"), rng.sample(GROUPS, 2))),
            year_shift=rng.randint(-3, 3),
            number=number,
        )
        blocks = _vary_blocks(doc, variation, rng)
        title = _title(doc, variation)
        suffix = rng.choice(suffixes)
        stem = f"{document_id(Path(doc.path).stem)}-{document_id(places[0])}-{number:04d}"
        path = target / f"{stem}{suffix}"
        if suffix == ".docx":
            _write_docx(path, title, blocks)
        else:
            path.write_text(_plain(title, blocks, markdown=suffix == ".md"), encoding="utf-8")
        written.append(path)
    return written
