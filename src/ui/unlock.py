"""The first screens: create the encrypted store (new passphrase) or unlock it.

The key derivation (Store.create / Store.open) runs in a BackgroundOp with a busy indicator;
the storage package is imported only then, so the first window shows without the database
driver.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.dialog_parts import hint_label
from ui.i18n_qt import tr
from ui.workers import BackgroundOp

if TYPE_CHECKING:
    from storage.store import KdfParams

MIN_LENGTH = 10
MIN_STRENGTH = 2
STRENGTH_KEYS = (
    "create.strength.0",
    "create.strength.1",
    "create.strength.2",
    "create.strength.3",
    "create.strength.4",
)


def passphrase_strength(passphrase: str) -> int:
    """A rough 0..4 strength: estimated bits from length, character variety and repetition."""
    if not passphrase:
        return 0
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(c.isspace() for c in passphrase):
        pool += 1
    if any(not c.isalnum() and not c.isspace() for c in passphrase):
        pool += 32
    distinct = len(set(passphrase))
    effective_length = min(len(passphrase), distinct * 2)
    bits = effective_length * math.log2(max(pool, 2))
    for level, threshold in enumerate((28, 40, 60, 80)):
        if bits < threshold:
            return level
    return 4


def passphrase_acceptable(passphrase: str) -> bool:
    return len(passphrase) >= MIN_LENGTH and passphrase_strength(passphrase) >= MIN_STRENGTH


def describe_store_error(exc: BaseException, lang: str) -> str:
    """A clear one-line message for a failed create/open; never a traceback."""
    name = type(exc).__name__
    if name == "WrongPassphrase":
        return tr("unlock.wrong", lang)
    text = getattr(exc, "text", None)
    detail = text(lang) if callable(text) else str(exc)
    if name == "StoreDamaged":
        return tr("unlock.damaged", lang, detail=detail)
    if name == "StoreExists":
        return tr("create.exists", lang)
    if name == "StoreNotFound":
        return tr("unlock.not_found", lang)
    if callable(text):  # any other StoreError: its own one clear line
        return detail
    if isinstance(exc, OSError):
        return tr("unlock.os_error", lang, detail=exc.strerror or name)
    return tr("unlock.failed", lang, detail=name)


class _Card(QWidget):
    """A centred column with the screen's content, so it reads well on any window size; it
    scrolls where the window is lower than the content (the first start's form at 1024×600),
    instead of making the window taller than the screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = QFrame()
        self.card.setMaximumWidth(620)
        self.body = QVBoxLayout(self.card)
        self.body.setSpacing(14)
        outer = QHBoxLayout()
        outer.addStretch(1)
        outer.addWidget(self.card, 4)
        outer.addStretch(1)
        inner = QWidget()
        page = QVBoxLayout(inner)
        page.addStretch(1)
        page.addLayout(outer)
        page.addStretch(2)
        scroll = QScrollArea(self)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        scroll.viewport().setAutoFillBackground(False)
        inner.setAutoFillBackground(False)  # the page's own background shows through
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll)


