"""A PDF's pages as plain RGB images (rendered with PDFium through pypdfium2), so the app can
show the real pages of a document before it is saved. No Qt here: the ui wraps the pixels."""

from __future__ import annotations

from dataclasses import dataclass

# 96 / 72: a page drawn at about the size it has on a screen at 100 %.
SCREEN_SCALE = 96 / 72


@dataclass(frozen=True)
class PageImage:
    """One rendered page: `height` rows of `stride` bytes, RGB, 8 bits a channel."""

    width: int
    height: int
    stride: int
    pixels: bytes


def page_count(pdf: bytes) -> int:
    """How many pages the PDF has."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_pages(pdf: bytes, scale: float = SCREEN_SCALE) -> list[PageImage]:
    """Every page of the PDF in memory (nothing is written to disk), in order."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    pages: list[PageImage] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
                try:
                    if bitmap.n_channels != 3:
                        raise ValueError(f"unexpected {bitmap.n_channels} channels")
                    pages.append(PageImage(bitmap.width, bitmap.height, bitmap.stride,
                                           bytes(bitmap.buffer)))
                finally:
                    bitmap.close()
            finally:
                page.close()
    finally:
        document.close()
    return pages
