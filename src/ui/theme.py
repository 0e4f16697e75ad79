"""The calm, large, high-contrast look: base font, palette and one stylesheet."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ui.appearance import adapt, colour, scaled

BASE_POINT_SIZE = 13


def repolish(widget: QWidget) -> None:
    """Apply a changed dynamic property or object name to the style sheet."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


INK = "#1b1f24"  # text: contrast ratio > 14:1 on the background
MUTED = "#3d4650"  # secondary text: still > 9:1
BACKGROUND = "#f7f6f2"
SURFACE = "#ffffff"
LINE = "#8a949e"
ACCENT = "#1f4e79"  # buttons, selection: white text on it > 8:1
ACCENT_SOFT = "#dce8f3"
FOCUS = "#c05a00"
WARNING_BG = "#fff3cd"
WARNING_INK = "#5c4400"
ERROR_INK = "#9b1c1c"
OK_INK = "#1d5e2a"

STYLESHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog, QStackedWidget > QWidget {{ background: {BACKGROUND}; }}
QLabel#title {{ font-size: 22pt; font-weight: 600; }}
QLabel#subtitle {{ font-size: 16pt; font-weight: 600; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#error {{ color: {ERROR_INK}; font-weight: 600; }}
QLabel#ok {{ color: {OK_INK}; font-weight: 600; }}
QLabel#banner {{ background: {WARNING_BG}; color: {WARNING_INK}; border: 1px solid #e0c36a;
    border-radius: 6px; padding: 10px 14px; }}
QLabel#placeholder {{ font-size: 15pt; color: {MUTED}; }}
QFrame#topbar {{ background: {SURFACE}; border-bottom: 1px solid {LINE}; }}
QLabel#appname {{ font-size: 16pt; font-weight: 700; color: {ACCENT}; }}
QDialog {{ border: 2px solid {ACCENT}; }}
QLineEdit, QPlainTextEdit {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 6px; padding: 7px 10px;
    min-height: 26px; selection-background-color: {ACCENT}; selection-color: white; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {FOCUS}; }}
QSpinBox, QComboBox {{ min-height: 40px; }}
QPushButton {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 6px;
    padding: 8px 18px; min-height: 26px; }}
QPushButton:hover {{ background: {ACCENT_SOFT}; }}
QPushButton:focus {{ border: 2px solid {FOCUS}; }}
QPushButton:disabled {{ color: #6b737b; background: #eceae4; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT};
    font-weight: 600; }}
QPushButton#primary:hover {{ background: #173d60; }}
QPushButton#primary:focus {{ border: 3px solid {FOCUS}; }}
QPushButton#primary:disabled {{ background: #7b93aa; border-color: #7b93aa; }}
QTableView, QListView, QTreeView {{ background: {SURFACE}; border: 1px solid {LINE};
    border-radius: 6px; gridline-color: #d5d9dd; selection-background-color: {ACCENT};
    selection-color: white; alternate-background-color: #f1f3f5; }}
QTableView:focus, QListView:focus {{ border: 2px solid {FOCUS}; }}
QTableView::item {{ padding: 4px 10px; }}
QTableView::item:selected:!active {{ background: {ACCENT_SOFT}; color: {INK}; }}
QHeaderView::section {{ background: #e9ecef; color: {INK}; padding: 6px 10px; border: none;
    border-right: 1px solid #d5d9dd; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid {LINE}; border-radius: 6px; background: {SURFACE}; }}
QTabBar::tab {{ padding: 8px 20px; background: #e9ecef; border: 1px solid {LINE};
    border-bottom: none; border-top-left-radius: 6px; border-top-right-radius: 6px; }}
QTabBar::tab:selected {{ background: {SURFACE}; font-weight: 600; }}
QTabBar::tab:focus {{ border: 2px solid {FOCUS}; border-bottom: none; }}
QComboBox QAbstractItemView, QListView, QListWidget {{ selection-background-color: {ACCENT};
    selection-color: white; }}
QComboBox QAbstractItemView::item:selected, QListView::item:selected {{
    background: {ACCENT}; color: white; }}
QCheckBox, QRadioButton {{ spacing: 10px; min-height: 28px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 22px; height: 22px; }}
QCheckBox:focus, QRadioButton:focus {{ outline: 2px solid {FOCUS}; }}
QProgressBar {{ border: 1px solid {LINE}; border-radius: 6px; background: {SURFACE};
    min-height: 14px; max-height: 14px; text-align: center; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 5px; }}
"""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of '#rrggbb' (or '#rgb')."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two colours, 1.0 to 21.0."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def app_font(point_size: int = BASE_POINT_SIZE) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "Arial"])
    font.setPointSize(point_size)
    return font


def apply_theme(app: QApplication) -> None:
    """Set the base font (>= 12 pt, at the text size), a light high-contrast palette and the
    stylesheet (ui.appearance: text size, high contrast)."""
    app.setStyle("Fusion")
    app.setFont(app_font(scaled(BASE_POINT_SIZE)))
    palette = app.palette()
    for role, value in ((QPalette.ColorRole.Window, BACKGROUND),
                        (QPalette.ColorRole.WindowText, INK), (QPalette.ColorRole.Base, SURFACE),
                        (QPalette.ColorRole.Text, INK), (QPalette.ColorRole.Button, SURFACE),
                        (QPalette.ColorRole.ButtonText, INK),
                        (QPalette.ColorRole.Highlight, ACCENT),
                        (QPalette.ColorRole.HighlightedText, "#ffffff"),
                        (QPalette.ColorRole.PlaceholderText, MUTED)):
        palette.setColor(role, QColor(colour(value)))
    app.setPalette(palette)
    app.setStyleSheet(adapt(STYLESHEET))


def restyle_application(text_scale: int, contrast: str) -> bool:
    """Set the text size and contrast (ui.appearance) and, when either changed, apply the
    theme again; True when it did."""
    from ui.appearance import clamp_scale, current_contrast, set_contrast, set_text_scale
    from ui.appearance import text_scale as now

    if (clamp_scale(text_scale), contrast) == (now(), current_contrast()):
        return False
    set_text_scale(text_scale)
    set_contrast(contrast)
    reapply_theme()
    return True


def reapply_theme() -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app)
