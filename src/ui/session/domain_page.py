"""One domain of the walk: title, description and examples, then its items grouped by step
(who answers), each with its answer editor and its own saved state."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from instruments.answers import AnswerValue
from instruments.model import Domain, Form, Item
from ui.dialog_parts import column
from ui.session.answer_cards import ItemEditor, make_editor
from ui.session.page_parts import add_label, make_scroll_page, show_state
from ui.session.text import loc, t


class ItemRow(QFrame):
    """A question with its editor and a status line that says 'opgeslagen' only after the store
    took the answer, or what went wrong."""

    chosen = Signal(str, object)  # item id, proposed value (None clears)

    def __init__(self, form: Form, item_id: str, item: Item, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemRow")
        self.item_id = item_id
        self.item = item
        self.lang = lang
        layout = column(self, (0, 6, 0, 6), 4)
        head = QHBoxLayout()
        self.question = QLabel(loc(item.text, lang), self)
        self.question.setObjectName("question")
        self.question.setWordWrap(True)
        self.status = QLabel("", self)
        self.status.setObjectName("itemStatus")
        self.status.setProperty("state", "")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.question, 1)
        head.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        if item.help:
            add_label(layout, self, loc(item.help, lang), "itemHelp", wrap=True)
        self.editor: ItemEditor = make_editor(form, item, lang, self)
        self.editor.name_for_screen_readers(loc(item.text, lang))
        self.editor.chosen.connect(lambda value: self.chosen.emit(self.item_id, value))
        problem = getattr(self.editor, "problem", None)
        if problem is not None:  # a number that cannot be saved: said on the row too
            problem.connect(self._show_problem)
        layout.addWidget(self.editor)

    def show_saved(self, value: AnswerValue | None) -> None:
        self.editor.saved(value)
        self._set_status("saved" if value is not None else "",
                         t("item.saved", self.lang) if value is not None else "")

    def show_loaded(self, value: AnswerValue | None) -> None:
        self.editor.set_value(value)
        self._set_status("saved" if value is not None else "",
                         t("item.saved", self.lang) if value is not None else "")

    def show_error(self, message: str) -> None:
        self.editor.refused()
        self._set_status("error", t("item.not_saved", self.lang, reason=message))

    def _show_problem(self, problem: str) -> None:
        """The editor refused what was typed (its own message says why), or it is fine again."""
        if problem:
            self._set_status("error", t("item.not_saved", self.lang,
                                        reason=t("number.invalid", self.lang)))
        else:
            self._set_status("", "")

    def _set_status(self, state: str, text: str) -> None:
        show_state(self.status, state, text)


class StepGroup(QFrame):
    """The items of one step in a domain, under the step's title and who answers it."""

    def __init__(self, title: str, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepGroup")
        layout = column(self, (16, 10, 16, 10), 6)
        self.group_layout = layout
        head = QHBoxLayout()
        label = QLabel(title, self)
        label.setObjectName("stepTitle")
        label.setWordWrap(True)
        badge = QLabel(who, self)
        badge.setObjectName("stepWho")
        head.addWidget(label, 1)
        head.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.rows: list[ItemRow] = []

    def add_row(self, row: ItemRow) -> None:
        self.group_layout.addWidget(row)
        self.rows.append(row)

    def refresh_visible(self) -> None:
        self.setVisible(any(not row.isHidden() for row in self.rows))


class DomainBody(QWidget):
    """A domain's title, description, examples and step groups of item rows."""

    chosen = Signal(str, object)

    def __init__(self, form: Form, domain: Domain, items: list[tuple[str, Item]], lang: str,
                 parent: QWidget | None = None, *, stretch: bool = True,
                 section_of: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageBody")
        self.domain = domain
        layout = QVBoxLayout(self)
        self.body_layout = layout
        layout.setContentsMargins(28, 16, 28, 24)
        layout.setSpacing(12)
        # As a section of another page (the closing page), the title is a section title, left
        # out when it only repeats the page's title.
        title = QLabel(loc(domain.title, lang), self)
        title.setObjectName("domainTitle" if section_of is None else "sectionTitle")
        title.setWordWrap(True)
        title.setVisible(section_of is None or title.text() != section_of)
        layout.addWidget(title)
        if domain.description:
            add_label(layout, self, loc(domain.description, lang), "domainDescription", wrap=True)
        examples = (domain.examples or {}).get(lang) or (domain.examples or {}).get("nl")
        if examples:
            ex = QLabel(t("domain.examples", lang, examples=", ".join(examples)), self)
            ex.setObjectName("domainExamples")
            ex.setWordWrap(True)
            layout.addWidget(ex)
        self.rows: dict[str, ItemRow] = {}
        self.groups: list[StepGroup] = []
        for step in form.steps:
            step_items = [(i, it) for i, it in items if it.step == step.id]
            if not step_items:
                continue
            group = StepGroup(loc(step.title, lang), t(f"who.{step.answered_by.value}", lang),
                              self)
            for item_id, item in step_items:
                row = ItemRow(form, item_id, item, lang, group)
                row.chosen.connect(self.chosen)
                group.add_row(row)
                self.rows[item_id] = row
            layout.addWidget(group)
            self.groups.append(group)
        if stretch:
            layout.addStretch(1)

    def set_visible_items(self, visible: Mapping[str, bool], ids: set[str] | None = None) -> None:
        """Show or hide rows (all rows, or only `ids`) by the visibility map."""
        for item_id, row in self.rows.items():
            if ids is None or item_id in ids:
                row.setHidden(not visible.get(item_id, True))
        for group in self.groups:
            group.refresh_visible()

    def first_editor(self) -> ItemEditor | None:
        for row in self.rows.values():
            if not row.isHidden() and row.editor.isEnabled():
                return row.editor
        return None

    def flush(self) -> None:
        for row in self.rows.values():
            row.editor.flush()

    def set_read_only(self, read_only: bool) -> None:
        for row in self.rows.values():
            row.editor.setEnabled(not read_only)


class DomainPage(QScrollArea):
    """A scrollable page for one domain of the walk."""

    def __init__(self, form: Form, domain: Domain, items: list[tuple[str, Item]], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("domainPage")
        self.domain = domain
        make_scroll_page(self)
        self.body = DomainBody(form, domain, items, lang, self)
        self.rows = self.body.rows
        self.chosen = self.body.chosen
        self.setWidget(self.body)

    def set_visible_items(self, visible: Mapping[str, bool], ids: set[str] | None = None) -> None:
        self.body.set_visible_items(visible, ids)

    def first_editor(self) -> ItemEditor | None:
        return self.body.first_editor()

    def flush(self) -> None:
        self.body.flush()

    def set_read_only(self, read_only: bool) -> None:
        self.body.set_read_only(read_only)
