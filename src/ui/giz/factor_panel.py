"""The factor panel: one factor of the triangle opened, with its pictogram and side, and its
questions (status, nature, severity, urgency, strength, actions) with conditions applied live."""

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
from services.conversation import SessionController
from ui.dialog_parts import column
from ui.giz.pictograms import pictogram_pixmap
from ui.giz.text import g
from ui.session.domain_page import DomainPage, ItemRow
from ui.session.page_parts import SessionPart


class FactorPanel(QFrame, SessionPart):
    """Shows the opened factor; factor pages are built when first opened and then kept."""

    chosen = Signal(str, object)  # item id, proposed value
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
            page.set_read_only(self._read_only)
            self.stack.addWidget(page)
            self.pages[domain.id] = page
            self.rows.update(page.rows)
        return page

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
