"""Cleaning text: leaked HTML in real plan cells, broken words, odd characters, page furniture."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.clean import clean_document, clean_text
from assistant.ingest.columns import column_key
from assistant.ingest.corpus import load_document
from assistant.models import HEADING, PARAGRAPH, TABLE_ROW, Block, Cell, Document

PLAN = "aktivitetsplan-nosam-barn-och-unga-2026.txt"


def _cell(block: Block, key: str) -> str:
    return next(cell.text for cell in block.cells if column_key(cell.header) == key)


def test_html_leaked_into_plan_cells_is_removed(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    raw = load_document(corpus / "text" / PLAN, corpus)
    first = next(block for block in raw.blocks if block.kind == TABLE_ROW)
    assert "<p>" in _cell(first, "how")
    cleaned = next(block for block in clean_document(raw).blocks if block.kind == TABLE_ROW)
    how = _cell(cleaned, "how")
    assert "<" not in cleaned.text and ">" not in cleaned.text
    assert how.splitlines() == [
        "Implementera reviderad Läns gemensam riktlinje och rutin SIP",
        "Stämma av och ha en dialog huruvida det är SIP som krävs samt om det finns frågor eller med parter "
        "som kan avhandlas i förväg.",
        "Behövs förmöten eller interna avstämningar inom verksamheterna för att säkerställa en gemensam bild. "
        "Exempel: om BUP ska delta och hur många som representerar skolan. Skolan bör tänka igenom vilka som deltar.",
    ]
    assert _cell(cleaned, "responsible") == "NOSAM\nNOSAM"
    assert cleaned.text.startswith("Mål: Öka och stärka kontinuiteten")


def test_numbered_steps_in_an_ol_fragment_get_their_own_lines() -> None:
    raw = ('<ol style="list-style-type: none"> 1. Etablera familjecentral – pågår redan i Alingsås. '
           "2. Trygg digital uppväxt – kompletterar med arbete kring bl.a. skärmtid. 3. Ungas delaktighet. ")
    assert clean_text(raw, keep_lines=True).splitlines() == [
        "1. Etablera familjecentral – pågår redan i Alingsås.",
        "2. Trygg digital uppväxt – kompletterar med arbete kring bl.a. skärmtid.",
        "3. Ungas delaktighet.",
    ]
    assert clean_text(raw) == " ".join(raw.split()[3:])
    assert clean_text("Vi har 3. Tre punkter, 10. Tio") == "Vi har 3. Tre punkter, 10. Tio"


def test_words_broken_across_lines_are_rejoined() -> None:
    assert clean_text("fortsätter utvecklingsarbet-\net i år") == "fortsätter utvecklingsarbetet i år"
    assert clean_text("Barn och ungdomsför- \nvaltningens") == "Barn och ungdomsförvaltningens"
    assert clean_text("rutin för in-\noch utskrivning") == "rutin för in- och utskrivning"
    assert clean_text("skolfrånvaro-samverkan mm") == "skolfrånvaro-samverkan mm"
    assert clean_text("tas upp på NOSAM-\nmöten") == "tas upp på NOSAM-möten"


def test_unicode_spaces_controls_and_glyphs() -> None:
    assert clean_text("Va\u030ard och o\u0308ppen va\u030ard") == "Vård och öppen vård"
    assert clean_text("vård\u00a0och\u200b omsorg\u00ad\x0b  nära") == "vård och omsorg nära"
    assert clean_text("\uf0b7 Tema\n\u2756Samverkan") == "Tema Samverkan"
    assert clean_text("&lt;5 år &amp; äldre", keep_lines=True) == "<5 år & äldre"
    assert clean_text("<p>Rad ett</p>\n\n<p>Rad   två</p>", keep_lines=True) == "Rad ett\nRad två"
    assert clean_text("Trygga\r\n vårdövergångar\t nu") == "Trygga vårdövergångar nu"


def _report(pages: int) -> Document:
    blocks: list[Block] = [Block(HEADING, "Årsrapport 2025", level=1, page=1)]
    sections = ["Syfte", "Samordningsgruppen", "NOSAM Äldre", "Ekonomi 2025", "Medarbetare", "Bilagor"]
    for page in range(1, pages + 1):
        blocks += [
            Block(PARAGRAPH, f"SAMLA årsrapport 2025 – sida {page}", page=page),
            Block(HEADING, sections[page - 1], level=2, page=page),
            Block(PARAGRAPH, f"Samverkan mellan kommun och region beskrivs på sidan {page}, med\nmål, aktiviteter "
                             "och uppföljning för året.\nVårdsamverkan Lerum Alingsås", page=page),
            Block(PARAGRAPH, f"Sida {page} av {pages}", page=page),
        ]
    return Document("rapport-pdf", "rapport.pdf", "Årsrapport 2025", "pdf", tuple(blocks), pages=pages)


def test_repeated_headers_and_footers_are_dropped() -> None:
    cleaned = clean_document(_report(4))
    texts = [block.text for block in cleaned.blocks]
    assert not any(text.startswith(("SAMLA årsrapport", "Sida ")) for text in texts)
    assert not any("Vårdsamverkan Lerum Alingsås" in text for text in texts)
    assert texts[0] == "Årsrapport 2025"
    assert "Ekonomi 2025" in texts
    # The footer line glued to the page's last paragraph goes; the paragraph stays.
    assert ("Samverkan mellan kommun och region beskrivs på sidan 2, med mål, aktiviteter och uppföljning för året."
            in texts)


def test_short_documents_keep_repeats_but_not_bare_page_numbers() -> None:
    doc = Document("a-pdf", "a.pdf", "A", "pdf", (
        Block(PARAGRAPH, "Vårdsamverkan", page=1),
        Block(PARAGRAPH, "1", page=1),
        Block(PARAGRAPH, "Vårdsamverkan", page=2),
        Block(PARAGRAPH, "Sida 2 av 2", page=2),
        Block(PARAGRAPH, "2026", page=2),
    ), pages=2)
    assert [block.text for block in clean_document(doc).blocks] == ["Vårdsamverkan", "Vårdsamverkan", "2026"]


def test_empty_blocks_are_dropped_and_rows_rerendered() -> None:
    row = (Cell("Mål", "<p>Trygg vård</p>"), Cell("Vad", "<p></p>"), Cell("Beslut Vem/Ansvarig", "NOSAM&nbsp;Lerum"))
    doc = Document("d-txt", "d.txt", "D", "txt", (
        Block(PARAGRAPH, "-"),
        Block(PARAGRAPH, "<p> </p>"),
        Block(TABLE_ROW, "stale", cells=row),
        Block(TABLE_ROW, "stale", cells=(Cell("Mål", "<br>"),)),
    ))
    blocks = clean_document(doc).blocks
    assert len(blocks) == 1
    assert blocks[0].text == "Mål: Trygg vård | Ansvarig: NOSAM Lerum"
    assert blocks[0].cells[1] == Cell("Vad", "")
