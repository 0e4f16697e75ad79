"""The real pages of a PDF on screen, one under the other in a scroll area (a preview before
saving; the pages are rendered in memory by `services.pdf_pages`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from services.pdf_pages import PageImage, render_pages


def page_pixmap(page: PageImage) -> QPixmap:
    """A rendered page as a pixmap (the pixels are copied, so the page may go)."""
    image = QImage(page.pixels, page.width, page.height, page.stride,
                   QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())


class PdfPagesView(QScrollArea):
    """Shows the pages of one PDF; `show_pdf(None)` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPages")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._inner = QWidget()
        self._inner.setObjectName("pdfPagesInner")
        self._inner.setStyleSheet("#pdfPagesInner { background: #8a8f96; }")
        self._column = QVBoxLayout(self._inner)
        self._column.setContentsMargins(16, 16, 16, 16)
        self._column.setSpacing(16)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self.pages: list[QLabel] = []

    def show_pdf(self, pdf: bytes | None, scale: float | None = None) -> None:
        for label in self.pages:
            self._column.removeWidget(label)
            label.deleteLater()
        self.pages = []
        if pdf is None:
            return
        rendered = render_pages(pdf) if scale is None else render_pages(pdf, scale)
        for number, page in enumerate(rendered, start=1):
            label = QLabel()
            label.setObjectName(f"pdfPage{number}")
            label.setPixmap(page_pixmap(page))
            label.setFrameShape(QFrame.Shape.Box)
            self._column.addWidget(label)
            self.pages.append(label)
