"""The parts the conversation's scrolling pages are built from: the page and its body, its title
and intro, a titled summary, a status line and the row that completes the session."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal, SignalInstance
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from services.conversation import CompletionRefused, SaveFailed, SessionController
from services.session_writer import ReopenRefused
from ui.session.finish_dialog import FinishDialog, ask_to_complete
from ui.session.reopen_dialog import ReopenDialog, ask_to_reopen
from ui.session.text import t
from ui.theme import repolish


class SessionPart:
    """Mixed into a widget of the conversation's screen: the session it shows and the language
    it speaks."""

    controller: SessionController
    lang: str

    def bind_session(self, name: str, controller: SessionController, lang: str) -> None:
        """Give the widget its style role (`name`), its session and its language."""
        assert isinstance(self, QWidget)
        self.setObjectName(name)
        self.controller = controller
        self.lang = lang


def make_scroll_page(page: QScrollArea) -> None:
    """Let a scroll area carry a page: its body resizes with it, no frame, no focus stop."""
    page.setWidgetResizable(True)
    page.setFrameShape(QFrame.Shape.NoFrame)
    page.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def page_body(page: QScrollArea, margins: tuple[int, int, int, int],
              spacing: int | None = None) -> tuple[QWidget, QVBoxLayout]:
    """Make `page` a scroll page and give it a body (set it with `page.setWidget` once built)."""
    make_scroll_page(page)
    body = QWidget(page)
    body.setObjectName("pageBody")
    layout = QVBoxLayout(body)
    layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    return body, layout


def add_label(layout: QVBoxLayout, parent: QWidget, text: str, name: str, *,
              wrap: bool = False) -> QLabel:
    """A styled label (`name` is its style role) added to `layout`."""
    label = QLabel(text, parent)
    label.setObjectName(name)
    if wrap:
        label.setWordWrap(True)
    layout.addWidget(label)
    return label


def add_page_heading(layout: QVBoxLayout, parent: QWidget, title: str,
                     intro: str | None) -> QLabel:
    """A page's title and, when given, its intro under it; returns the title."""
    heading = add_label(layout, parent, title, "domainTitle")
    if intro is not None:
        add_label(layout, parent, intro, "domainDescription", wrap=True)
    return heading


def summary_label(parent: QWidget) -> QLabel:
    """A plain-text, word-wrapped summary (of decisions, actions, consents)."""
    label = QLabel("", parent)
    label.setObjectName("summary")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def add_summary_section(layout: QVBoxLayout, parent: QWidget, title: str) -> QLabel:
    """A section title with an empty summary under it; returns the summary."""
    add_label(layout, parent, title, "sectionTitle")
    summary = summary_label(parent)
    layout.addWidget(summary)
    return summary


def show_state(label: QLabel, state: str, text: str) -> None:
    """Put `text` in a status label; `state` (saved / error / completed / '') drives its style."""
    label.setText(text)
    if label.property("state") != state:
        label.setProperty("state", state)
        repolish(label)


def set_state(label: QLabel, state: str, text: str) -> None:
    """Show a status line, hidden while it has no text; `state` drives its style."""
    show_state(label, state, text)
    label.setVisible(bool(text))


def status_label(parent: QWidget) -> QLabel:
    """An empty, word-wrapped status line (styled by `set_state`)."""
    label = QLabel("", parent)
    label.setObjectName("itemStatus")
    label.setWordWrap(True)
    return label


def add_finish_row(layout: QVBoxLayout, parent: QWidget,
                   text: str) -> tuple[QPushButton, QLabel]:
    """The button that completes the session with its status line beside it."""
    row = QHBoxLayout()
    finish = QPushButton(text, parent)
    finish.setObjectName("finish")
    finish.setAutoDefault(True)
    status = status_label(parent)
    row.addWidget(finish)
    row.addWidget(status, 1)
    layout.addLayout(row)
    return finish, status


def show_completed(finish: QPushButton, status: QLabel, completed: bool, text: str) -> None:
    """Once completed, say so (`text`) and take the finish button out of use."""
    if completed:
        set_state(status, "saved", text)
    finish.setEnabled(not completed)


