"""Render packaging/samenspraak.svg to the PNG (Linux), ICO (Windows) and ICNS (macOS) icons.

Run from the project root: `.venv/bin/python packaging/render_icons.py` (offscreen Qt).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "samenspraak.svg"))
    if not renderer.isValid():
        print("samenspraak.svg is not a valid SVG", file=sys.stderr)
        return 1

    def render(size: int) -> QImage:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        return image

    written = []
    for name, size, fmt in (("samenspraak.png", 256, b"png"), ("samenspraak.ico", 256, b"ico"),
                            ("samenspraak.icns", 512, b"icns")):
        if fmt not in QImageWriter.supportedImageFormats():
            print(f"skipped {name}: Qt has no {fmt.decode()} writer here", file=sys.stderr)
            continue
        writer = QImageWriter(str(HERE / name), fmt)
        if not writer.write(render(size)):
            print(f"could not write {name}: {writer.errorString()}", file=sys.stderr)
            return 1
        written.append(name)
    print("written:", ", ".join(written))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
