"""load_pdf on the real sample PDFs, checked against their Word twins, and on broken PDFs made here."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from assistant.errors import UnreadableDocument
from assistant.ingest.columns import fill_continued
from assistant.ingest.pdf import load_pdf
from assistant.ingest.pdf_layout import build_vocabulary, read_page
from assistant.ingest.pdf_tables import Table, separate_tables
from assistant.models import HEADING, LIST_ITEM, PARAGRAPH, TABLE_ROW, Block

PLAN = "aktivitetsplan-nosam-barn-och-unga-2026"
REPORT = "arsrapport-samla-2025"


def fold(text: str) -> str:
    """Drop the HTML fragments Word cells carry and fold whitespace, as the cleaning step will."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.fixture(scope="module")
def plan(corpus: Path) -> tuple[list[Block], int]:
    return load_pdf(corpus / f"{PLAN}.pdf")


@pytest.fixture(scope="module")
def report(corpus: Path) -> tuple[list[Block], int]:
    return load_pdf(corpus / f"{REPORT}.pdf")


def docx_rows(path: Path) -> list[tuple[list[str], list[str], bool]]:
    """Every body row of every table in the Word file: (headers, filled cells, continued)."""
    rows: list[tuple[list[str], list[str], bool]] = []
    for table in docx.Document(str(path)).tables:
        texts = [[fold(cell.text) for cell in row.cells] for row in table.rows]
        headers = texts[0]
        rows.extend((headers, cells, continued) for cells, continued in fill_continued(headers, texts[1:]))
    return rows


def word_paragraphs(path: Path, style_start: str) -> list[str]:
    """The Word file's paragraphs whose style name starts as given ("Heading", "List Bullet")."""
    paragraphs = docx.Document(str(path)).paragraphs
    return [fold(p.text) for p in paragraphs if p.style is not None and p.style.name.startswith(style_start)]


def table_rows(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.kind == TABLE_ROW]


def cell(row: Block, header_start: str) -> str:
    return next(fold(c.text) for c in row.cells if c.header.startswith(header_start))


def row_with(blocks: list[Block], what: str) -> Block:
    return next(row for row in table_rows(blocks) if cell(row, "Vad") == what)


def test_every_table_row_matches_the_word_cells(plan: tuple[list[Block], int], corpus: Path) -> None:
    expected = docx_rows(corpus / f"{PLAN}.docx")
    rows = table_rows(plan[0])
    assert len(rows) == len(expected) == 8
    for row, (headers, cells, continued) in zip(rows, expected):
        assert [fold(c.header) for c in row.cells] == headers
        assert [fold(c.text) for c in row.cells] == cells
        assert row.continued == continued


def test_rows_are_written_out_with_their_labels(plan: tuple[list[Block], int]) -> None:
    row = table_rows(plan[0])[0]
    assert row.text.startswith("Mål: Öka och stärka kontinuiteten")
    assert "Vad: Samordnad individuell plan – SIP" in row.text


def test_sip_row_continues_over_the_page_break(plan: tuple[list[Block], int]) -> None:
    row = row_with(plan[0], "Samordnad individuell plan – SIP")
    assert row.page == 2
    assert cell(row, "Beslut") == "NOSAM NOSAM"
    assert cell(row, "Start") == "Oktober 2025"
    assert cell(row, "Deadline") == "2027"
    # The last sentences of the Hur cell are printed on page 3.
    assert cell(row, "Hur").endswith("Skolan bör tänka igenom vilka som deltar.")


def test_prioritised_areas_row(plan: tuple[list[Block], int]) -> None:
    row = row_with(plan[0], "Genomföra och utveckla gemensamma insatser inom prioriterade områden")
    goal = "Genomföra ett förebyggande, jämställt och kunskapsbaserat arbete utifrån socialtjänsten"
    assert cell(row, "Mål") == goal
    assert cell(row, "Beslut") == "NOSAM Alingsås i samråd med NOSAM Lerum"
    assert cell(row, "Start") == "Jan 2026"
    assert cell(row, "Deadline") == "2026"
    assert "fortsätter utvecklingsarbetet." in cell(row, "Hur")


def test_row_whose_goal_is_cut_by_a_page_break(plan: tuple[list[Block], int]) -> None:
    row = row_with(plan[0], "Avvikelse i samverkan")
    assert cell(row, "Mål") == "Öka tilliten mellan huvudmännen genom att stärka samverkanskulturen"
    following = row_with(plan[0], "Egenvård")
    assert following.page == 5 and following.continued


