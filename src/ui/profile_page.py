"""The first start's first page: who holds the conversations (name, role, organisation, AGB
code and BIG number when there are, phone and e-mail). Shown before the store is created while
the settings do not have these; `given(values)` carries them to the settings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ui.dialog_parts import hint_label
from ui.i18n_qt import tr
from ui.professional_fields import ProfessionalFields
from ui.unlock import _Card


class ProfilePage(_Card):
    """Asks the professional's details; the button stays off until they are complete."""

    screen_key = "screen.profile"
    given = Signal(object)

    def __init__(self, values: dict[str, str], lang: str = "nl",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profilePage")
        self.lang = lang
        self.title = QLabel()
        self.title.setObjectName("title")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.fields = ProfessionalFields(values, lang)
        self.required = hint_label()
        self.button = QPushButton()
        self.button.setObjectName("primary")
        self.button.clicked.connect(self.submit)
        for edit in self.fields.edits.values():
            edit.textChanged.connect(self._update)
            edit.returnPressed.connect(self.submit)
        for widget in (self.title, self.intro, self.fields, self.required, self.button):
            self.body.addWidget(widget)
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(tr("profile.title", lang))
        self.intro.setText(tr("profile.intro", lang))
        self.required.setText(tr("profile.required", lang))
        self.button.setText(tr("profile.button", lang))
        self.fields.retranslate(lang)
        self._update()

    def reset(self, *, after_lock: bool = False) -> None:
        self.fields.edits["professional"].setFocus()

    def _update(self) -> None:
        complete = self.fields.complete()
        self.button.setEnabled(complete)
        self.required.setVisible(not complete)

    def submit(self) -> None:
        if self.fields.complete():
            self.given.emit(self.fields.values())