class _BusyRow(QWidget):
    """An indeterminate progress bar with a line of text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.label = QLabel()
        self.label.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.hide()


def _password_field(name: str) -> tuple[QLabel, QLineEdit]:
    """A hidden-text field with its label as buddy (the label's text is set on retranslate)."""
    label = QLabel()
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    label.setBuddy(field)
    return label, field


class _PassphraseScreen(_Card):
    """What both passphrase screens share: title, intro, the passphrase, an error line, the
    main button, and the store's key derivation run in the background behind a busy row;
    `opened(store)` on success."""

    opened = Signal(object)

    def __init__(self, folder: Path, lang: str, user: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.lang = lang
        self.user = user
        self.op: BackgroundOp | None = None

        self.title = QLabel()
        self.title.setObjectName("title")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.passphrase_label, self.passphrase = _password_field("passphrase")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.button = QPushButton()
        self.button.setObjectName("primary")
        self.button.clicked.connect(self.submit)
        self.busy = _BusyRow()

    def submit(self) -> None:
        raise NotImplementedError

    def _set_busy(self, busy: bool) -> None:
        raise NotImplementedError

    def _running(self) -> bool:
        return self.op is not None and self.op.running

    def _start(self, job: Callable[[], Any]) -> None:
        """Run `job` (open or create the store) in the background while the screen is busy."""
        self.error.hide()
        self._set_busy(True)
        self.op = BackgroundOp(job, self)
        self.op.on_success(self._opened).on_failure(self._failed).run()

    def _clear(self) -> None:
        """Empty the passphrase field(s)."""
        self.passphrase.clear()

    def _opened(self, store: object) -> None:
        self._set_busy(False)
        self._clear()
        self.opened.emit(store)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(describe_store_error(exc, self.lang))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class UnlockPage(_PassphraseScreen):
    """Asks the passphrase and opens the store; `opened(store)` on success."""

    screen_key = "screen.unlock"

    def __init__(
        self,
        folder: Path,
        lang: str = "nl",
        *,
        user: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(folder, lang, user, parent)
        self.setObjectName("unlockPage")
        self.passphrase.returnPressed.connect(self.submit)
        self.locked_note = hint_label()
        self.locked_note.hide()

        for widget in (self.title, self.locked_note, self.intro, self.passphrase_label,
                       self.passphrase, self.error, self.button, self.busy):
            self.body.addWidget(widget)
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(tr("unlock.title", lang))
        self.intro.setText(tr("unlock.intro", lang))
        self.passphrase_label.setText(tr("unlock.passphrase", lang))
        self.button.setText(tr("unlock.button", lang))
        self.busy.label.setText(tr("unlock.busy", lang))
        self.locked_note.setText(tr("unlock.locked_note", lang))

    def reset(self, *, after_lock: bool = False) -> None:
        self._clear()
        self.error.hide()
        self.locked_note.setVisible(after_lock)
        self._set_busy(False)
        self.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.button.setEnabled(not busy)
        self.busy.setVisible(busy)

    def submit(self) -> None:
        if self._running():
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self._show_error(tr("unlock.empty", self.lang))
            return
        folder, user = self.folder, self.user

        def open_store() -> Any:
            from storage.store import Store

            return Store.open(folder, passphrase, user=user)

        self._start(open_store)

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self.passphrase.setFocus()
        self.passphrase.selectAll()


class CreateStorePage(_PassphraseScreen):
    """First start: choose a passphrase (strength shown, typed twice) and create the store."""

    screen_key = "screen.create"

    def __init__(
        self,
        folder: Path,
        lang: str = "nl",
        *,
        user: str = "",
        kdf: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(folder, lang, user, parent)
        self.setObjectName("createPage")
        self.kdf = kdf

        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_label = QLabel()
        self.strength_label.setObjectName("hint")
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_bar, 1)
        strength_row.addWidget(self.strength_label, 1)
        self.confirm_label, self.confirm = _password_field("confirm")
        self.match_label = QLabel()
        self.match_label.setObjectName("hint")
        self.warning = QLabel()
        self.warning.setObjectName("banner")
        self.warning.setWordWrap(True)

        self.passphrase.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self.passphrase.returnPressed.connect(self.confirm.setFocus)
        self.confirm.returnPressed.connect(self.submit)

        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.passphrase_label)
        self.body.addWidget(self.passphrase)
        self.body.addLayout(strength_row)
        self.body.addWidget(self.confirm_label)
        self.body.addWidget(self.confirm)
        self.body.addWidget(self.match_label)
        self.body.addWidget(self.warning)
        self.body.addWidget(self.error)
        self.body.addWidget(self.button)
        self.body.addWidget(self.busy)
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(tr("create.title", lang))
        self.intro.setText(tr("create.intro", lang, minimum=MIN_LENGTH))
        self.passphrase_label.setText(tr("create.passphrase", lang))
        self.confirm_label.setText(tr("create.confirm", lang))
        self.warning.setText(tr("create.warning", lang))
        self.button.setText(tr("create.button", lang))
        self.busy.label.setText(tr("create.busy", lang))
        self._update()

    def reset(self, *, after_lock: bool = False) -> None:
        self._clear()
        self.error.hide()
        self._set_busy(False)
        self.passphrase.setFocus()

    def _update(self) -> None:
        text = self.passphrase.text()
        level = passphrase_strength(text)
        self.strength_bar.setValue(level)
        self.strength_label.setText(
            tr("create.strength", self.lang, level=tr(STRENGTH_KEYS[level], self.lang))
            if text else tr("create.strength_empty", self.lang)
        )
        confirm = self.confirm.text()
        if not confirm:
            self.match_label.setText("")
        elif confirm == text:
            self.match_label.setText(tr("create.match", self.lang))
        else:
            self.match_label.setText(tr("create.mismatch", self.lang))
        self.button.setEnabled(self._valid())

    def _valid(self) -> bool:
        text = self.passphrase.text()
        return passphrase_acceptable(text) and self.confirm.text() == text

    def _set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.confirm.setEnabled(not busy)
        self.button.setEnabled(not busy and self._valid())
        self.busy.setVisible(busy)

    def submit(self) -> None:
        if self._running():
            return
        text = self.passphrase.text()
        if not passphrase_acceptable(text):
            self._show_error(tr("create.too_weak", self.lang, minimum=MIN_LENGTH))
            self.passphrase.setFocus()
            return
        if self.confirm.text() != text:
            self._show_error(tr("create.mismatch", self.lang))
            self.confirm.setFocus()
            self.confirm.selectAll()
            return
        folder, user, kdf = self.folder, self.user, self.kdf

        def create_store() -> Any:
            from storage.store import Store

            return Store.create(folder, text, user=user, kdf=kdf)

        self._start(create_store)

    def _clear(self) -> None:
        super()._clear()
        self.confirm.clear()
