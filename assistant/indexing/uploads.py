"""Put a document into the corpus folder, or take one out: safe names, types checked, atomic writes.

The type is judged from the content, not the name (see `sniff`): a PDF starts with `%PDF-`,
a DOCX is a zip with `word/document.xml`, and text must read as text. A file is written to a
hidden temporary name (which the index never reads) and renamed into place in one step, so a
build never sees half a file.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from pathlib import Path, PurePosixPath

from assistant.errors import UnreadableDocument, UnsupportedFormat
from assistant.ingest.corpus import SUFFIXES
from assistant.ingest.sniff import content_problem

FORMATS = "PDF, DOCX, PPTX, XLSX, ODS, ODT, TXT, MD eller HTML"
MAX_NAME = 150


def safe_file_name(name: str) -> str:
    """Return an uploaded file's name without folders or odd characters; refuse other types."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = re.sub(r"[^\w .()+-]+", "-", base)
    base = re.sub(r"\s+", " ", base).strip(" .-_")
    suffix = PurePosixPath(base).suffix.lower()
    stem = base[: -len(suffix)].rstrip(" .-") if suffix else base
    if suffix not in SUFFIXES:
        raise UnsupportedFormat(name or "filen", f"filtypen {suffix or '(ingen filändelse)'} stöds inte; "
                                                 f"ladda upp {FORMATS}")
    if not stem:
        raise UnreadableDocument(name, "filnamnet saknar namn före filändelsen")
    return stem[: MAX_NAME - len(suffix)] + suffix


def check_content(name: str, data: bytes) -> None:
    """Refuse a file whose content is not what its name says (or is empty)."""
    if not data:
        raise UnreadableDocument(name, "filen är tom")
    problem = content_problem(PurePosixPath(name).suffix, data)
    if problem:
        raise UnsupportedFormat(name, problem)


def _inside(corpus: Path, relative: str) -> Path:
    root = corpus.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or path == root:
        raise UnreadableDocument(relative, "sökvägen ligger utanför dokumentmappen")
    return path


def write_document(corpus: Path, relative: str, data: bytes, overwrite: bool = False) -> Path:
    """Write a file into the corpus in one step (temporary file, then rename); return its path."""
    target = _inside(corpus, relative)
    taken = UnreadableDocument(relative, "det finns redan ett dokument med det namnet; ersätt det i stället")
    if target.exists() and not overwrite:
        raise taken
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".upload-{secrets.token_hex(8)}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, target)
        else:
            # A link is made only if the name is free: two uploads of one name cannot both win.
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise taken from None
            except OSError:  # a file system without hard links (some network shares)
                os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def remove_document(corpus: Path, relative: str) -> None:
    """Delete a corpus file named by its corpus-relative path (as the index records it)."""
    path = _inside(corpus, relative)
    if (corpus / relative).is_symlink() or not path.is_file():
        raise UnreadableDocument(relative, "filen finns inte i dokumentmappen")
    path.unlink()


def replacement_path(old: str, new_name: str) -> str:
    """Return where a replacement goes: the old file's place, with the new file's type."""
    return PurePosixPath(old).with_suffix(PurePosixPath(new_name).suffix.lower()).as_posix()
