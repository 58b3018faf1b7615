"""Tell what a file really holds from its bytes, whatever its name says.

A corpus fed by many people gets images renamed to `.pdf`, old Word files renamed to `.docx`
and PDFs saved as `.txt`. Reading such a file by its name gives an unreadable error or, worse,
indexes binary noise as text; naming what the file really is tells the sender what to do.
"""

from __future__ import annotations

import codecs
import io
import zipfile

PDF = "en PDF"
DOCX = "en Word-fil (DOCX)"
PPTX = "en PowerPoint-fil (PPTX)"
XLSX = "en Excel-fil (XLSX)"
ODT = "ett OpenDocument-textdokument (ODT)"
ODS = "ett OpenDocument-kalkylark (ODS)"
ODP = "en OpenDocument-presentation (ODP)"
TEXT = "en textfil"
DAMAGED_ZIP = "en skadad eller avkortad zip-fil"
BINARY = "en okänd binärfil"

# What each suffix the assistant reads should hold.
EXPECTED = {".pdf": PDF, ".docx": DOCX, ".pptx": PPTX, ".xlsx": XLSX, ".odt": ODT, ".ods": ODS, ".txt": TEXT,
            ".md": TEXT, ".html": TEXT, ".htm": TEXT}
# Zip-based formats, each named for the messages about a damaged one.
ZIPPED = {DOCX: "Word-fil (DOCX)", PPTX: "PowerPoint-fil (PPTX)", XLSX: "Excel-fil (XLSX)",
          ODT: "OpenDocument-fil (ODT)", ODS: "OpenDocument-fil (ODS)"}

# Leading bytes of formats that turn up under the wrong name.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "en PNG-bild"),
    (b"\xff\xd8\xff", "en JPEG-bild"),
    (b"GIF87a", "en GIF-bild"),
    (b"GIF89a", "en GIF-bild"),
    (b"II*\x00", "en TIFF-bild"),
    (b"MM\x00*", "en TIFF-bild"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ett äldre Office-dokument (DOC, XLS eller PPT)"),
    (b"{\\rtf", "ett RTF-dokument"),
    (b"\x1f\x8b", "ett gzip-arkiv"),
    (b"7z\xbc\xaf\x27\x1c", "ett 7z-arkiv"),
    (b"Rar!\x1a\x07", "ett RAR-arkiv"),
    (b"\x7fELF", "ett program"),
    (b"MZ", "ett Windows-program"),
    (b"SQLite format 3\x00", "en SQLite-databas"),
)
# Parts that tell one Office Open XML or OpenDocument zip from another.
_ZIP_PARTS = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("ppt/presentation.xml", PPTX),
)
_OPENDOCUMENT = (("application/vnd.oasis.opendocument.text", ODT),
                 ("application/vnd.oasis.opendocument.spreadsheet", ODS),
                 ("application/vnd.oasis.opendocument.presentation", ODP))
_SAMPLE = 65536
# Text has almost no control characters; binary data has about one byte in nine.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")


def content_problem(suffix: str, data: bytes) -> str | None:
    """Return why `data` is not what a file named with `suffix` should hold, in Swedish, or None."""
    expected = EXPECTED.get(suffix.lower())
    found = sniff(data)
    if expected is None or found == expected:
        return None
    if expected in ZIPPED and found == DAMAGED_ZIP:
        return f"filen är ingen giltig {ZIPPED[expected]}; den kan vara skadad eller avkortad"
    if found == BINARY and expected == TEXT:
        return f"filen innehåller binära data, inte text, trots ändelsen {suffix}"
    return f"filen är {found}, inte {expected}, trots ändelsen {suffix}"


def sniff(data: bytes) -> str:
    """Name what the bytes hold: PDF, DOCX, TEXT, another known format, DAMAGED_ZIP or BINARY."""
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return TEXT if looks_like_text(data) else BINARY


def utf16_encoding(data: bytes) -> str | None:
    """Return "utf-16" (BOM), "utf-16-le" or "utf-16-be" when the bytes are UTF-16 text, else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # UTF-16 of Latin text has a NUL in every other byte, always on the same side.
    if even + odd > len(sample) // 4 and max(even, odd) >= 0.9 * (even + odd):
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


def looks_like_text(data: bytes) -> bool:
    """Tell whether the bytes read as text: UTF-16, or 8-bit text with hardly any control bytes."""
    if utf16_encoding(data) is not None:
        return True
    sample = data[:_SAMPLE]
    controls = sum(1 for byte in sample if (byte < 32 and byte not in _TEXT_CONTROLS) or byte == 127)
    return controls <= _MAX_CONTROL_SHARE * len(sample)


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = ""
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # read only its start: it may be a bomb
                    mimetype = member.read(100).decode("ascii", "replace")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, RuntimeError, NotImplementedError):
        return DAMAGED_ZIP
    for part, name in _ZIP_PARTS:
        if part in names:
            return name
    for prefix, name in _OPENDOCUMENT:
        if mimetype.startswith(prefix):
            return name
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return "ett OpenDocument-dokument"
    if any(name.startswith("word/") for name in names):
        return "ett zip-arkiv med Word-delar men utan word/document.xml"
    return "ett zip-arkiv utan Word-dokument"


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 when a BOM or NUL bytes say so, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    utf16 = utf16_encoding(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")

