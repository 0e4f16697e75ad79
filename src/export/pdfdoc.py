"""Shared PDF plumbing: DejaVu paragraph styles, an in-memory document, header and footer."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from export.fonts import register_fonts, shape

MARGIN = 20 * mm
GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#eef2f6")
RULE = colors.HexColor("#b9c3cc")
CONCEPT_RED = colors.HexColor("#b3261e")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    heading_free: ParagraphStyle  # a heading that may be followed by a page break (long tables)
    concept: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    notice: ParagraphStyle


def styles() -> Styles:
    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=6,
                          bulletFontName=regular)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=11.5, leading=15,
                             spaceBefore=8, spaceAfter=4, keepWithNext=1)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=2),
        tiny=ParagraphStyle("tiny", parent=body, fontSize=7, leading=9, spaceAfter=0,
                            textColor=GREY),
        title=ParagraphStyle("title", parent=body, fontName=bold, fontSize=15, leading=19,
                             spaceAfter=8),
        heading=heading,
        heading_free=ParagraphStyle("heading_free", parent=heading, keepWithNext=0),
        concept=ParagraphStyle("concept", parent=body, fontName=bold, textColor=CONCEPT_RED,
                               borderColor=CONCEPT_RED, borderWidth=0.8, borderPadding=4,
                               spaceBefore=2, spaceAfter=10),
        cell=ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.2, spaceAfter=0),
        cell_bold=ParagraphStyle("cellb", parent=body, fontName=bold, fontSize=7.5, leading=9.2,
                                 spaceAfter=0),
        notice=ParagraphStyle("notice", parent=body, fontSize=8, leading=10, textColor=GREY,
                              borderColor=RULE, borderWidth=0.5, borderPadding=4,
                              spaceBefore=4, spaceAfter=10),
    )


PageDecorator = Callable[[Canvas, SimpleDocTemplate], None]


def running_header(left: str, right: str, footer_left: str, page_word: str, *,
                   mark: str = "", footer_note: str = "") -> PageDecorator:
    """Draws client identification at the top and 'page N' at the bottom of every page; a
    `mark` (e.g. "CONCEPT") in red at the top centre and faintly across every page; a
    `footer_note` (e.g. the form's pin) in small print under the footer."""
    regular, bold = register_fonts()
    left, right, footer_left, mark = shape(left), shape(right), shape(footer_left), shape(mark)
    footer_note = shape(footer_note)

    def decorate(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(GREY)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        if left or right:
            canvas.drawString(MARGIN, height - 12 * mm, left)
            canvas.drawRightString(width - MARGIN, height - 12 * mm, right)
            canvas.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
        canvas.line(MARGIN, 13.5 * mm, width - MARGIN, 13.5 * mm)
        canvas.drawString(MARGIN, 10 * mm, footer_left)
        canvas.drawRightString(width - MARGIN, 10 * mm, f"{page_word} {doc.page}")
        if footer_note:
            canvas.setFont(regular, 5.5)
            canvas.drawString(MARGIN, 6.5 * mm, footer_note)
        if mark:
            canvas.setFillColor(CONCEPT_RED)
            canvas.setFont(bold, 9)
            canvas.drawCentredString(width / 2, height - 12 * mm, mark)
            canvas.setFont(bold, 72)
            canvas.setFillColor(colors.Color(0.70, 0.15, 0.12, alpha=0.08))
            canvas.translate(width / 2, height / 2)
            canvas.rotate(40)
            canvas.drawCentredString(0, 0, mark)
        canvas.restoreState()

    return decorate


def build_pdf(story: Sequence[Flowable], *, title: str, author: str,
              on_page: PageDecorator | None = None, top: float = MARGIN,
              subject: str = "") -> bytes:
    """Lay out `story` on A4 in memory and return the PDF bytes (nothing written to disk)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=top,
        bottomMargin=MARGIN, title=title, author=author, creator="Samenspraak", subject=subject,
        invariant=1, initialFontName=register_fonts()[0],
    )
    if on_page is None:
        doc.build(list(story))
    else:
        doc.build(list(story), onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def grid_table(rows: list[list[object]], widths: Sequence[float], *, header: bool = True,
               zebra: bool = True) -> Table:
    """A plain table with a light header row and thin rules."""
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), LIGHT))
    if zebra:
        for r in range(2 if header else 1, len(rows), 2):
            style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f8f9fb")))
    table.setStyle(TableStyle(style))
    return table


def content_width() -> float:
    return A4[0] - 2 * MARGIN