def test_text_around_the_tables_keeps_reading_order(plan: tuple[list[Block], int]) -> None:
    blocks, pages = plan
    assert pages == 6
    kinds = [block.kind for block in blocks]
    first_row, last_row = kinds.index(TABLE_ROW), len(kinds) - 1 - kinds[::-1].index(TABLE_ROW)
    texts = [block.text for block in blocks]
    assert texts.index("Prioriterade Mål enligt Samverkansplan 2023-2026") < first_row
    assert texts.index("Nya punkter i aktivitetsplanen") > last_row
    assert all(kind == TABLE_ROW for kind in kinds[first_row : last_row + 1])
    assert Block(LIST_ITEM, "från sluten vård till öppen vård", page=1) in blocks
    title = blocks[0]
    assert title.kind == HEADING and title.text.endswith("NOSAM i Alingsås och Lerum Barn och unga 2026")


def test_tables_without_ruling_lines_give_the_same_rows(corpus: Path) -> None:
    reader = PdfReader(corpus / f"{PLAN}.pdf")
    pages = [dataclasses.replace(read_page(page, n), segments=()) for n, page in enumerate(reader.pages, 1)]
    items = separate_tables(pages, build_vocabulary(line for page in pages for line in page.lines))
    rows = [row for item in items if isinstance(item, Table) for row in item.rows]
    expected = docx_rows(corpus / f"{PLAN}.docx")
    assert [[fold(c.text) for c in row.cells] for row in rows] == [cells for _, cells, _ in expected]


def test_report_headings_match_the_word_headings(report: tuple[list[Block], int], corpus: Path) -> None:
    blocks, pages = report
    assert pages == 16
    headings = [block for block in blocks if block.kind == HEADING]
    assert [h.text for h in headings] == word_paragraphs(corpus / f"{REPORT}.docx", "Heading")
    pages_of = {h.text: h.page for h in headings}
    expected = {"Samordningsgruppen": 7, "Stor-NOSAM": 12, "NOSAM Barn och unga": 13, "Ekonomi 2025": 16}
    assert {text: pages_of[text] for text in expected} == expected


def test_report_bullets_and_paragraphs(report: tuple[list[Block], int], corpus: Path) -> None:
    blocks, _ = report
    bullets = word_paragraphs(corpus / f"{REPORT}.docx", "List Bullet")
    assert [block.text for block in blocks if block.kind == LIST_ITEM] == bullets
    paragraphs = [block.text for block in blocks if block.kind == PARAGRAPH]
    assert (
        "Vissa aktiviteter genomförs av NOSAM, medan Samordningsgruppen har det strategiska ansvaret "
        "för uppföljning och utvärdering över tid."
    ) in paragraphs
    # The table of contents is one block, not a heading per entry.
    contents = [text for text in paragraphs if "Stor-NOSAM … 14" in text]
    assert len(contents) == 1 and "Ekonomi 2025 … 18" in contents[0]


def test_password_protected_pdf_is_unreadable(corpus: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=corpus / f"{PLAN}.pdf")
    writer.encrypt(user_password="hemligt", owner_password="ägare")
    writer.write(tmp_path / "locked.pdf")
    with pytest.raises(UnreadableDocument) as caught:
        load_pdf(tmp_path / "locked.pdf")
    assert caught.value.reason == "PDF:en är krypterad och kräver lösenord"


def test_pdf_encrypted_without_user_password_loads(corpus: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=corpus / f"{PLAN}.pdf")
    writer.encrypt(user_password="", owner_password="ägare")
    writer.write(tmp_path / "restricted.pdf")
    blocks, pages = load_pdf(tmp_path / "restricted.pdf")
    assert pages == 6 and len(table_rows(blocks)) == 8


def test_truncated_pdf_is_unreadable(corpus: Path, tmp_path: Path) -> None:
    data = (corpus / f"{PLAN}.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableDocument) as caught:
        load_pdf(tmp_path / "cut.pdf")
    assert "skadad" in caught.value.reason
    assert caught.value.__cause__ is not None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "filen är tom (0 byte)"),
        (b"inte en pdf alls\n" * 20, "filen är ingen PDF (PDF-huvudet saknas)"),
    ],
)
def test_empty_or_foreign_file_is_unreadable(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "odd.pdf").write_bytes(content)
    with pytest.raises(UnreadableDocument) as caught:
        load_pdf(tmp_path / "odd.pdf")
    assert caught.value.reason == reason


def test_pdf_without_text_is_reported_as_scanned(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(tmp_path / "blank.pdf")
    with pytest.raises(UnreadableDocument) as caught:
        load_pdf(tmp_path / "blank.pdf")
    assert caught.value.reason == "ingen text (skannad?)"


def test_too_many_pages(corpus: Path) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        load_pdf(corpus / f"{PLAN}.pdf", max_pages=3)
    assert "6 sidor" in caught.value.reason
