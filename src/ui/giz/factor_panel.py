"""The factor panel: one factor of the triangle opened, with its pictogram and side, and its
questions (status, nature, severity, urgency, strength, actions) with conditions applied live;
in a multidisciplinary GIZ each participant's own view comes before the shared conclusion."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from instruments.model import Domain, localize
from instruments.participant_views import ParticipantView
from services.conversation import SessionController
from ui.dialog_parts import column
from ui.giz.participant_views import ParticipantViewsBox
from ui.giz.pictograms import pictogram_pixmap
from ui.giz.text import g
from ui.session.domain_page import DomainPage, ItemRow
from ui.session.page_parts import SessionPart


class FactorPanel(QFrame, SessionPart):
    """Shows the opened factor; factor pages are built when first opened and then kept."""

    chosen = Signal(str, object)  # item id, proposed value
    view_chosen = Signal(str, str, object, str)  # item id, participant, value or None, note
    back_requested = Signal()
    step_requested = Signal(int)  # -1 previous factor, +1 next factor

    def __init__(self, controller: SessionController, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bind_session("factorPanel", controller, lang)
        self.groups = {gr.id: localize(gr.title, lang) for gr in controller.form.groups}
        layout = column(self, (0, 0, 0, 0), 0)
        self.head = QFrame(self)
        self.head.setObjectName("factorHead")
        rows = QVBoxLayout(self.head)
        rows.setContentsMargins(16, 8, 12, 8)
        rows.setSpacing(6)
        head = QHBoxLayout()
        buttons = QHBoxLayout()  # a row of its own: the side's name keeps the whole width
        self.picture = QLabel(self.head)
        self.picture.setObjectName("factorPicture")
        self.picture.setFixedSize(56, 56)
        self.side = QLabel("", self.head)
        self.side.setObjectName("factorSide")
        self.side.setWordWrap(True)
        self.back = self._button("factor.back", self.back_requested.emit)
        self.back.setToolTip(g("factor.back_tip", lang))
        self.previous = self._button("factor.previous", lambda: self.step_requested.emit(-1))
        self.next = self._button("factor.next", lambda: self.step_requested.emit(1))
        head.addWidget(self.picture)
        head.addWidget(self.side, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.previous)
        buttons.addWidget(self.next)
        buttons.addWidget(self.back)
        rows.addLayout(head)
        rows.addLayout(buttons)
        layout.addWidget(self.head)
        self.stack = QStackedWidget(self)
        legend = "   ".join(g(f"state.{state}", lang) for state in ("good", "attention",
                                                                      "concern"))
        self.placeholder = QLabel(f"{g('factor.none', lang)}\n\n{legend}", self.stack)
        self.placeholder.setObjectName("factorNone")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        layout.addWidget(self.stack, 1)
        self.pages: dict[str, DomainPage] = {}
        self.rows: dict[str, ItemRow] = {}
        # The participants' own views, per item that takes them (multidisciplinary forms).
        self.view_boxes: dict[str, ParticipantViewsBox] = {}
        self.people: list[str] = []
        self.current: Domain | None = None
        self._read_only = False
        self.head.setVisible(False)

    def _button(self, key: str, slot: object) -> QPushButton:
        button = QPushButton(g(key, self.lang), self.head)
        button.setObjectName("factorNav")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by Esc and Ctrl+PgUp/PgDn
        button.clicked.connect(slot)
        return button

    def page(self, domain: Domain) -> DomainPage:
        page = self.pages.get(domain.id)
        if page is None:
            c = self.controller
            page = DomainPage(c.form, domain, c.items(domain), self.lang, self.stack)
            page.chosen.connect(self.chosen)
            page.set_visible_items(c.visible_map())
            for item_id, row in page.rows.items():
                row.show_loaded(c.answer(item_id))
            self._add_view_boxes(page)
            page.set_read_only(self._read_only)
            self.stack.addWidget(page)
            self.pages[domain.id] = page
            self.rows.update(page.rows)
        return page

    def _add_view_boxes(self, page: DomainPage) -> None:
        """Put the participants' views right before the shared answer they are about, also
        in the keyboard order."""
        form = self.controller.form
        views = set(form.view_items())
        for group in page.body.groups:
            for row in list(group.rows):
                if row.item_id not in views:
                    continue
                box = ParticipantViewsBox(form, row.item_id, row.item, self.lang, group)
                box.view_chosen.connect(self.view_chosen)
                group.group_layout.insertWidget(group.group_layout.indexOf(row), box)
                self.view_boxes[row.item_id] = box
                box.set_people(self.people, self.controller.views(row.item_id))
                box.set_read_only(self._read_only)
                self._order_tabs(box, row)

    @staticmethod
    def _order_tabs(box: ParticipantViewsBox, row: ItemRow) -> None:
        before = row.editor.previousInFocusChain()
        while before is not row.editor and not before.focusPolicy() & Qt.FocusPolicy.TabFocus:
            before = before.previousInFocusChain()
        chain = [*([before] if before is not row.editor else []), *box.focus_chain(),
                 row.editor]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def set_people(self, names: list[str]) -> None:
        """The participants who give their own view (named for the session)."""
        self.people = list(names)
        for item_id, box in self.view_boxes.items():
            box.set_people(self.people, self.controller.views(item_id))
            row = self.rows.get(item_id)
            if row is not None:
                self._order_tabs(box, row)

    def show_view_saved(self, item_id: str, name: str, view: ParticipantView | None) -> None:
        box = self.view_boxes.get(item_id)
        if box is not None:
            box.show_saved(name, view)

    def show_view_error(self, item_id: str, name: str, reason: str) -> None:
        box = self.view_boxes.get(item_id)
        if box is not None:
            box.show_error(name, reason)

    def show_factor(self, domain: Domain) -> DomainPage:
        if self.current is not None and self.current.id in self.pages:
            self.pages[self.current.id].flush()
        page = self.page(domain)
        self.current = domain
        self.head.setVisible(True)
        title = localize(domain.title, self.lang)
        self.picture.setPixmap(pictogram_pixmap(domain.pictogram, 56, title[:1]))
        self.side.setText(g("factor.side", self.lang, side=self.groups.get(domain.group or "",
                                                                            "")))
        self.stack.setCurrentWidget(page)
        page.verticalScrollBar().setValue(0)
        return page

    def set_visible_items(self, visible: Mapping[str, bool], ids: set[str]) -> None:
        for page in self.pages.values():
            if ids & page.rows.keys():
                page.set_visible_items(visible, ids)

    def flush(self) -> None:
        for page in self.pages.values():
            page.flush()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for page in self.pages.values():
            page.set_read_only(read_only)
        for box in self.view_boxes.values():
            box.set_read_only(read_only)
