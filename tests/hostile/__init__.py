"""Makers of broken and hostile files for the tests: each writes one file, quickly, from nothing or a sample.

Every maker takes the path to write and returns it. The samples are the shipped corpus files;
everything else is generated here, so no hostile file is ever committed.
"""

from __future__ import annotations

import codecs
import os
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SAMPLE_PDF = CORPUS / "arsrapport-samla-2025.pdf"
SAMPLE_DOCX = CORPUS / "aktivitetsplan-nosam-barn-och-unga-2026.docx"
GOOD_TEXT = "Rutin för trygg hemgång\n\nVårdcentralen ringer patienten dagen efter hemgång från sjukhuset.\n"
SWEDISH = "Åtgärder för äldre\n\nVården ska vara nära och trygg för alla i Mölndal – även på helger.\n"


def raw_pdf(objects: Sequence[bytes], root: int = 1) -> bytes:
    """Assemble a PDF from object bodies (object n is objects[n-1]) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def text_pdf(path: Path, lines: Sequence[str]) -> Path:
    """A hand-written one-page PDF that shows `lines` in Helvetica (Latin-1 text)."""
    shown = b"".join(b"(%s) Tj 0 -16 Td\n" % _pdf_string(line) for line in lines)
    content = b"BT /F1 12 Tf 72 770 Td\n" + shown + b"ET"
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]))
    return path


def _pdf_string(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF whose pages are images only, as a scanner makes them: no text layer."""
    image = _stream(bytes(range(256)) * 4, b"/Type /XObject /Subtype /Image /Width 32 /Height 32 "
                                          b"/ColorSpace /DeviceGray /BitsPerComponent 8")
    draw = _stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im0 3 0 R >> >> >>")
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        image,
        draw,
        *[page] * pages,
    ]))
    return path


def cyclic_pdf(path: Path) -> Path:
    """A PDF whose page tree loops back on itself (a classic way to hang a reader)."""
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ]))
    return path


def garbage_pdf(path: Path) -> Path:
    """A PDF header followed by noise: no objects, no cross-reference table."""
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    return path


def encrypted_pdf(path: Path, user_password: str, algorithm: str = "RC4-128") -> Path:
    """The sample PDF encrypted; an empty user password only restricts printing and copying."""
    writer = PdfWriter(clone_from=SAMPLE_PDF)
    writer.encrypt(user_password=user_password, owner_password="ägaren", algorithm=algorithm)
    writer.write(path)
    return path


def many_pages_pdf(path: Path, pages: int) -> Path:
    """A PDF of `pages` blank pages (cheap to make however many)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    writer.write(path)
    return path


def long_pdf(path: Path, pages: int) -> Path:
    """The sample report's pages repeated to `pages` pages of real text: slow to read, quick to make."""
    writer = PdfWriter(clone_from=SAMPLE_PDF)
    count = len(writer.pages)
    for n in range(pages - count):
        writer.add_page(writer.pages[n % count])
    writer.write(path)
    return path


def truncated(path: Path, source: Path, keep: float = 0.5) -> Path:
    """The first part of a real file, as a broken download or copy leaves it."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def sparse_file(path: Path, size: int, head: bytes = b"%PDF-1.4\n") -> Path:
    """A file of `size` bytes that takes no room on disk (a hole after its first bytes)."""
    with path.open("wb") as file:
        file.write(head)
        file.truncate(size)
    return path


def zip_bomb_docx(path: Path, unpacked: int, lie: bool = False) -> Path:
    """The sample DOCX with word/document.xml replaced by `unpacked` bytes of one repeated byte.

    With `lie`, the zip's headers declare the part to be only 1 kB, as a crafted bomb would.
    """
    with zipfile.ZipFile(SAMPLE_DOCX) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info, source.read(info))
        with bomb.open("word/document.xml", "w") as part:
            block = b"<" * (1 << 20)
            for _ in range(unpacked >> 20):
                part.write(block)
    if lie:
        _declare_size(path, "word/document.xml", 1024)
    return path


def _declare_size(path: Path, member: str, size: int) -> None:
    """Overwrite a member's uncompressed size in the central directory and in its local header."""
    data = bytearray(path.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    position = struct.unpack_from("<I", data, end + 16)[0]
    while data[position:position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, position + 28)
        local = struct.unpack_from("<I", data, position + 42)[0]
        if data[position + 46:position + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, position + 24, size)
            struct.pack_into("<I", data, local + 22, size)
        position += 46 + name_length + extra_length + comment_length
    path.write_bytes(bytes(data))


def entity_bomb_docx(path: Path) -> Path:
    """The sample DOCX whose document.xml defines "billion laughs" entities (exponential expansion)."""
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>Skrattet &a9;</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>Rutin för trygg hemgång från sjukhuset.</w:t></w:r></w:p></w:body></w:document>")
    return _replace_part(path, "word/document.xml", xml.encode())


def _replace_part(path: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(SAMPLE_DOCX) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, data if info.filename == member else source.read(info))
    return path


def zip_without_word(path: Path) -> Path:
    """A zip archive with a text file in it, named .docx."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hej.txt", "ett zip-arkiv, men inget Word-dokument")
    return path


def xlsx_as_docx(path: Path) -> Path:
    """A real Excel workbook saved under a .docx name."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Mål", "Aktivitet"])
    book.save(path)
    return path


def odt_as_docx(path: Path) -> Path:
    """An OpenDocument text (its mimetype part says so) saved under a .docx name."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def old_word_as_docx(path: Path) -> Path:
    """The start of an old binary Word file (OLE compound document) under a .docx name."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + os.urandom(1024))
    return path


def png_bytes() -> bytes:
    """A small real PNG image (one grey pixel)."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + \
        chunk(b"IEND", b"")


def written(path: Path, data: bytes) -> Path:
    """Write bytes and return the path (for one-line makers)."""
    path.write_bytes(data)
    return path


def encoded(path: Path, text: str, encoding: str) -> Path:
    """Write text in an encoding; "utf-16-le-bom" writes a little-endian BOM by hand."""
    if encoding == "utf-16-le-bom":
        return written(path, codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return written(path, text.encode(encoding))


def undecodable_name(folder: Path) -> Path:
    """A text file whose name is not valid UTF-8 (made on a Latin-1 system, say)."""
    path = folder / os.fsdecode(b"plan-m\xf6lndal.txt")
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path
