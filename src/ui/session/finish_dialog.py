"""The confirmation before a session is completed: what is still open (domains not answered,
decisions not recorded, consent not recorded for the referrer and the record) and a second,
explicit action to complete. The safe choice ('back') is the default: a stray Enter or Space
goes back; without the professional's decision the complete button stays out of use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from services.completion_check import CompletionCheck
from ui.dialog_parts import dialog_column, heading_label, side_by_side
from ui.session.text import loc, t


def missing_lines(check: CompletionCheck, outcome_names: dict[tuple[str, str | None], str],
                  lang: str) -> list[str]:
    """What is still open, one line each (empty: nothing)."""
    lines = []
    if check.unanswered:
        lines.append(t("finish.unanswered", lang,
                       domains=", ".join(loc(d.title, lang) for d in check.unanswered)))
    if check.declined:
        lines.append(t("finish.declined", lang,
                       domains=", ".join(loc(d.title, lang) for d in check.declined)))
    if check.undecided:
        lines.append(t("finish.undecided", lang, outcomes=", ".join(
            outcome_names.get(key, key[0]) for key in check.undecided)))
    if check.no_referrer_consent:
        lines.append(t("finish.no_referrer_consent", lang))
    if check.no_record_consent:
        lines.append(t("finish.no_record_consent", lang))
    if check.no_referral_consent:
        lines.append(t("finish.no_referral_consent", lang))
    return lines


class Completable(Protocol):
    """A session's use case that can say what is still open (conversation or discussion)."""

    def completion_check(self) -> CompletionCheck: ...


class FinishDialog(QDialog):
    """Asks before completing; `confirmed` only from the explicit complete button."""

    confirmed = Signal()

    def __init__(self, check: CompletionCheck,
                 outcome_names: dict[tuple[str, str | None], str], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finishDialog")
        self.setWindowTitle(t("finish.title", lang))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.check = check
        heading = heading_label(t("finish.title", lang), self)
        self.missing = QLabel(self)
        self.missing.setObjectName("finishMissing")
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        lines = missing_lines(check, outcome_names, lang)
        self.missing.setText(
            t("finish.missing", lang) + "\n" + "\n".join(f"• {line}" for line in lines)
            if lines else t("finish.nothing_missing", lang))
        self.explain = QLabel(t("finish.explain", lang) if check.may_complete
                              else t("finish.refused", lang), self)
        self.explain.setObjectName("finishExplain")
        self.explain.setWordWrap(True)
        self.back_button = QPushButton(t("finish.back", lang), self)
        self.back_button.setObjectName("primary")
        self.back_button.setDefault(True)  # Enter goes back, never completes
        self.back_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton(t("finish.confirm", lang), self)
        self.confirm_button.setObjectName("finishConfirm")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setDefault(False)
        self.confirm_button.setEnabled(check.may_complete)
        self.confirm_button.clicked.connect(self._confirm)
        layout = dialog_column(self)
        layout.addWidget(heading)
        layout.addWidget(self.missing)
        layout.addWidget(self.explain)
        layout.addLayout(side_by_side(self.back_button, None, self.confirm_button))
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _confirm(self) -> None:
        if not self.check.may_complete:  # refused: a decision is missing
            return
        self.confirmed.emit()
        self.accept()


def ask_to_complete(parent: QWidget, controller: Completable, lang: str,
                    outcome_name: Callable[[tuple[str, str | None]], str],
                    on_confirmed: Callable[[], object]) -> FinishDialog:
    """Open the confirmation over `parent` (not blocking); `on_confirmed` runs only after the
    explicit second action. The dialog is deleted once closed."""
    check = controller.completion_check()
    names = {key: outcome_name(key) for key in check.undecided}
    dialog = FinishDialog(check, names, lang, parent)
    dialog.confirmed.connect(on_confirmed)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog
