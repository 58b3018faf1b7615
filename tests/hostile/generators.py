"""PDFs from as many real generators as this machine has: LibreOffice, Ghostscript, Chromium, reportlab, fpdf2, pypdf.

Each maker writes its PDFs into a folder and returns {generator name: path}; a generator whose
tool is missing adds nothing, and the test that wants it skips. The PDFs found already installed
on the machine (Debian's pdfTeX manuals, LibreOffice's own) are listed by `installed_pdfs`.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from hostile import SAMPLE_DOCX, SAMPLE_PDF, text_pdf

TIMEOUT = 180
HTML = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Rutin</title></head><body>
<h1>Rutin för trygg hemgång</h1>
<p>Vårdcentralen ringer patienten dagen efter hemgång från sjukhuset och följer upp läkemedlen.</p>
<h2>Ansvar</h2>
<ul><li>Sjuksköterskan i kommunen ansvarar för hemsjukvården.</li><li>Läkaren på vårdcentralen ansvarar för
läkemedelsgenomgången.</li></ul>
<table border="1"><tr><th>Mål</th><th>Aktivitet</th><th>Ansvarig</th><th>Startdatum</th></tr>
<tr><td>Trygg hemgång</td><td>Uppföljande samtal</td><td>Vårdcentralen</td><td>2025</td></tr></table>
</body></html>
"""
GROFF = """.sp 1i
.ps 16
.ft B
Rutin för trygg hemgång
.ps 11
.ft R
.sp
Vårdcentralen ringer patienten dagen efter hemgång från sjukhuset och följer upp läkemedlen.
Sjuksköterskan i kommunen ansvarar för hemsjukvården.
"""
# Paths where Debian and LibreOffice install PDFs of their own (pdfTeX, StarOffice).
INSTALLED = ("/usr/share/doc", "/usr/lib/libreoffice/share")


def installed_pdfs(limit: int = 5_000_000) -> list[Path]:
    """PDFs already installed on this machine (documentation), smaller than `limit` bytes."""
    found: list[Path] = []
    for root in INSTALLED:
        if Path(root).is_dir():
            found.extend(p for p in Path(root).rglob("*.pdf") if p.is_file() and p.stat().st_size < limit)
    return sorted(found)


def libreoffice(folder: Path) -> dict[str, Path]:
    """Writer from DOCX, HTML and plain text, in one LibreOffice run (Calc is not installed here)."""
    office = shutil.which("soffice")
    if office is None:
        return {}
    sources = folder / "office"
    sources.mkdir()
    shutil.copy(SAMPLE_DOCX, sources / "plan.docx")
    (sources / "rutin.html").write_text(HTML, encoding="utf-8")
    (sources / "text.txt").write_text("Rutin för trygg hemgång\n\nVårdcentralen ringer patienten dagen efter.\n",
                                       encoding="utf-8")
    # A profile of its own, so that no other LibreOffice running on the machine gets in the way.
    profile = (folder / "office-profile").as_uri()
    subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *sorted(str(p) for p in sources.iterdir())],
                   capture_output=True, timeout=TIMEOUT, check=False)
    names = {"plan": "libreoffice-writer-docx", "rutin": "libreoffice-writer-html", "text": "libreoffice-writer-text"}
    return {name: folder / f"{stem}.pdf" for stem, name in names.items() if (folder / f"{stem}.pdf").exists()}


