"""Window-wide keyboard use: Enter clicks the focused button, F6 moves between the page and the
top bar, F1 shows the keyboard map (a small dialog listing every shortcut)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.appearance import STEP
from ui.i18n_qt import tr
from ui.table_fit import fitted, refit

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# (keys as shown, message key of what they do), in the order the map lists them; keys that
# have a name in words ("Spatie") are a message key themselves.
KEYMAP: tuple[tuple[str, str], ...] = (
    ("F1", "keys.help"),
    ("F6", "keys.regions"),
    ("Tab / Shift+Tab", "keys.tab"),
    ("Enter", "keys.enter"),
    ("Esc · Alt+← · Ctrl+W", "keys.leave"),
    ("1 … 9 · 0", "keys.digit"),
    ("← →", "keys.step"),
    ("↑ ↓", "keys.item"),
    ("keys.name.space", "keys.toggle"),
    ("PgDn · Ctrl+→", "keys.next"),
    ("PgUp · Ctrl+←", "keys.back"),
    ("Ctrl+T", "keys.together"),
    ("Ctrl+E", "keys.closing"),
    ("Ctrl++ · Ctrl+−", "keys.text_size"),
    ("Ctrl+L", "keys.lock"),
    ("Ctrl+,", "keys.settings"),
)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterClicksButtons(QObject):
    """Application event filter: Enter (or keypad Enter) on a focused push or tool button
    clicks it, also outside dialogs where Qt leaves Enter to the default button only."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(
                watched, QPushButton | QToolButton):
            return False
        assert isinstance(event, QKeyEvent)
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if (event.key() not in _ENTER or mods != Qt.KeyboardModifier.NoModifier
                or event.isAutoRepeat() or not watched.hasFocus() or not watched.isEnabled()):
            return False
        button: QAbstractButton = watched
        button.click()
        return True


def _focusable(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and widget.focusPolicy() != Qt.FocusPolicy.NoFocus)


def first_focusable(region: QWidget) -> QWidget | None:
    """The first widget inside `region` that can take the focus."""
    candidate = region.nextInFocusChain()
    while candidate is not None and candidate is not region:
        if region.isAncestorOf(candidate) and _focusable(candidate):
            return candidate
        candidate = candidate.nextInFocusChain()
    return None


def region_entry(region: QWidget) -> QWidget | None:
    """Where focus lands on entering `region`: the control focused there last, else the
    first one Tab reaches."""
    last = region.focusWidget()
    if last is not None and last is not region and region.isAncestorOf(last) and \
            last.isVisible() and last.isEnabled():
        return last
    return first_focusable(region)


def cycle_regions(regions: list[QWidget], *, forward: bool = True) -> QWidget | None:
    """Move the focus to the next region (F6) or the previous (Shift+F6); returns the widget
    that got the focus, if any."""
    shown = [r for r in regions if r.isVisible()]
    if not shown:
        return None
    focus = QApplication.focusWidget()
    here = next((i for i, r in enumerate(shown)
                 if focus is not None and (r is focus or r.isAncestorOf(focus))), -1)
    step = 1 if forward else -1
    for offset in range(1, len(shown) + 1):
        region = shown[(here + step * offset) % len(shown)]
        target = region_entry(region)
        if target is not None and target is not focus:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return target
    return None


class KeyboardMapDialog(QDialog):
    """The keyboard map: every shortcut and what it does, in the UI language."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboardMap")
        self.setWindowTitle(tr("keys.title", lang))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("keys.intro", lang), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(KEYMAP), 2, self)
        self.table.setObjectName("keyTable")
        self.table.setAccessibleName(tr("keys.title", lang))
        self.table.setHorizontalHeaderLabels([tr("keys.column_keys", lang),
                                              tr("keys.column_action", lang)])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, key) in enumerate(KEYMAP):
            shown = tr(keys, lang) if keys.startswith("keys.") else keys
            self.table.setItem(row, 0, QTableWidgetItem(shown))
            self.table.setItem(row, 1, QTableWidgetItem(tr(key, lang)))
        fitted(self.table, flexible=1)  # what a key does wraps; no horizontal scroll bar
        self.table.setMinimumSize(620, 420)
        refit(self.table)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("keys.close", lang))
        close.setAccessibleName(tr("keys.close", lang))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.setFocus()

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text())
                for r in range(self.table.rowCount())]


class WindowKeys(QObject):
    """The main window's own keys: F1 (keyboard map), F6 / Shift+F6 (page, the session's
    header, top bar), Ctrl+plus / Ctrl+minus / Ctrl+0 (text size) and Enter on buttons (an
    application event filter while the window lives, installed by the window: ui.app_filters)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.enter = EnterClicksButtons(self)
        self.dialog: QDialog | None = None
        from PySide6.QtGui import QAction, QKeySequence

        bindings: list[tuple[str, Callable[[], object]]] = [
            ("F1", self.show_map), ("F6", lambda: self.cycle(True)),
            ("Shift+F6", lambda: self.cycle(False)),
            ("Ctrl++", lambda: self.text_size(STEP)), ("Ctrl+=", lambda: self.text_size(STEP)),
            ("Ctrl+-", lambda: self.text_size(-STEP)), ("Ctrl+0", lambda: self.text_size(0))]
        for keys, slot in bindings:
            action = QAction(window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            window.addAction(action)

    def regions(self) -> list[QWidget]:
        """What F6 moves between: the page (a session's own parts) and the top bar."""
        window = self._window
        page, session = window.stack.currentWidget(), window.session_page
        parts = session.focus_regions() if session is not None and session is page else [page]
        return [*parts, window.topbar]

    def cycle(self, forward: bool) -> QWidget | None:
        return cycle_regions(self.regions(), forward=forward)

    def text_size(self, step: int) -> None:
        """One step larger or smaller (100-150 %), or back to 100 % (step 0); kept."""
        settings = self._window.settings
        percent = settings.text_scale + step if step else 100
        self._window.apply_settings(replace(settings, text_scale=percent))

    def show_map(self) -> QDialog:
        self.dialog = self._window.open_dialog(KeyboardMapDialog(self._window.lang,
                                                                 self._window))
        return self.dialog

    def shutdown(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.enter)
