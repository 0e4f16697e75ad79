"""Which parts of Qt the bundle keeps: the rules `samenspraak.spec` applies to the collected files.

The app uses QtCore, QtGui, QtWidgets (and QtSvg through the image/icon plugins for SVG icons).
It never touches the network, QML, Quick, OpenGL widgets or multimedia. It runs on a desktop
(xcb on Linux, including XWayland on a Wayland session; windows; cocoa) or offscreen (the
self-check, tests). Qt's own translations are kept for the UI languages only (Dutch, English):
they translate Qt's standard buttons and dialogs.
"""

from __future__ import annotations

from pathlib import PurePath

# Python modules of PySide6 the app never imports (the PyInstaller hooks pull some in).
EXCLUDED_QT_MODULES = [
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtMultimedia",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtPrintSupport",
]

# Plugin folders kept, and within them which plugins (None: all). Names are without the
# platform's `lib` prefix and file extension, so one table serves Linux, Windows and macOS.
KEPT_PLUGINS: dict[str, set[str] | None] = {
    "platforms": {"qxcb", "qoffscreen", "qminimal", "qwindows", "qdirect2d", "qcocoa"},
    # compose keys and IBus: typing ë, é, ï on Linux (not the QML virtual keyboard)
    "platforminputcontexts": {"composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"},
    "xcbglintegrations": None,
    "platformthemes": {"qxdgdesktopportal"},  # not gtk3: that drags in GTK, cairo and pango
    "imageformats": {"qsvg", "qico", "qjpeg"},
    "iconengines": {"qsvgicon"},
    "styles": None,  # the native Windows style
}

# Qt libraries no kept module or plugin needs.
DROPPED_QT_LIBS = (
    "Qt6Network",
    "Qt6Qml",
    "Qt6Quick",
    "Qt6Pdf",
    "Qt6OpenGL",
    "Qt6Wayland",
    "Qt6Wl",
    "Qt6EglFS",
    "Qt6VirtualKeyboard",
)

QT_TRANSLATIONS_KEPT = ("qt_nl", "qtbase_nl", "qt_en", "qtbase_en")

# Libraries only the dropped plugins load (gtk3 theme, wayland, eglfs).
DROPPED_SYSTEM_LIBS = (
    "libgtk-3",
    "libgdk-3",
    "libgdk_pixbuf",
    "libcairo",
    "libpango",
    "libatk",
    "libepoxy",
    "libwayland",
)


def _stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(dest: str) -> bool:
    """Whether the collected file with bundle path `dest` stays in the bundle."""
    parts = PurePath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if "plugins" in parts:
        at = parts.index("plugins")
        if len(parts) > at + 2:
            folder = parts[at + 1]
            if folder not in KEPT_PLUGINS:
                return False
            wanted = KEPT_PLUGINS[folder]
            return wanted is None or _stem(name) in wanted
    if "translations" in parts and name.endswith(".qm"):
        return name.split(".")[0] in QT_TRANSLATIONS_KEPT
    if any(lib in name for lib in DROPPED_QT_LIBS):
        return False
    return len(parts) != 1 or not name.startswith(DROPPED_SYSTEM_LIBS)


def trimmed(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC (dest, source, kind) without the parts of Qt the app does not use."""
    return [entry for entry in entries if keep(entry[0])]
