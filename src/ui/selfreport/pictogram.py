"""The domain pictograms (resources/pictograms/<name>.svg) as pixmaps; no icon when QtSvg or
the file is missing."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap

from instruments.paths import resources_dir

_NAME = re.compile(r"^[a-z0-9_-]+$")


@cache
def _renderer_class() -> type | None:
    try:
        from PySide6.QtSvg import QSvgRenderer
    except ImportError:  # PySide6 without QtSvg: pictograms are left out
        return None
    return QSvgRenderer


def pictogram_path(name: str | None) -> Path | None:
    """The SVG file of a pictogram name, when the name is sane and the file exists."""
    if not name or not _NAME.match(name):
        return None
    path = resources_dir() / "pictograms" / f"{name}.svg"
    return path if path.is_file() else None


def pictogram_pixmap(name: str | None, size: int) -> QPixmap | None:
    """The pictogram drawn at `size` x `size` pixels, or None when it cannot be shown."""
    renderer_class = _renderer_class()
    path = pictogram_path(name)
    if renderer_class is None or path is None:
        return None
    renderer = renderer_class(str(path))
    if not renderer.isValid():
        return None
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap
