"""'Ieders eigen kijk': in a multidisciplinary GIZ factor, each named participant's own view on
how the factor is going (a status and a short note), shown apart from the shared conclusion.
The box only proposes a view (`view_chosen`); it shows it as saved when the view says so."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from instruments.answers import AnswerValue
from instruments.model import Form, Item, localize
from instruments.participant_views import NOTE_MAX, ParticipantView
from ui.dialog_parts import column
from ui.giz.text import g
from ui.session.page_parts import show_state


class _ViewRow:
    """One participant's line: the name, the status chooser, the note and a saved state."""

    def __init__(self, box: ParticipantViewsBox, grid: QGridLayout, line: int, name: str,
                 options: list[tuple[AnswerValue, str]]) -> None:
        lang = box.lang
        self.name = name
        self.label = QLabel(name, box)
        self.label.setObjectName("viewName")
        self.label.setWordWrap(True)
        self.choice = QComboBox(box)
        self.choice.setObjectName("viewChoice")
        self.choice.setAccessibleName(g("views.choice_name", lang, name=name))
        self.choice.addItem(g("views.none", lang), None)
        for value, label in options:
            self.choice.addItem(label, value)
        self.label.setBuddy(self.choice)
        self.note = QLineEdit(box)
        self.note.setObjectName("viewNote")
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(g("views.note_placeholder", lang))
        self.note.setAccessibleName(g("views.note_name", lang, name=name))
        self.state = QLabel("", box)
        self.state.setObjectName("itemStatus")
        self.state.setProperty("state", "")
        grid.addWidget(self.label, 2 * line, 0)
        grid.addWidget(self.choice, 2 * line, 1)
        grid.addWidget(self.state, 2 * line, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.note, 2 * line + 1, 0, 1, 3)
        self.choice.activated.connect(lambda _i: box.propose(self))
        self.note.editingFinished.connect(lambda: box.propose(self, note_only=True))

    def value(self) -> AnswerValue | None:
        data = self.choice.currentData()
        return None if data is None else data

    def show(self, view: ParticipantView | None) -> None:
        index = 0 if view is None else max(0, self.choice.findData(view.value))
        self.choice.setCurrentIndex(index)
        self.note.setText(view.note if view is not None else "")

    def widgets(self) -> list[QWidget]:
        return [self.label, self.choice, self.note, self.state]


class ParticipantViewsBox(QFrame):
    """The views of the named participants on one item. `view_chosen(item id, participant,
    value or None, note)` when someone's view is changed (None takes the view away)."""

    view_chosen = Signal(str, str, object, str)

    def __init__(self, form: Form, item_id: str, item: Item, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantViews")
        self.item_id = item_id
        self.lang = lang
        scale = form.scale(item.scale or "")
        self._options = [(p.value, localize(p.label, lang)) for p in scale.points]
        layout = column(self, (10, 8, 10, 8), 6)
        title = QLabel(g("views.title", lang), self)
        title.setObjectName("viewsTitle")
        help_text = QLabel(g("views.help", lang), self)
        help_text.setObjectName("itemHelp")
        help_text.setWordWrap(True)
        self.nobody = QLabel(g("views.nobody", lang), self)
        self.nobody.setObjectName("itemHelp")
        self.nobody.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(help_text)
        layout.addWidget(self.nobody)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 1)
        layout.addLayout(self.grid)
        self.rows: dict[str, _ViewRow] = {}
        self._read_only = False

    def set_people(self, names: list[str], views: Mapping[str, ParticipantView]) -> None:
        """One line per participant: the named ones, then anyone else who gave a view."""
        wanted = [*names, *(n for n in views if n not in names)]
        if wanted != list(self.rows):
            for row in self.rows.values():
                for widget in row.widgets():
                    self.grid.removeWidget(widget)
                    widget.deleteLater()
            self.rows = {}
            for line, name in enumerate(wanted):
                row = _ViewRow(self, self.grid, line, name, self._options)
                self.rows[name] = row
                self._set_row_read_only(row)
        for name, row in self.rows.items():
            row.show(views.get(name))
            self._set_row_read_only(row)
        self.nobody.setVisible(not self.rows)

    def propose(self, row: _ViewRow, *, note_only: bool = False) -> None:
        if self._read_only:
            return
        value = row.value()
        if note_only and value is None:
            return  # a note alone is no view: it is kept once a status is chosen
        self.view_chosen.emit(self.item_id, row.name, value, row.note.text())

    def show_saved(self, name: str, view: ParticipantView | None) -> None:
        row = self.rows.get(name)
        if row is not None:
            row.show(view)
            self._set_row_read_only(row)
            self._state(row, "saved", g("views.saved", self.lang))

    def show_error(self, name: str, reason: str) -> None:
        row = self.rows.get(name)
        if row is not None:
            self._state(row, "error", g("views.failed", self.lang, reason=reason))

    @staticmethod
    def _state(row: _ViewRow, state: str, text: str) -> None:
        show_state(row.state, state, text)

    def focus_chain(self) -> list[QWidget]:
        """The parts that take the keyboard, in order: per participant the status, the note."""
        return [w for row in self.rows.values() for w in (row.choice, row.note)]

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for row in self.rows.values():
            self._set_row_read_only(row)

    def _set_row_read_only(self, row: _ViewRow) -> None:
        """A completed session: the views can be read, not changed (no invitation to type)."""
        row.choice.setEnabled(not self._read_only)
        row.note.setReadOnly(self._read_only)
        row.note.setPlaceholderText("" if self._read_only
                                    else g("views.note_placeholder", self.lang))
        row.note.setHidden(self._read_only and not row.note.text())  # no empty boxes to read
