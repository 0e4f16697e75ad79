"""The dialog to add a client or change one: name, dates, BSN and the referrer (name, role,
practice), with the typed dates read as dd-mm-jjjj and every problem said in one line."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from ui.dialog_parts import (
    accept_cancel_buttons,
    add_fields,
    dialog_column,
    dialog_form,
    heading_label,
    hint_label,
)
from ui.i18n_qt import tr

if TYPE_CHECKING:
    from storage.records import ClientRecord

DATE_FORMAT = "%d-%m-%Y"
# The store's bounds for a name and for each one-line text about the referrer.
TEXT_MAX = 200


def mask_bsn(bsn: str) -> str:
    """Show only the last three digits: the parent shares the screen."""
    return "•" * max(len(bsn) - 3, 0) + bsn[-3:]


class DateProblem(ValueError):
    """A typed date that is no date: `reason` is 'format', 'month' or 'day'."""

    def __init__(self, reason: str, day: int = 0, month: int = 0, year: int = 0) -> None:
        super().__init__(reason)
        self.reason, self.day, self.month, self.year = reason, day, month, year

    def text(self, field_key: str, lang: str) -> str:
        """The message for the field `field_key` ('birth_date' or 'due_date')."""
        values: dict[str, object] = {"field": tr(f"newclient.field.{field_key}", lang),
                                     "day": self.day, "month": self.month, "year": self.year}
        if self.reason == "day":
            values["month_name"] = tr(f"month.{self.month}", lang)
        return tr(f"newclient.error.date_{self.reason}", lang, **values)


_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def parse_date(text: str) -> date | None:
    """`dd-mm-jjjj` (also with / or .) to a date; empty is None; DateProblem (a ValueError)
    saying what is wrong: not in that form, no such month, or no such day in that month."""
    text = text.strip()
    if not text:
        return None
    for separator in "/.":
        text = text.replace(separator, "-")
    match = _DATE.fullmatch(text)
    if match is None:
        raise DateProblem("format")
    day, month, year = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise DateProblem("month", day, month, year)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem("day", day, month, year) from None


def _line_edit(name: str, limit: int = TEXT_MAX, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(limit)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class ClientDialog(QDialog):
    """A new client (`client` None) or changes to one; `submit(fields)` stores them and returns
    the client's id, then `saved(client_id)`. Changing a client submits only the fields that
    were changed, so a kept date is never held to today's rules again."""

    saved = Signal(str)

    def __init__(
        self,
        lang: str,
        submit: Callable[[dict[str, Any]], str],
        parent: QWidget | None = None,
        *,
        client: ClientRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editClientDialog" if client else "newClientDialog")
        self.lang = lang
        self.submit = submit
        self.client = client
        title = tr("editclient.title" if client else "newclient.title", lang)
        self.setWindowTitle(f"Samenspraak — {title}")
        self.setModal(True)
        self.setMinimumWidth(620)

        date_hint = tr("newclient.date_placeholder", lang)
        self.name = _line_edit("name")
        self.birth_date = _line_edit("birthDate", 10, date_hint)
        self.due_date = _line_edit("dueDate", 10, date_hint)
        self.bsn = _line_edit("bsn", 9)
        self.referrer = _line_edit("referrer", placeholder=tr("newclient.referrer_placeholder",
                                                              lang))
        self.referrer_role = _line_edit("referrerRole",
                                        placeholder=tr("newclient.referrer_role_placeholder",
                                                       lang))
        self.referrer_practice = _line_edit(
            "referrerPractice", placeholder=tr("newclient.referrer_practice_placeholder", lang))
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()

        form = dialog_form(12)
        add_fields(form, lang, ("newclient.name", self.name),
                   ("newclient.birth_date", self.birth_date),
                   ("newclient.due_date", self.due_date), ("newclient.bsn", self.bsn),
                   ("newclient.referrer", self.referrer),
                   ("newclient.referrer_role", self.referrer_role),
                   ("newclient.referrer_practice", self.referrer_practice))
        if client is not None:
            self._show(client)

        hint = hint_label(tr("editclient.hint" if client else "newclient.hint", lang))
        save = tr("editclient.save" if client else "newclient.save", lang)
        buttons, self.save_button = accept_cancel_buttons(self, save, lang)

        layout = dialog_column(self)
        layout.addWidget(heading_label(title))
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def _show(self, client: ClientRecord) -> None:
        """Fill the fields with what is stored; the BSN is not shown (only its last digits, as
        the placeholder): typing one replaces it."""
        self.name.setText(client.name)
        for edit, day in ((self.birth_date, client.birth_date), (self.due_date, client.due_date)):
            edit.setText(day.strftime(DATE_FORMAT) if day else "")
        if client.bsn:
            self.bsn.setPlaceholderText(tr("editclient.bsn_kept", self.lang,
                                           bsn=mask_bsn(client.bsn)))
        self.referrer.setText(client.referrer or "")
        self.referrer_role.setText(client.referrer_role or "")
        self.referrer_practice.setText(client.referrer_practice or "")

    def fields(self) -> dict[str, Any]:
        """The entered values, checked (only the changed ones when changing a client);
        ValueError carries a user-facing message."""
        from storage.bsn import bsn_valid, normalise_bsn

        name = " ".join(self.name.text().split())
        if not name:
            raise ValueError(tr("newclient.error.name", self.lang))
        values: dict[str, Any] = {"name": name}
        for key, edit in (("birth_date", self.birth_date), ("due_date", self.due_date)):
            try:
                values[key] = parse_date(edit.text())
            except DateProblem as problem:
                raise ValueError(problem.text(key, self.lang)) from None
        bsn = self.bsn.text().strip()
        if bsn and not bsn_valid(bsn):
            raise ValueError(tr("newclient.error.bsn", self.lang))
        values["bsn"] = normalise_bsn(bsn) if bsn else None
        for key, edit in (("referrer", self.referrer), ("referrer_role", self.referrer_role),
                          ("referrer_practice", self.referrer_practice)):
            values[key] = " ".join(edit.text().split()) or None
        if self.client is None:
            return values
        if values["bsn"] is None:
            del values["bsn"]  # an empty BSN field keeps the stored one
        return {key: value for key, value in values.items()
                if value != getattr(self.client, key)}

    def accept(self) -> None:
        from storage.errors import StoreError

        try:
            client_id = self.submit(self.fields())
        except ValueError as exc:
            self._show_error(str(exc))
            return
        except StoreError as exc:
            self._show_error(exc.text(self.lang))
            return
        super().accept()
        self.saved.emit(client_id)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
