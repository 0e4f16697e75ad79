"""Handing a self-report to the client: the professional's choice (hand over or discuss), for a
form with protected safety questions her confirmation that the client is alone (saved at once
as the form's gate answer, so it survives a restart; without it those questions are skipped),
and the neutral page the main window shows while the client fills it in herself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from instruments.model import localize
from services.selfreport_flow import SelfReportFlow
from services.session_writer import SaveFailed
from ui.appearance import adapt
from ui.clients import add_shortcut
from ui.dialog_parts import column, side_by_side
from ui.i18n_qt import tr
from ui.session_screen import SessionScreen

if TYPE_CHECKING:
    from services.opened_session import OpenedSession

CHOICE_STYLE = """
QFrame#handoverChoice { background: #ffffff; border: 1px solid #8a949e; border-radius: 10px; }
QPushButton[role="handover"] { font-size: 16pt; font-weight: 600; padding: 16px 24px;
    text-align: left; }
QPushButton[role="handover"]:focus { padding: 15px 23px; }
QPushButton#primary[role="handover"]:focus { padding: 14px 22px; }
"""


def _label(name: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SelfReportStartPage(SessionScreen):
    """For a self-report whose parent part is not done: hand the laptop to the client, or
    discuss it now (her part done on paper, or to go through it together). Emits
    `hand_to_client(session id)`, `discuss(session id)` or `closed`."""

    def __init__(self, opened: OpenedSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(opened.session_id, parent)
        self.setObjectName("selfReportStart")
        self.setStyleSheet(adapt(CHOICE_STYLE))
        form = opened.form
        flow = SelfReportFlow(form, opened.writer.answers)
        self.answered, self.total = flow.answered_count(), len(flow.visible())

        self.back_button = QPushButton(tr("handover.back", lang))
        self.back_button.clicked.connect(self.closed)
        self.title = _label("title")
        self.title.setText(localize(form.title, lang))
        self.intro = _label("subtitle")
        self.intro.setText(tr("handover.intro", lang))
        self.progress = _label("hint")
        self.progress.setText(
            tr("handover.progress", lang, answered=self.answered, total=self.total)
            if self.answered else tr("handover.progress_none", lang))
        self.give_button = QPushButton(tr("handover.give", lang))
        self.give_button.setObjectName("primary")
        self.give_button.clicked.connect(lambda: self.hand_to_client.emit(self.session_id))
        self.discuss_button = QPushButton(tr("handover.discuss", lang))
        self.discuss_button.clicked.connect(lambda: self.discuss.emit(self.session_id))

        add_shortcut(self, QKeySequence(Qt.Key.Key_Escape), self.closed.emit)
        add_shortcut(self, QKeySequence("Alt+Left"), self.closed.emit)

        self.opened = opened
        self.lang = lang
        self.alone_yes: QRadioButton | None = None
        self.alone_no: QRadioButton | None = None
        self.alone_status = _label("hint")
        alone = self._alone_frame(opened, lang)

        # The page scrolls where the screen is too low (the safety gate makes it long).
        content = QWidget()
        content.setObjectName("selfReportStartContent")
        scroller = QScrollArea(self)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroller)
        column(content, (32, 16, 32, 20), 14, side_by_side(self.back_button, None), self.title, self.intro,
               self.progress, *([alone] if alone is not None else []),
               # Side by side, so the page with the safety gate still fits a 600 px screen.
               side_by_side(self._choice(self.give_button, tr("handover.give_hint", lang)),
                            self._choice(self.discuss_button, tr("handover.discuss_hint", lang))),
               None)
        self.setFocusProxy(self.give_button)

    def _alone_frame(self, opened: OpenedSession, lang: str) -> QFrame | None:
        """The gate of the form's safety questions: is she answering alone?"""
        gate = opened.form.safety.gate if opened.form.safety else None
        if gate is None:
            return None
        _domain, item = opened.form.item_index()[gate]
        frame = QFrame()
        frame.setObjectName("handoverChoice")
        question = _label("subtitle", frame)
        question.setText(localize(item.text, lang))
        hint = _label("hint", frame)
        hint.setText(localize(item.help, lang) if item.help else "")
        self.alone_yes = QRadioButton(tr("handover.alone_yes", lang), frame)
        self.alone_no = QRadioButton(tr("handover.alone_no", lang), frame)
        group = QButtonGroup(frame)
        for radio in (self.alone_yes, self.alone_no):
            group.addButton(radio)
        stored = opened.writer.answers.get(gate)
        if stored is True:
            self.alone_yes.setChecked(True)
        elif stored is False:
            self.alone_no.setChecked(True)
        self.alone_yes.toggled.connect(lambda on: on and self._confirm_alone(True))
        self.alone_no.toggled.connect(lambda on: on and self._confirm_alone(False))
        layout = column(frame, (20, 16, 20, 16), 8)
        layout.addWidget(question)
        for radio in (self.alone_yes, self.alone_no):
            layout.addWidget(radio, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(hint)
        layout.addWidget(self.alone_status)
        self.alone_status.setVisible(False)
        return frame

    def _confirm_alone(self, alone: bool) -> None:
        """Save her confirmation as the gate's answer, through the session's write path."""
        gate = self.opened.form.safety.gate if self.opened.form.safety else None
        if gate is None:
            return
        writer = self.opened.writer
        try:
            writer.save_answer(gate, alone, by=writer.professional)
        except SaveFailed as exc:
            self.alone_status.setText(exc.reason(self.lang))
            self.alone_status.setVisible(True)
            return
        self.alone_status.setVisible(False)
        self.total = len(SelfReportFlow(self.opened.form, writer.answers).visible())

    @property
    def confirmed_alone(self) -> bool:
        """Whether the stored gate answer says she is alone."""
        gate = self.opened.form.safety.gate if self.opened.form.safety else None
        return gate is not None and self.opened.writer.answers.get(gate) is True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """Start on the first choice (after the stack has placed focus on the new page)."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self._focus_first)

    def _focus_first(self) -> None:
        if self.isVisible():
            self.give_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choice(self, button: QPushButton, hint: str) -> QFrame:
        button.setProperty("role", "handover")
        button.setAutoDefault(True)  # Enter as well as Space presses the focused choice
        button.setMinimumHeight(64)
        frame = QFrame()
        frame.setObjectName("handoverChoice")
        label = _label("hint", frame)
        label.setText(hint)
        layout = column(frame, (20, 16, 20, 16), 8)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(label)
        return frame


class HandedOutPage(QWidget):
    """What the main window shows while the client fills in a self-report: no client data."""

    screen_key = "screen.handed_out"

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handedOutPage")
        self.title = _label("title", self)
        self.body = _label("placeholder", self)
        layout = column(self, (48, 48, 48, 48), 16)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.title.setText(tr("handout.title", lang))
        self.body.setText(tr("handout.body", lang))
