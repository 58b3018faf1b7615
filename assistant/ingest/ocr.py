"""Text for the pages of a PDF that have none: OCR with Tesseract and its Swedish model.

Only a page without a text layer (a scanned page) is read from its image: the largest image on
the page, or the page drawn by poppler's pdftoppm when it holds none. Tesseract is a program of
its own (Debian: tesseract-ocr and tesseract-ocr-swe); without it a scanned page cannot be read,
and the reason says what to install. What OCR read is kept by the file's content hash under the
index folder (ocr/<sha256>.json), so a rebuild or a server restart never reads a page twice.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from assistant.errors import UnreadableDocument
from assistant.ingest.limits import TimedWorker
from assistant.ingest.text import text_blocks
from assistant.ingest.titles import document_title, metadata_title, stated_title
from assistant.models import Block, Document, LoadFailure
from assistant.settings import Settings

FOLDER = "ocr"
LANGUAGE = "swe"
# Dots per inch a page without an image is drawn at for OCR.
DRAW_DPI = 200
# A scan in which OCR found no words (a blank page, a photograph).
NO_TEXT = "ingen text: sidorna är bilder där OCR inte hittade någon text"
MISSING = ("sidorna saknar textlager och kan bara läsas med OCR, men Tesseract med svenska är inte "
           "installerat: apt-get install tesseract-ocr tesseract-ocr-swe")


@lru_cache(maxsize=8)
def tesseract_ready(command: str = "tesseract") -> bool:
    """Whether Tesseract (`command`) and its Swedish model are installed."""
    if shutil.which(command) is None:
        return False
    try:
        listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in listed.split()


def _page_image(path: Path, number: int) -> bytes:
    """The page as a PNG image: its largest embedded image (a scan's page), else the page drawn."""
    from pypdf import PdfReader

    page = PdfReader(path, strict=False).pages[number - 1]
    images = [image for image in page.images if image.image is not None]
    if images:
        largest = max(images, key=lambda image: len(image.data))
        buffer = io.BytesIO()
        if largest.image is not None:
            largest.image.save(buffer, "PNG")
            return buffer.getvalue()
    if shutil.which("pdftoppm") is None:
        raise UnreadableDocument(str(path), f"sida {number} har varken text eller en bild att läsa (installera "
                                            f"poppler-utils för att rita sidan)")
    drawn = subprocess.run(["pdftoppm", "-f", str(number), "-l", str(number), "-r", str(DRAW_DPI), "-png", str(path)],
                           capture_output=True, timeout=120, check=True)
    return drawn.stdout


def read_page(path: Path, number: int, command: str = "tesseract") -> str:
    """OCR one page of a PDF (run in a worker process, which stops it at the page's time limit)."""
    image = _page_image(path, number)
    # One thread: on two cores Tesseract's own threads made a page take 15 s instead of 2.6.
    result = subprocess.run([command, "stdin", "stdout", "-l", LANGUAGE], input=image, capture_output=True,
                            timeout=600, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    if result.returncode != 0:
        raise UnreadableDocument(str(path), f"sida {number} kunde inte läsas med OCR "
                                            f"({result.stderr.decode('utf-8', 'replace').strip()[:200]})")
    return result.stdout.decode("utf-8", "replace")


class OcrCache:
    """What OCR read from each page of one file, by the file's content hash, in the index folder."""

    def __init__(self, index: Path, sha256: str) -> None:
        self.path = index / FOLDER / f"{sha256}.json"
        try:
            self.pages: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.pages = {}

    def get(self, number: int) -> str | None:
        """The page's text, if read before."""
        return self.pages.get(str(number))

    def put(self, number: int, text: str) -> None:
        """Keep a page's text (written at once, in one step, so a killed build loses nothing read)."""
        self.pages[str(number)] = text
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(self.pages, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.path)


# Seconds OCR may take for one page: the time limit of a scanned file grows with its pages.
PAGE_SECONDS = 90.0


def read_scanned_pages(doc: Document, path: Path, worker: TimedWorker | None, settings: Settings,
                       on_page: Callable[[int, int], None] | None = None,
                       notes: list[str] | None = None) -> Document | LoadFailure:
    """The document with its scanned pages read by OCR and put in their place among its pages.

    Each page is read in the worker with a limit of its own (PAGE_SECONDS), from the cache if it was
    read before. A page OCR cannot read is noted and left out; a file that has nothing but
    unreadable pages is a failure, and so is one that needs OCR where Tesseract is missing."""
    name = doc.path
    if not tesseract_ready(settings.tesseract):
        if any(block.text.strip() for block in doc.blocks):
            _note(notes, f"{name}: {len(doc.scanned)} skannade sidor lästes inte: {MISSING}")
            return replace(doc, scanned=())
        return LoadFailure(name, MISSING)
    cache = OcrCache(settings.index, doc.sha256)
    read: list[Block] = []
    failed = 0
    for done, number in enumerate(doc.scanned):
        if on_page:
            on_page(done, len(doc.scanned))
        text = cache.get(number)
        if text is None:
            try:
                text = (worker.call_with(PAGE_SECONDS, read_page, path, number, settings.tesseract) if worker
                        else read_page(path, number, settings.tesseract))
            except (TimeoutError, ChildProcessError, UnreadableDocument, OSError, subprocess.SubprocessError) as exc:
                _note(notes, f"{name}: sida {number} kunde inte läsas med OCR ({exc})")
                failed += 1
                continue
            cache.put(number, text)
        read.extend(replace(block, page=number) for block in text_blocks(text))
    if on_page:
        on_page(len(doc.scanned), len(doc.scanned))
    blocks = sorted([*doc.blocks, *read], key=lambda block: block.page or 0)
    if not any(block.text.strip() for block in blocks):
        return LoadFailure(name, "ingen sida kunde läsas med OCR" if failed == len(doc.scanned) else NO_TEXT)
    if not any(block.text.strip() for block in doc.blocks):
        # The title of a file that was all scans comes from what OCR read.
        return replace(doc, blocks=tuple(blocks), scanned=(), title=document_title(blocks, path, metadata_title(path)),
                       heading=stated_title(blocks, path))
    return replace(doc, blocks=tuple(blocks), scanned=())


def _note(notes: list[str] | None, note: str) -> None:
    if notes is not None:
        notes.append(note)
