"""OCR speed: seconds a page of the scanned annual report takes to read (Tesseract, Swedish, one thread)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

SCAN = Path("corpus") / "formats" / "arsrapport-samla-2025-skannad.pdf"
PAGES = (1, 4, 6)


def shared_folder(repo: Path) -> Path:
    """The shared folder beside the checkout, or where PLAN_ASSISTANT_SHARED points."""
    return Path(os.environ.get("PLAN_ASSISTANT_SHARED", repo.parent / "shared"))


def seconds_per_page(repo: Path) -> dict[str, Any]:
    """Read a few pages of the scan; return the mean and the slowest page's seconds (or why not)."""
    from assistant.ingest.ocr import read_page, tesseract_ready

    scan = shared_folder(repo) / SCAN
    if not scan.exists():
        return {"skipped": f"{scan} finns inte"}
    if not tesseract_ready():
        return {"skipped": "tesseract-ocr och tesseract-ocr-swe är inte installerade"}
    timings, words = [], 0
    for page in PAGES:
        began = time.perf_counter()
        words += len(read_page(scan, page).split())
        timings.append(time.perf_counter() - began)
    return {"pages": len(PAGES), "seconds_per_page": round(sum(timings) / len(timings), 2),
            "slowest_page_seconds": round(max(timings), 2), "words": words}