def ghostscript(folder: Path) -> dict[str, Path]:
    """groff's PostScript through ps2pdf (two PDF versions, and text as outlines), and a PDF re-distilled by gs."""
    groff, ps2pdf, gs = shutil.which("groff"), shutil.which("ps2pdf"), shutil.which("gs")
    made: dict[str, Path] = {}
    if groff and ps2pdf:
        postscript = folder / "rutin.ps"
        postscript.write_bytes(subprocess.run([groff, "-Kutf8", "-Tps"], input=GROFF.encode(), capture_output=True,
                                              timeout=TIMEOUT, check=True).stdout)
        for name, options in (("ghostscript-ps2pdf", []), ("ghostscript-pdf-1.3", ["-dCompatibilityLevel=1.3"]),
                              ("ghostscript-outlines", ["-dNoOutputFonts"])):
            target = folder / f"{name}.pdf"
            subprocess.run([ps2pdf, *options, str(postscript), str(target)], capture_output=True, timeout=TIMEOUT,
                           check=True)
            made[name] = target
    if gs:
        target = folder / "ghostscript-pdfwrite.pdf"
        subprocess.run([gs, "-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite", f"-sOutputFile={target}",
                        str(SAMPLE_PDF)], capture_output=True, timeout=TIMEOUT, check=True)
        made["ghostscript-pdfwrite"] = target
    return made


def chromium(folder: Path) -> dict[str, Path]:
    """Chromium's print to PDF (Skia) of an HTML page."""
    browser = shutil.which("chromium")
    if browser is None:
        return {}
    page = folder / "chromium.html"
    page.write_text(HTML, encoding="utf-8")
    target = folder / "chromium.pdf"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--user-data-dir={folder / 'chromium-profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={target}", page.as_uri()],
                   capture_output=True, timeout=TIMEOUT, check=False)
    return {"chromium-skia": target} if target.exists() else {}


def reportlab(folder: Path) -> dict[str, Path]:
    """reportlab's platypus: a heading, paragraphs and a table."""
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import getSampleStyleSheet
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
    except ImportError:
        return {}
    styles = getSampleStyleSheet()
    target = folder / "reportlab.pdf"
    SimpleDocTemplate(str(target), pagesize=A4).build([
        Paragraph("Rutin för trygg hemgång", styles["Heading1"]),
        Paragraph("Vårdcentralen ringer patienten dagen efter hemgång från sjukhuset och följer upp läkemedlen. "
                  * 3, styles["BodyText"]),
        Table([["Mål", "Aktivitet", "Ansvarig", "Startdatum"], ["Trygg hemgång", "Samtal", "Vårdcentralen", "2025"]]),
    ])
    return {"reportlab": target}


def fpdf2(folder: Path) -> dict[str, Path]:
    """fpdf2 with a core font: a title and a wrapped paragraph."""
    try:
        from fpdf import FPDF
    except ImportError:
        return {}
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Rutin för trygg hemgång")
    pdf.ln(14)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Vårdcentralen ringer patienten dagen efter hemgång från sjukhuset. " * 4)
    target = folder / "fpdf2.pdf"
    pdf.output(str(target))
    return {"fpdf2": target}


def pypdf_variants(folder: Path) -> dict[str, Path]:
    """The sample report rewritten by pypdf: pages rotated, merged with another PDF, RC4-40 without a password."""
    made: dict[str, Path] = {}
    rotated = PdfWriter(clone_from=SAMPLE_PDF)
    for page in rotated.pages:
        page.rotate(90)
    made["pypdf-rotated"] = folder / "pypdf-rotated.pdf"
    rotated.write(made["pypdf-rotated"])
    merged = PdfWriter()
    merged.append(PdfReader(text_pdf(folder / "hand.pdf", ["Rutin för hemgång", "Ring patienten dagen efter."])))
    merged.append(PdfReader(SAMPLE_PDF), pages=(0, 3))
    made["pypdf-merged"] = folder / "pypdf-merged.pdf"
    merged.write(made["pypdf-merged"])
    old = PdfWriter(clone_from=SAMPLE_PDF)
    old.encrypt(user_password="", owner_password="ägare", algorithm="RC4-40")
    made["pypdf-rc4-40"] = folder / "pypdf-rc4-40.pdf"
    old.write(made["pypdf-rc4-40"])
    made["hand-written"] = folder / "hand.pdf"
    return made


GENERATORS: tuple[Callable[[Path], dict[str, Path]], ...] = (
    libreoffice, ghostscript, chromium, reportlab, fpdf2, pypdf_variants,
)
