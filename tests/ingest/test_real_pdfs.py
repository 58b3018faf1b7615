"""The PDF loader over PDFs from many real generators: each loads with its text, or fails with a clear reason.

The PDFs are those installed on this machine (pdfTeX manuals, LibreOffice's own) and those made
here by every generator found (see `hostile.generators`); a missing tool skips its case. Where
poppler's `pdftotext` is installed, the words it reads must be found in what the loader read.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hostile.generators import GENERATORS, installed_pdfs

from assistant.ingest.corpus import load_corpus, load_document
from assistant.ingest.ocr import MISSING, tesseract_ready
from assistant.settings import Settings

# Every generator case; the last one shows text only as outlines, so only OCR can read it.
MADE = [
    "libreoffice-writer-docx", "libreoffice-writer-html", "libreoffice-writer-text",
    "ghostscript-ps2pdf", "ghostscript-pdf-1.3", "ghostscript-pdfwrite", "chromium-skia", "reportlab", "fpdf2",
    "pypdf-rotated", "pypdf-merged", "pypdf-rc4-40", "hand-written",
]
NO_TEXT = ["ghostscript-outlines"]
# Share of pdftotext's words (4 letters or more) the loader must read too. Not 1.0: the loader
# joins words hyphenated at line ends and renames plan-table headers, which pdftotext does not.
MIN_COVERAGE = 0.85


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF the generators on this machine could make, by generator name."""
    folder = tmp_path_factory.mktemp("generated-pdfs")
    pdfs: dict[str, Path] = {}
    for generator in GENERATORS:
        pdfs.update(generator(folder))
    return pdfs


def words(text: str) -> list[str]:
    """The words of four letters or more in a text."""
    return re.findall(r"[^\W\d_]{4,}", text)


def assert_read_well(path: Path) -> None:
    """Load a PDF; it must have text, and hold the words pdftotext reads (when pdftotext is here)."""
    document = load_document(path, path.parent)
    text = " ".join(block.text for block in document.blocks)
    assert document.pages and words(text)
    if shutil.which("pdftotext"):
        reference = words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                         timeout=120).stdout)
        ours = set(words(text))
        coverage = sum(word in ours for word in reference) / max(1, len(reference))
        assert coverage >= MIN_COVERAGE, [word for word in reference if word not in ours][:20]


@pytest.mark.parametrize("generator", MADE)
def test_a_generated_pdf_is_read_with_its_text(made: dict[str, Path], generator: str) -> None:
    if generator not in made:
        pytest.skip(f"{generator} is not installed here")
    assert_read_well(made[generator])


@pytest.mark.parametrize("generator", NO_TEXT)
def test_a_pdf_with_text_only_as_outlines_is_read_by_ocr(made: dict[str, Path], generator: str, tmp_path: Path) -> None:
    if generator not in made:
        pytest.skip(f"{generator} is not installed here")
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(made[generator], folder / "rutin.pdf")
    documents, failures, _ = load_corpus(folder, Settings(index=tmp_path / "index"))
    if not tesseract_ready():
        assert [failure.reason for failure in failures] == [MISSING]
        return
    [document] = documents
    text = " ".join(block.text for block in document.blocks)
    assert "Vårdcentralen ringer patienten" in text and {block.page for block in document.blocks} == {1}


@pytest.mark.parametrize("path", installed_pdfs() or [None], ids=lambda p: p.name if p else "none")
def test_an_installed_pdf_is_read_with_its_text(path: Path | None) -> None:
    if path is None:
        pytest.skip("no PDF is installed on this machine")
    assert_read_well(path)


def test_the_shared_sample_pdfs_are_read_with_their_text(shared_dir: Path) -> None:
    samples = sorted((shared_dir / "corpus").glob("*.pdf"))
    assert samples
    for path in samples:
        assert_read_well(path)
