"""The bundled DejaVu fonts for ReportLab, and shaping of right-to-left text before drawing."""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from instruments.paths import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu (regular and bold) once; return their names. Embedded in every PDF."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    for italic in (0, 1):
        addMapping(REGULAR, 0, italic, REGULAR)
        addMapping(REGULAR, 1, italic, BOLD)
    return REGULAR, BOLD


def shape(text: str) -> str:
    """Arabic and Hebrew in visual order with joined letter forms; other text unchanged."""
    if not _RTL.search(text):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    # Base direction left-to-right: a Dutch document with an Arabic name or phrase in it.
    return "\n".join(str(get_display(arabic_reshaper.reshape(line), base_dir="L"))
                     for line in text.split("\n"))


def para(text: str) -> str:
    """User text made safe as Paragraph markup: shaped, escaped, line breaks kept."""
    return escape(shape(text)).replace("\n", "<br/>")
