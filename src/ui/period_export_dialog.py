"""Export over a period: the management report (PDF) or pseudonymised research data (CSV/SPSS).

The work runs off the GUI thread with a progress bar and can be cancelled until the file is
written. The pseudonym key is a secret that links pseudonyms across exports, so the app never
stores it: the dialog asks for it (or makes a new one) and explains why.
"""

from __future__ import annotations

import secrets
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.export_jobs import (
    SUFFIXES,
    ExportCancelled,
    ExportError,
    PeriodRequest,
    check_period_request,
    write_period_export,
)
from ui.dialog_parts import (
    add_fields,
    column,
    dialog_button,
    heading_label,
    hint_label,
    side_by_side,
)
from ui.export_dialog import add_kind_buttons, ask_save_path, error_text, show_status
from ui.i18n_qt import tr
from ui.workers import BackgroundOp

if TYPE_CHECKING:
    from export.inputs import Letterhead
    from storage.store import Store

KINDS = ("management", "csv", "spss")
ALL_FORMS = ""


class _ProgressBridge(QObject):
    """Carries progress from the worker thread to the GUI thread (a queued signal)."""

    changed = Signal(int, int)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodExportDialog(QDialog):
    """Period export; `exported(kind, path, sessions)` after the file was written and audited."""

    exported = Signal(str, str, int)
    progressed = Signal(int, int)

    def __init__(self, store: Store, forms: list[tuple[str, str]], letterhead: Letterhead,
                 lang: str = "nl", parent: QWidget | None = None, *,
                 today: date | None = None, forms_dir: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodExportDialog")
        self.store = store
        # The folder with the user's own forms: their versions make the CSV's stable header.
        self.forms_dir = forms_dir
        self.forms = forms
        self.letterhead = letterhead
        self.lang = lang
        self._op: BackgroundOp | None = None
        self._cancel = threading.Event()
        self._closed = False
        self._bridge = _ProgressBridge(self)
        self._bridge.changed.connect(self._on_progress)
        today = today or date.today()
        self.setWindowTitle(f"Samenspraak — {tr('exportui.period.title', lang)}")
        self.setModal(True)
        self.resize(980, 640)

        heading = heading_label(tr("exportui.period.title", lang))
        intro = hint_label(tr("exportui.period.intro", lang))

        self.kinds = QButtonGroup(self)
        kind_box = QVBoxLayout()
        kind_box.setSpacing(4)
        self.kind_buttons = add_kind_buttons(self.kinds, kind_box, KINDS, lang)
        self.kind_hint = hint_label()
        kind_box.addWidget(self.kind_hint)

        self.form = QComboBox()
        self.form.setObjectName("form")
        self.start = self._date_edit(date(today.year, 1, 1))
        self.end = self._date_edit(today)
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel(tr("exportui.period.until", lang)))
        period.addWidget(self.end)
        period.addStretch(1)

        self.key = QLineEdit()
        self.key.setObjectName("pseudonymKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(tr("exportui.key.placeholder", lang))
        self.show_key = QCheckBox(tr("exportui.key.show", lang))
        self.show_key.toggled.connect(lambda on: self.key.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.new_key_button = QPushButton(tr("exportui.key.new", lang))
        self.new_key_button.setAutoDefault(False)
        self.new_key_button.clicked.connect(self.make_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        key_row.addWidget(self.new_key_button)
        self.key_hint = hint_label(tr("exportui.key.explain", lang, length=16))
        self.key_box = QFrame()
        key_layout = QVBoxLayout(self.key_box)
        key_layout.setContentsMargins(0, 0, 0, 0)
        key_layout.addLayout(key_row)
        key_layout.addWidget(self.key_hint)

        grid = QFormLayout()
        grid.setVerticalSpacing(12)
        grid.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        add_fields(grid, lang, ("exportui.period.kind", kind_box),
                   ("exportui.period.form", self.form), ("exportui.period.period", period))
        self.key_label = QLabel(tr("exportui.key.label", lang))
        grid.addRow(self.key_label, self.key_box)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # the status line says how far it is
        self.progress.setFixedHeight(14)
        self.progress.hide()  # shown once an export runs
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = dialog_button(tr("exportui.period.export", lang), self.save,
                                           primary=True)
        self.cancel_button = dialog_button(tr("exportui.period.cancel", lang), self.cancel)
        self.cancel_button.setEnabled(False)
        self.close_button = dialog_button(tr("exportui.close", lang), self.reject)
        buttons = side_by_side(None, self.export_button, self.cancel_button, self.close_button)
        column(self, (28, 22, 28, 22), 12, heading, intro, grid, None, self.progress, self.status,
               buttons)

        self.kinds.idToggled.connect(lambda _id, checked: checked and self._kind_changed())
        self.kind_buttons["management"].setChecked(True)
        self._kind_changed()

    @staticmethod
    def _date_edit(value: date) -> QDateEdit:
        edit = QDateEdit(_qdate(value))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd-MM-yyyy")
        edit.setMinimumWidth(160)
        return edit

    # ----- choices -----------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return KINDS[max(self.kinds.checkedId(), 0)]

    def choose(self, kind: str, form_id: str | None = None) -> None:
        """Select a kind (and a form), as the user would."""
        self.kind_buttons[kind].setChecked(True)
        if form_id is not None:
            index = self.form.findData(form_id)
            if index >= 0:
                self.form.setCurrentIndex(index)

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))

    def _kind_changed(self) -> None:
        kind, lang = self.kind, self.lang
        research = kind != "management"
        chosen = self.form.currentData()
        self.form.clear()
        if not research:
            self.form.addItem(tr("exportui.period.all_forms", lang), ALL_FORMS)
        for form_id, title in self.forms:
            self.form.addItem(title, form_id)
        index = self.form.findData(chosen) if chosen is not None else -1
        self.form.setCurrentIndex(max(index, 0))
        self.kind_hint.setText(tr(f"exportui.kind.{kind}.hint", lang))
        self.key_label.setVisible(research)
        self.key_box.setVisible(research)
        self.status.clear()

    def make_key(self) -> None:
        """Fill in a new random key and show it, so it can be copied to a safe place."""
        self.key.setText(secrets.token_urlsafe(18))
        self.show_key.setChecked(True)

    def request(self) -> PeriodRequest:
        form_id = self.form.currentData() or None
        key = self.key.text().strip().encode("utf-8") if self.kind != "management" else b""
        return PeriodRequest(kind=self.kind, start=_pydate(self.start.date()),
                             end=_pydate(self.end.date()), form_id=form_id,
                             letterhead=self.letterhead, key=key, lang=self.lang,
                             forms_dir=self.forms_dir)

    # ----- running ----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._op is not None and self._op.running

    def default_file_name(self, request: PeriodRequest) -> str:
        name = tr(f"exportui.file.{request.kind}", self.lang)
        form = f"-{request.form_id}" if request.form_id else ""
        return f"{name}{form}-{request.start}-{request.end}{SUFFIXES[request.kind]}"

    def _checked_request(self) -> PeriodRequest | None:
        """The chosen request, or None (with the reason shown) when it cannot run."""
        request = self.request()
        try:
            check_period_request(request)
        except ExportError as exc:
            self._show("error", error_text(exc, self.lang))
            return None
        return request

    def save(self) -> None:
        """Check the choices, ask for a path, and start the export."""
        if self.busy:
            return
        request = self._checked_request()
        if request is None:
            return
        path = ask_save_path(self, tr("exportui.save_title", self.lang),
                             self.default_file_name(request), self.lang)
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Run the export to `path` in the background with progress; audited on success."""
        request = self._checked_request()
        if request is None:
            return
        store, cancel, bridge = self.store, self._cancel, self._bridge
        cancel.clear()
        last = [-1]

        def progress(done: int, total: int) -> None:
            if cancel.is_set():
                raise ExportCancelled()
            step = max(total // 100, 1)
            if total == 0 or done == total or done - last[0] >= step:
                last[0] = done
                bridge.changed.emit(done, total)

        def work() -> int:
            return write_period_export(store, request, path, progress)

        self._set_busy(True)
        self._show("hint", tr("exportui.period.reading", self.lang))
        self._op = BackgroundOp(work)
        self._op.on_success(lambda count: self._written(request.kind, path, int(count)))
        self._op.on_failure(self._failed)
        self._op.run()

    def cancel(self) -> None:
        """Stop a running export; nothing is written."""
        if self.busy:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self._show("hint", tr("exportui.period.cancelling", self.lang))

    def _on_progress(self, done: int, total: int) -> None:
        if total == 0:
            self.progress.setRange(0, 0)  # busy: reading the store
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self._show("hint", tr("exportui.period.progress", self.lang, done=done, total=total))
        self.progressed.emit(done, total)

    def _written(self, kind: str, path: Path, count: int) -> None:
        if self._closed:
            return
        self._set_busy(False)
        self.progress.setRange(0, max(count, 1))
        self.progress.setValue(max(count, 1))
        self._show("ok", tr("exportui.period.written", self.lang, name=path.name, count=count))
        self.exported.emit(kind, str(path), count)

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self._set_busy(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(exc, ExportCancelled):
            self._show("hint", tr("exportui.period.cancelled", self.lang))
        else:
            self._show("error", error_text(exc, self.lang))

    def _show(self, style: str, text: str) -> None:
        show_status(self.status, style, text)

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self.progress.show()
        for widget in (*self.kind_buttons.values(), self.form, self.start, self.end, self.key,
                       self.new_key_button, self.export_button):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)

    def reject(self) -> None:
        """Closing while an export runs cancels it first."""
        self._cancel.set()
        super().reject()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self._closed = True
        self._cancel.set()
        super().done(result)