def complete_session(controller: SessionController, lang: str,
                     show_error: Callable[[str], None], decision_missing: str) -> bool:
    """Complete the session; when that is refused, show why (`decision_missing` when a needed
    decision is missing, else the store's one line) and return False."""
    try:
        controller.complete()
    except CompletionRefused:
        show_error(decision_missing)
        return False
    except SaveFailed as exc:
        show_error(t("item.not_saved", lang, reason=str(exc)))
        return False
    return True


def add_action_button(layout: QVBoxLayout, parent: QWidget, text: str, name: str,
                      slot: Callable[[], object]) -> QPushButton:
    """A left-aligned button (`name` is its style role) that Enter presses when it has the
    focus and that runs `slot`."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(True)
    button.clicked.connect(slot)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return button


def add_reopen_button(layout: QVBoxLayout, parent: QWidget, text: str) -> QPushButton:
    """The button that reopens a completed session for a correction (hidden until completed)."""
    button = QPushButton(text, parent)
    button.setObjectName("reopenButton")
    button.setAutoDefault(False)
    button.setVisible(False)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return button


def reopen_session(controller: SessionController, reason: str, lang: str,
                   show_error: Callable[[str], None]) -> bool:
    """Reopen the completed session for a correction with `reason`; when that is refused, show
    why and return False."""
    try:
        controller.reopen_for_correction(reason)
    except (ReopenRefused, SaveFailed) as exc:
        show_error(t("reopen.not_done", lang, reason=str(exc)))
        return False
    return True


class CompletingPage(QScrollArea, SessionPart):
    """A scrolling page that completes the session: its finish row with its status line and,
    once completed, the button that reopens it."""

    finish_requested = Signal()
    reopen_requested = Signal()
    finish: QPushButton
    finish_status: QLabel
    reopen_button: QPushButton

    def add_completion(self, layout: QVBoxLayout, body: QWidget, finish_text: str) -> None:
        """Add the finish row and the (hidden) reopen button, wired to the page's requests."""
        self.finish, self.finish_status = add_finish_row(layout, body, finish_text)
        self.finish.clicked.connect(self.finish_requested)
        self.reopen_button = add_reopen_button(layout, body, t("reopen.button", self.lang))
        self.reopen_button.clicked.connect(self.reopen_requested)

    def show_finish_error(self, text: str) -> None:
        set_state(self.finish_status, "error", text)


class CompletesSession:
    """Mixed into a conversation's screen: complete its session after asking first, and reopen
    the completed session for a correction after asking why; a refusal shows on its completing
    page."""

    controller: SessionController
    lang: str
    session_id: str
    reopened: SignalInstance
    reopen_dialog: ReopenDialog | None
    finish_dialog: FinishDialog | None
    _completing: CompletingPage

    def attach_completing_page(self, page: CompletingPage) -> None:
        """Answer `page`'s finish and reopen requests (no dialog open yet)."""
        self._completing = page
        page.finish_requested.connect(self.finish)
        page.reopen_requested.connect(self.reopen)
        self.reopen_dialog = None
        self.finish_dialog = None

    def outcome_names(self) -> Callable[[tuple[str, str | None]], str]:
        """How the confirmation names an undecided outcome (by its key)."""
        raise NotImplementedError

    def flush(self) -> None:
        raise NotImplementedError

    def complete_now(self) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Ask first: the confirmation lists what is open and completes only on its explicit
        second action (`complete_now`)."""
        assert isinstance(self, QWidget)
        self.flush()
        if self.controller.completed:
            return
        self.finish_dialog = ask_to_complete(self, self.controller, self.lang,
                                             self.outcome_names(), self.complete_now)

    def reopen(self) -> None:
        """Reopen the completed session for a correction, after asking why."""
        assert isinstance(self, QWidget)
        if self.controller.completed:
            self.reopen_dialog = ask_to_reopen(self, self.lang, self.reopen_with)

    def reopen_with(self, reason: str) -> None:
        """Reopen with `reason`; the screen is then built again, editable (`reopened`)."""
        if reopen_session(self.controller, reason, self.lang,
                          self._completing.show_finish_error):
            self.reopened.emit(self.session_id)


class ElidedLabel(QLabel):
    """One line that ends in '…' where it does not fit; the full text is its tooltip and its
    accessible description (a screen reader reads it whole)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        width = max(1, self.contentsRect().width())
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                      width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()
