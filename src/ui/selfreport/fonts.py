"""The bundled DejaVu Sans (it has Arabic, Turkish and Polish glyphs), registered once."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from instruments.paths import resources_dir

FAMILY = "DejaVu Sans"


@cache
def ensure_fonts() -> str:
    """Register the bundled fonts with Qt; returns the family name to use."""
    for path in sorted((resources_dir() / "fonts").glob("DejaVuSans*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    return FAMILY


def selfreport_font(pixel_size: int = 20) -> QFont:
    font = QFont()
    font.setFamilies([ensure_fonts(), "Noto Sans", "Noto Sans Arabic", "Arial"])
    font.setPixelSize(pixel_size)
    return font
