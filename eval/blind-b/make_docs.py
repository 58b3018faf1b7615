# -*- coding: utf-8 -*-
"""Bygger testdokumenten för blind-b från källtexterna bredvid detta skript.

Kör med:  /tmp/blind-b-venv/bin/python make_docs.py
Kräver:   python-docx, reportlab (pypdf används bara av check_blind_b.py)

Utdata i docs/:
  aktivitetsplan-asbygden-barn-och-unga-2026-2027.docx   (från src_aktivitetsplan.py)
  uppfoljning-och-analys-asbygden-2024.pdf                (från src_uppfoljning.py)
  mobila-psykiatriteamet-asbygden.html                    (kopia av src_mobila-psykiatriteamet.html)
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "docs")
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

import src_aktivitetsplan as A  # noqa: E402
import src_uppfoljning as U  # noqa: E402


# ---------------------------------------------------------------- DOCX
def build_docx():
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, Cm, RGBColor

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.2)
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)

    # footer
    fp = sec.footer.paragraphs[0]
    fp.text = "Aktivitetsplan Barn och unga 2026–2027 · Vårdsamverkan Åsbygden · Version 2.1"
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # numbering restart helper for "List Number"
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    list_number_style = doc.styles["List Number"]
    base_numId = list_number_style.element.pPr.numPr.numId.val
    abstract_id = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(base_numId):
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    next_id = [max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1]

    def new_num():
        nid = next_id[0]
        next_id[0] += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(nid))
        an = OxmlElement("w:abstractNumId")
        an.set(qn("w:val"), abstract_id)
        num.append(an)
        ov = OxmlElement("w:lvlOverride")
        ov.set(qn("w:ilvl"), "0")
        so = OxmlElement("w:startOverride")
        so.set(qn("w:val"), "1")
        ov.append(so)
        num.append(ov)
        numbering.append(num)
        return nid

    def set_num(par, nid):
        pPr = par._p.get_or_add_pPr()
        numPr = OxmlElement("w:numPr")
        il = OxmlElement("w:ilvl")
        il.set(qn("w:val"), "0")
        ni = OxmlElement("w:numId")
        ni.set(qn("w:val"), str(nid))
        numPr.append(il)
        numPr.append(ni)
        pPr.append(numPr)

    # title block
    for kind, text in A.TITLE:
        if kind == "title":
            doc.add_paragraph(text, style="Title")
        elif kind == "subtitle":
            doc.add_paragraph(text, style="Subtitle")
        else:
            doc.add_paragraph(text)
    doc.add_paragraph()
    # table of contents as plain text lines
    doc.add_paragraph(A.TOC_TITLE, style="Heading 1")
    for text, page in A.TOC:
        indent = "   " if text.split(" ")[0].count(".") else ""
        line = f"{indent}{text} ".ljust(66, ".") + f" {page}"
        p = doc.add_paragraph()
        r = p.add_run(line)
        r.font.name = "Consolas"
        r.font.size = Pt(10)
        p.paragraph_format.space_after = Pt(0)

    for block in A.BODY:
        kind = block[0]
        if kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind in ("landscape", "portrait"):
            # own section so the wide activity table gets a landscape page
            ns = doc.add_section()
            ns.orientation = WD_ORIENT.LANDSCAPE if kind == "landscape" else WD_ORIENT.PORTRAIT
            ns.page_width, ns.page_height = ((Cm(29.7), Cm(21.0)) if kind == "landscape"
                                             else (Cm(21.0), Cm(29.7)))
        elif kind == "h1":
            doc.add_heading(block[1], level=1)
        elif kind == "h2":
            doc.add_heading(block[1], level=2)
        elif kind == "p":
            doc.add_paragraph(block[1])
        elif kind == "bullets":
            for item in block[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "numbered":
            nid = new_num()
            for item in block[1]:
                p = doc.add_paragraph(item, style="List Number")
                set_num(p, nid)
        elif kind == "table":
            rows = block[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            widths = [Cm(2.6), Cm(3.6), Cm(5.6), Cm(3.4), Cm(2.2), Cm(2.2), Cm(3.8), Cm(1.9)]
            for i, row in enumerate(rows):
                for j, val in enumerate(row):
                    cell = t.cell(i, j)
                    cell.width = widths[j]
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(val)
                    run.font.size = Pt(9)
                    if i == 0:
                        run.bold = True
                        tcPr = cell._tc.get_or_add_tcPr()
                        shd = OxmlElement("w:shd")
                        shd.set(qn("w:val"), "clear")
                        shd.set(qn("w:color"), "auto")
                        shd.set(qn("w:fill"), "D9E2F3")
                        tcPr.append(shd)
            # repeat header row
            trPr = t.rows[0]._tr.get_or_add_trPr()
            th = OxmlElement("w:tblHeader")
            th.set(qn("w:val"), "true")
            trPr.append(th)
        else:
            raise ValueError(kind)

    path = os.path.join(OUT, A.FILENAME)
    doc.save(path)
    return path


# ---------------------------------------------------------------- PDF
def build_pdf():
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer,
                                    PageBreak, Table, TableStyle, KeepTogether)
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend

    fdir = "/usr/share/fonts/truetype/dejavu/"
    pdfmetrics.registerFont(TTFont("DV", fdir + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DVB", fdir + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DVI", fdir + "DejaVuSans-Oblique.ttf"))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DV", normal="DV", bold="DVB", italic="DVI", boldItalic="DVB")

    body = ParagraphStyle("body", fontName="DV", fontSize=10, leading=14.5, spaceAfter=7)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3)
    h1 = ParagraphStyle("h1", fontName="DVB", fontSize=15, leading=19, spaceBefore=10, spaceAfter=8,
                        textColor=colors.HexColor("#1F3864"))
    h2 = ParagraphStyle("h2", fontName="DVB", fontSize=12, leading=16, spaceBefore=6, spaceAfter=5,
                        textColor=colors.HexColor("#2F5496"))
    title = ParagraphStyle("title", fontName="DVB", fontSize=26, leading=32, spaceAfter=12)
    subtitle = ParagraphStyle("subtitle", fontName="DV", fontSize=16, leading=22, spaceAfter=40)
    meta = ParagraphStyle("meta", parent=body, fontSize=11, leading=16, spaceAfter=4)
    toc = ParagraphStyle("toc", fontName="DV", fontSize=10, leading=16)
    caption = ParagraphStyle("caption", fontName="DVI", fontSize=9, leading=12, spaceAfter=10)

    W, H = A4
    LM = RM = 2.3 * cm
    frame_w = W - LM - RM

    def leader_line(text, page, style_font="DV", size=10, indent=0):
        tw = pdfmetrics.stringWidth(text + " ", style_font, size) + indent
        nw = pdfmetrics.stringWidth(" " + str(page), style_font, size)
        dw = pdfmetrics.stringWidth(".", style_font, size)
        n = max(3, int((frame_w - tw - nw - 40) / dw))
        return f"{text} {'.' * n} {page}"

    class Doc(BaseDocTemplate):
        def __init__(self, fn, **kw):
            super().__init__(fn, pagesize=A4, leftMargin=LM, rightMargin=RM,
                             topMargin=2.6 * cm, bottomMargin=2.2 * cm,
                             title="Uppföljning och analys 2024", author="Vårdsamverkan Åsbygden", **kw)
            fr = Frame(LM, 2.2 * cm, frame_w, H - 4.8 * cm, id="f")
            self.addPageTemplates([PageTemplate(id="p", frames=[fr], onPage=self.decorate)])
            self.marks = {}

        def decorate(self, canv, doc):
            canv.saveState()
            canv.setFont("DV", 8.5)
            canv.setFillColor(colors.HexColor("#555555"))
            canv.drawString(LM, H - 1.5 * cm, U.RUNNING_HEADER)
            canv.drawRightString(W - RM, H - 1.5 * cm, "Region Norrmark · Tallmo · Ekeryd · Storvallen")
            canv.setStrokeColor(colors.HexColor("#999999"))
            canv.line(LM, H - 1.7 * cm, W - RM, H - 1.7 * cm)
            canv.line(LM, 1.6 * cm, W - RM, 1.6 * cm)
            canv.drawCentredString(W / 2, 1.1 * cm, f"Sida {doc.page}")
            canv.restoreState()

        def afterFlowable(self, fl):
            key = getattr(fl, "_mark", None)
            if key:
                self.marks.setdefault(key, self.page)

    def story(pages):
        s = []
        for kind, text in U.TITLE:
            st = {"title": title, "subtitle": subtitle}.get(kind, meta)
            s.append(Paragraph(text, st))
        s.append(PageBreak())
        # table of contents
        s.append(Paragraph("Innehåll", h1))
        for block in U.BODY:
            if block[0] in ("h1", "h2"):
                txt = block[1]
                ind = 18 if block[0] == "h2" else 0
                st = ParagraphStyle("toc2", parent=toc, leftIndent=ind)
                s.append(Paragraph(leader_line(txt, pages.get(txt, 0), indent=ind), st))
        s.append(Spacer(1, 14))
        s.append(Paragraph("Figurförteckning", h1))
        for block in U.BODY:
            if block[0] == "figure":
                cap = f"Figur {block[1]}. {block[2]}"
                s.append(Paragraph(leader_line(cap, pages.get(cap, 0)), toc))
        s.append(PageBreak())
        for block in U.BODY:
            kind = block[0]
            if kind in ("h1", "h2"):
                p = Paragraph(block[1], h1 if kind == "h1" else h2)
                p._mark = block[1]
                p.keepWithNext = True
                s.append(p)
            elif kind == "p":
                s.append(Paragraph(block[1], body))
            elif kind == "bullets":
                for it in block[1]:
                    s.append(Paragraph(it, bullet, bulletText="•"))
                s.append(Spacer(1, 5))
            elif kind == "numbered":
                for i, it in enumerate(block[1], 1):
                    s.append(Paragraph(it, bullet, bulletText=f"{i}."))
                s.append(Spacer(1, 5))
            elif kind == "pagebreak":
                s.append(PageBreak())
            elif kind == "table":
                cap_text, rows = block[1], block[2]
                t = Table([[Paragraph(c, body) for c in r] for r in rows],
                          colWidths=[8 * cm, 4 * cm])
                t.setStyle(TableStyle([
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3")),
                    ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]))
                s.append(KeepTogether([Paragraph(cap_text, caption), t, Spacer(1, 10)]))
            elif kind == "figure":
                num, cap, labels, series, names = block[1:]
                d = Drawing(frame_w, 190)
                bc = VerticalBarChart()
                bc.x, bc.y, bc.width, bc.height = 50, 40, frame_w - 170, 130
                bc.data = series
                bc.categoryAxis.categoryNames = labels
                bc.categoryAxis.labels.fontName = "DV"
                bc.categoryAxis.labels.fontSize = 7.5 if len(labels) > 3 else 9
                bc.valueAxis.labels.fontName = "DV"
                bc.valueAxis.valueMin = 0
                bc.barLabelFormat = "%s"
                bc.barLabels.fontName = "DV"
                bc.barLabels.fontSize = 7
                bc.barLabels.nudge = 6
                palette = [colors.HexColor("#8FAADC"), colors.HexColor("#1F3864")]
                for i in range(len(series)):
                    bc.bars[i].fillColor = palette[i % 2] if len(series) > 1 else palette[1]
                d.add(bc)
                if len(series) > 1:
                    lg = Legend()
                    lg.x, lg.y = frame_w - 100, 150
                    lg.fontName = "DV"
                    lg.colorNamePairs = [(palette[i], names[i]) for i in range(len(series))]
                    d.add(lg)
                capp = Paragraph(f"Figur {num}. {cap}", caption)
                capp._mark = f"Figur {num}. {cap}"
                s.append(KeepTogether([d, capp]))
            else:
                raise ValueError(kind)
        return s

    path = os.path.join(OUT, U.FILENAME)
    pages = {}
    for _ in range(3):  # iterate until page numbers are stable
        d = Doc(path)
        d.build(story(pages))
        if d.marks == pages:
            break
        pages = dict(d.marks)
    return path


def build_html():
    src = os.path.join(HERE, "src_mobila-psykiatriteamet.html")
    dst = os.path.join(OUT, "mobila-psykiatriteamet-asbygden.html")
    shutil.copyfile(src, dst)
    return dst


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for f in (build_docx, build_pdf, build_html):
        print("wrote", f())
