"""Agreed actions as who does what and when: three fields and a list of agreements. Each
agreement is stored as one text, 'what — who — when', in the item's list of actions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from instruments.answers import AnswerValue
from ui.dialog_parts import column
from ui.giz.text import g
from ui.session.answer_cards import ItemEditor, take_current_row

SEPARATOR = " — "


def agreement_text(what: str, who: str, when: str) -> str:
    """One agreement as stored: 'what — who — when' (the time left out when not given)."""
    parts = [" ".join(p.split()) for p in (what, who, when)]
    return SEPARATOR.join(p for p in parts if p)


class AgreementEditor(ItemEditor):
    """What, who and when; Enter in a field or the add button adds the agreement; Delete on a
    listed agreement or the remove button removes it."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementEditor")
        self.lang = lang
        layout = column(self, (0, 0, 0, 0), 6)
        fields = QHBoxLayout()
        self.what = QLineEdit(self)
        self.what.setObjectName("agreementWhat")
        self.what.setPlaceholderText(g("agreement.what", lang))
        self.who = QComboBox(self)
        self.who.setObjectName("agreementWho")
        self.who.setEditable(True)
        self.who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        who_line = self.who.lineEdit()
        assert who_line is not None  # an editable combo box has a line edit
        who_line.setPlaceholderText(g("agreement.who", lang))
        self.who.setMinimumWidth(200)
        self.when = QLineEdit(self)
        self.when.setObjectName("agreementWhen")
        self.when.setPlaceholderText(g("agreement.when", lang))
        self.add = QPushButton(g("agreement.add", lang), self)
        self.add.setObjectName("addAgreement")
        self.add.clicked.connect(self.add_from_fields)
        fields.addWidget(self.what, 3)
        fields.addWidget(self.who, 2)
        fields.addWidget(self.when, 2)
        fields.addWidget(self.add)
        layout.addLayout(fields)
        self.message = QLabel("", self)
        self.message.setObjectName("itemStatus")
        self.message.setProperty("state", "error")
        self.message.hide()
        layout.addWidget(self.message)
        self.rows = QListWidget(self)
        self.rows.setObjectName("actionRows")
        self.rows.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rows.installEventFilter(self)
        self.remove = QPushButton(g("agreement.remove", lang), self)
        self.remove.setObjectName("removeAgreement")
        self.remove.clicked.connect(self.remove_current)
        row_line = QHBoxLayout()
        row_line.addWidget(self.rows, 1)
        row_line.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row_line)
        for line in (self.what, who_line, self.when):
            line.installEventFilter(self)
        self.setFocusProxy(self.what)
        self.set_people([])
        self._update_rows()

    def set_people(self, names: list[str]) -> None:
        """Who can be chosen: the parents, together, and the named professionals."""
        current = self.who.currentText()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItems([g("agreement.parents", self.lang), g("agreement.together", self.lang),
                           *names])
        self.who.setEditText(current)
        self.who.blockSignals(False)

    def values(self) -> list[str]:
        return [self.rows.item(i).text() for i in range(self.rows.count())]

    def set_value(self, value: AnswerValue | None) -> None:
        self.rows.clear()
        for text in value if isinstance(value, list) else []:
            self.rows.addItem(QListWidgetItem(text))
        self._update_rows()

    def saved(self, value: AnswerValue | None) -> None:
        if self.values() != (value if isinstance(value, list) else []):
            self.set_value(value)

    def _update_rows(self) -> None:
        count = self.rows.count()
        self.rows.setVisible(count > 0)
        self.remove.setVisible(count > 0)
        self.rows.setFixedHeight(min(170, 10 + 32 * max(1, count)))

    def add_from_fields(self) -> None:
        what, who = self.what.text().strip(), self.who.currentText().strip()
        if not what or not who:
            self.message.setText(g("agreement.need_what_who", self.lang))
            self.message.show()
            (self.what if not what else self.who).setFocus()
            return
        self.message.hide()
        self.rows.addItem(QListWidgetItem(agreement_text(what, who, self.when.text())))
        self.what.clear()
        self.when.clear()
        self.who.setEditText("")
        self._update_rows()
        self.what.setFocus()
        self.chosen.emit(self.values())

    def remove_current(self) -> None:
        if not take_current_row(self.rows):
            return
        self._update_rows()
        self.chosen.emit(self.values() or None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if watched is self.rows and event.key() == Qt.Key.Key_Delete:
                self.remove_current()
                return True
            if watched is not self.rows and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and self.what.text().strip():
                self.add_from_fields()
                return True
        return super().eventFilter(watched, event)
