"""Pictograms of the GIZ factors and states: single-colour SVGs in resources/pictograms/, with a
plain drawn stand-in when an organisation's form names a pictogram we do not ship."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from instruments.paths import resources_dir


def pictogram_path(name: str | None) -> Path | None:
    """The SVG file of a pictogram, or None when it is not shipped."""
    if not name:
        return None
    path = resources_dir() / "pictograms" / f"{name}.svg"
    return path if path.is_file() else None


def _stand_in(size: int, letter: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#14385f"), max(2, size // 16)))
    inset = size * 0.08
    painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    font = painter.font()
    font.setPixelSize(int(size * 0.45))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, letter.upper()[:1])
    painter.end()
    return pixmap


@cache
def pictogram_icon(name: str | None, fallback_letter: str = "?") -> QIcon:
    """The pictogram as an icon (a circled letter when it is not shipped)."""
    path = pictogram_path(name)
    if path is not None:
        icon = QIcon(str(path))
        if not icon.isNull():
            return icon
    return QIcon(_stand_in(96, fallback_letter))


def pictogram_pixmap(name: str | None, size: int, fallback_letter: str = "?") -> QPixmap:
    return pictogram_icon(name, fallback_letter).pixmap(size, size)
