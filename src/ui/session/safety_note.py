"""The safety note of a conversation with protected safety questions, for the professional:
a 'ja' quoted with the form's pointer to the Meldcode, or that the questions were not asked
(the professional did not confirm she spoke with the parent alone) or were declined."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from instruments.model import Form
from instruments.result_text import safety_lines
from instruments.safety import SafetyResult
from ui.dialog_parts import column
from ui.session.text import loc, t
from ui.theme import repolish


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel("", parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SafetyNote(QFrame):
    """Hidden while there is nothing to say; `flag` (a property) drives its style."""

    def __init__(self, form: Form, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyNote")
        self.form = form
        self.lang = lang
        layout = column(self, (18, 10, 18, 12), 6)
        self.title = _label(self, "safetyTitle")
        self.title.setText(loc(form.safety.title, lang) if form.safety else "")
        self.lines = _label(self, "safetyLines")
        self.guidance = _label(self, "safetyGuidance")
        self.only_you = _label(self, "hint")
        self.only_you.setText(t("safety.only_you", lang))
        for label in (self.title, self.lines, self.guidance, self.only_you):
            layout.addWidget(label)
        self.setVisible(False)

    def show_result(self, safety: SafetyResult | None) -> None:
        lines = safety_lines(self.form, safety, self.lang) if safety is not None else []
        self.lines.setText("\n".join(lines))
        flagged = bool(safety is not None and safety.flag)
        self.guidance.setText(loc(self.form.safety.guidance, self.lang)
                              if flagged and self.form.safety else "")
        self.guidance.setVisible(flagged)
        if self.property("flag") != flagged:
            self.setProperty("flag", flagged)
            repolish(self)
        self.setVisible(bool(lines))

    def texts(self) -> list[str]:
        return [label.text() for label in (self.title, self.lines, self.guidance, self.only_you)
                if label.text()]
