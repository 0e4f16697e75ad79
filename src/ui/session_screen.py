"""The contract between the main window and a session's screen: what every screen a session
opens in emits and offers, the typed factory that builds one from an opened session, and the
placeholder shown when the conversation screens are not part of the build."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n_qt import tr

if TYPE_CHECKING:
    from services.opened_session import OpenedSession
    from ui.settings import SuggestionPreference


class SessionScreen(QWidget):
    """Base of every session screen. `closed`: back to the client; `completed(session id)`;
    `reopened(session id)`: reopened for a correction (the screen is built again, editable);
    `hand_to_client(session id)` and `discuss(session id)`: a self-report's start choice."""

    closed = Signal()
    completed = Signal(str)
    reopened = Signal(str)
    hand_to_client = Signal(str)
    discuss = Signal(str)
    is_discussion = False  # the professional's discussion of a self-report
    screen_key = "screen.session"

    def __init__(self, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_id = session_id

    def shutdown(self) -> None:
        """Save anything still pending and let go of application-wide connections."""

    def use_suggestion_preference(self, preference: SuggestionPreference) -> None:
        """Whether the professional wants the app's suggestion shown (screens that show one
        follow it; the others ignore it)."""

    def focus_regions(self) -> list[QWidget]:
        """The parts F6 moves between, in order, none inside another (default: the screen)."""
        return [self]


class SessionScreenFactory(Protocol):
    """Builds the screen for an opened session (see ui.conversation_factory)."""

    def __call__(self, opened: OpenedSession, lang: str,
                 parent: QWidget | None = None) -> SessionScreen: ...


class SessionPlaceholder(SessionScreen):
    """Shown for a session while the conversation screen is not part of the build."""

    def __init__(self, opened: OpenedSession, lang: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(opened.session_id, parent)
        self.setObjectName("sessionPlaceholder")
        label = QLabel(tr("session.placeholder", lang))
        label.setObjectName("placeholder")
        label.setWordWrap(True)
        back = QPushButton(tr("session.placeholder_back", lang))
        back.setObjectName("primary")
        back.clicked.connect(self.closed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(label)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        back.setFocus()
