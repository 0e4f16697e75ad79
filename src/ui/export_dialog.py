"""Export one session: letter to the referrer, JGZ record report, FHIR or BDS JSON.

The dialog shows what will leave the store before it does (the letter's text, the report's
contents, the JSON itself), refuses a letter visibly when no active consent exists, asks where
to save, and writes the file atomically off the GUI thread; the export is audited.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.export_jobs import (
    SESSION_KINDS,
    SUFFIXES,
    ExportError,
)
from ui.dialog_parts import column, dialog_button, heading_label, hint_label, side_by_side
from ui.i18n_qt import tr
from ui.pdf_view import PdfPagesView
from ui.theme import repolish
from ui.workers import BackgroundOp

if TYPE_CHECKING:
    from services.changes import Changes
    from services.export_jobs import SessionExport, SessionExporter

# The letter's pages in the preview: about 540 pixels wide, within the width beside the options.
LETTER_PREVIEW_SCALE = 0.9

FILTERS = {".pdf": "PDF (*.pdf)", ".json": "JSON (*.json)", ".csv": "CSV (*.csv)",
           ".sav": "SPSS (*.sav)"}


def ask_save_path(parent: QWidget, title: str, file_name: str, lang: str) -> Path | None:
    """A save dialog (Qt's own, so it behaves the same everywhere); None when cancelled."""
    suffix = Path(file_name).suffix
    start = str(documents_folder() / file_name)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, start, FILTERS.get(suffix, "*"),
        options=QFileDialog.Option.DontUseNativeDialog)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(suffix)


def documents_folder() -> Path:
    """Where a save dialog starts: the user's documents folder (else the home folder), never
    the folder the app happened to be started from."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def error_text(exc: BaseException, lang: str) -> str:
    """One clear Dutch (or English) line for a failed export; never a traceback."""
    from export.refusals import LetterRefused

    if isinstance(exc, LetterRefused):
        return exc.text(lang)
    if isinstance(exc, ExportError):
        return tr(exc.key, lang, **exc.values)
    if isinstance(exc, OSError):
        return tr("exportui.error.write", lang)
    return tr("exportui.error.other", lang)


def add_kind_buttons(group: QButtonGroup, box: QVBoxLayout, kinds: tuple[str, ...],
                     lang: str) -> dict[str, QRadioButton]:
    """One radio button per export kind, numbered in `group` by its place in `kinds`."""
    buttons: dict[str, QRadioButton] = {}
    for number, kind in enumerate(kinds):
        button = QRadioButton(tr(f"exportui.kind.{kind}", lang))
        button.setObjectName(f"kind_{kind}")
        group.addButton(button, number)
        buttons[kind] = button
        box.addWidget(button)
    return buttons


def show_status(label: QLabel, style: str, text: str) -> None:
    """Put `text` in a status line styled as `style` (hint / ok / error)."""
    label.setObjectName(style)
    repolish(label)
    label.setText(text)


class ExportDialog(QDialog):
    """Per-session export; `exported(kind, path)` after a file was written and audited, then
    `changed(Changes)` with what the export changed in the store."""

    exported = Signal(str, str)
    changed = Signal(object)

    def __init__(self, exporter: SessionExporter, lang: str = "nl",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.exporter = exporter
        self.lang = lang
        self.data: SessionExport = exporter.data
        self._op: BackgroundOp | None = None
        self._closed = False
        # Why the letter to the chosen recipient cannot be made (None: it can), and its PDF.
        self.letter_refusal: str | None = None
        self.letter_pdf: bytes | None = None
        self.setWindowTitle(f"Samenspraak — {tr('exportui.session.title', lang)}")
        self.setModal(True)
        self.resize(1120, 660)

        heading = heading_label(tr("exportui.session.title", lang))
        self.about = hint_label(self._about_text())

        self.kinds = QButtonGroup(self)
        options = QVBoxLayout()
        options.setSpacing(6)
        kind_label = QLabel(tr("exportui.session.what", lang))
        kind_label.setStyleSheet("font-weight: 600;")
        options.addWidget(kind_label)
        self.kind_buttons = add_kind_buttons(self.kinds, options, SESSION_KINDS, lang)
        self.kind_hint = hint_label()
        options.addSpacing(6)
        options.addWidget(self.kind_hint)

        self.recipient_label = QLabel(tr("exportui.letter.recipient", lang))
        self.recipient = QComboBox()
        self.recipient.setObjectName("recipient")
        for name in self.data.recipients:
            self.recipient.addItem(self.data.recipient_label(name), name)
        self.refusal = QLabel(tr("exportui.letter.refused", lang))
        self.refusal.setObjectName("banner")
        self.refusal.setWordWrap(True)
        options.addSpacing(6)
        options.addWidget(self.recipient_label)
        options.addWidget(self.recipient)
        options.addWidget(self.refusal)
        options.addStretch(1)

        self.preview_label = QLabel()
        self.preview_label.setStyleSheet("font-weight: 600;")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.pages = PdfPagesView()
        self.previews = QStackedWidget()
        self.previews.addWidget(self.preview)
        self.previews.addWidget(self.pages)
        preview_box = QVBoxLayout()
        preview_box.addWidget(self.preview_label)
        preview_box.addWidget(self.previews, 1)

        left = QWidget()
        left.setLayout(options)
        left.setFixedWidth(400)
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(left)
        body.addLayout(preview_box, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()
        self.save_button = dialog_button(tr("exportui.save", lang), self.save, primary=True)
        self.close_button = dialog_button(tr("exportui.close", lang), self.reject)
        bottom = side_by_side((self.status, 1), self.progress, self.save_button, self.close_button)
        column(self, (28, 22, 28, 22), 12, heading, self.about, (body, 1), bottom)

        self.kinds.idToggled.connect(lambda _id, checked: checked and self._kind_changed())
        self.recipient.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.kind_buttons["letter" if self.data.recipients else "report"].setChecked(True)
        self._kind_changed()

    # ----- state -------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return SESSION_KINDS[max(self.kinds.checkedId(), 0)]

    def choose(self, kind: str) -> None:
        """Select an export kind (as a click on its radio button would)."""
        self.kind_buttons[kind].setChecked(True)

    @property
    def letter_refused(self) -> bool:
        return self.kind == "letter" and (not self.data.recipients
                                          or self.letter_refusal is not None)

    def _about_text(self) -> str:
        from export.letter import client_identification
        from export.summary import session_date_text
        from instruments.model import localize

        session = self.data.session
        form = session.form
        parts = [client_identification(self.data.client, self.lang),
                 f"{localize(form.title, self.lang)} "
                 f"({tr('export.version', self.lang)} {form.version})",
                 session_date_text(session)]
        if session.state != "completed":
            parts.append(tr("exportui.session.draft", self.lang))
        return "   ·   ".join(p for p in parts if p)

    def _kind_changed(self) -> None:
        kind, lang = self.kind, self.lang
        letter = kind == "letter"
        self.kind_hint.setText(tr(f"exportui.kind.{kind}.hint", lang))
        self.recipient_label.setVisible(letter and bool(self.data.recipients))
        self.recipient.setVisible(letter and bool(self.data.recipients))
        self.status.clear()
        self.preview_label.setText(tr(f"exportui.preview.{kind}", lang))
        if letter:
            self._preview_letter()
            if self.letter_refused:
                self.preview_label.setText(tr("exportui.preview.no_letter", lang))
        else:
            self.previews.setCurrentWidget(self.preview)
            self.preview.setPlainText(self._preview_text(kind))
        self.refusal.setVisible(self.letter_refused)
        self.save_button.setEnabled(not self.letter_refused and not self._busy)

    def _preview_letter(self) -> None:
        """The letter's real pages (the PDF that saving writes), or why there is none."""
        lang = self.lang
        self.letter_refusal, self.letter_pdf = None, None
        self.refusal.setText(tr("exportui.letter.refused", lang))
        if not self.data.recipients:
            self.pages.show_pdf(None)
            self.previews.setCurrentWidget(self.preview)
            self.preview.setPlainText(tr("exportui.letter.refused_preview", lang))
            return
        try:
            pdf = self.exporter.document("letter", recipient=self.recipient.currentData(),
                                         lang=lang)
        except ExportError as exc:  # a refused letter (LetterRefused, via the registry)
            self.letter_refusal = error_text(exc, lang)
            self.refusal.setText(self.letter_refusal)
            self.pages.show_pdf(None)
            self.previews.setCurrentWidget(self.preview)
            self.preview.setPlainText(self.letter_refusal)
            return
        self.letter_pdf = pdf
        self.pages.show_pdf(pdf, LETTER_PREVIEW_SCALE)
        self.previews.setCurrentWidget(self.pages)

    def _preview_text(self, kind: str) -> str:
        lang = self.lang
        if kind == "report":
            return self._report_outline()
        return self.exporter.document(kind, lang=lang).decode("utf-8")

    def _report_outline(self) -> str:
        from export.letter import client_identification
        from export.summary import level_label, outcome_def
        from instruments.model import localize
        from ui.client_page import mask_bsn

        lang, session, client = self.lang, self.data.session, self.data.client
        form = session.form
        lines = [tr("exportui.report.client", lang,
                    client=client_identification(client, lang))]
        if client.bsn:
            lines.append(tr("exportui.report.bsn", lang, bsn=mask_bsn(client.bsn)))
        lines += [
            tr("exportui.report.form", lang, form=localize(form.title, lang),
               version=form.version, hash=session.loaded.content_hash[:12]),
            tr("exportui.report.answers", lang, count=len(session.visible)),
            tr("exportui.report.domains", lang, count=len(form.counted_domains())),
        ]
        for decision in session.decisions:
            definition = outcome_def(form, decision.outcome_id)
            if definition is None or decision.scope is not None:
                continue
            lines.append(tr("exportui.report.decision", lang,
                            outcome=localize(definition.title, lang),
                            decided=level_label(definition, decision.decided, lang),
                            suggested=level_label(definition, decision.suggested, lang)
                            if decision.had_suggestion
                            else tr("exportui.report.no_suggestion", lang)))
        if session.notes.strip():
            lines.append(tr("exportui.report.notes", lang))
        lines += ["", tr("exportui.report.every_page", lang),
                  tr("exportui.report.hidden", lang)]
        return "\n".join(lines) + "\n"

    # ----- saving -----------------------------------------------------------------------------

    @property
    def _busy(self) -> bool:
        return self._op is not None and self._op.running

    def default_file_name(self) -> str:
        """A file name without client data (file names end up in folder listings)."""
        session = self.data.session
        when = session.when.strftime("%Y-%m-%d") if session.when else "gesprek"
        return f"{tr(f'exportui.file.{self.kind}', self.lang)}-{when}{SUFFIXES[self.kind]}"

    def save(self) -> None:
        """Ask for a path and write the chosen export there."""
        if self._busy:
            return
        if self.letter_refused:
            self._show_error(self.letter_refusal or tr("exportui.error.no_consent", self.lang))
            return
        path = ask_save_path(self, tr("exportui.save_title", self.lang),
                             self.default_file_name(), self.lang)
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the chosen export to `path` in the background; audited on success."""
        if self.letter_refused:
            self._show_error(self.letter_refusal or tr("exportui.error.no_consent", self.lang))
            return
        kind, lang, exporter = self.kind, self.lang, self.exporter
        recipient = self.recipient.currentData() if kind == "letter" else None

        def work() -> Changes:
            return exporter.write(kind, path, recipient=recipient, lang=lang)

        self._set_busy(True)
        show_status(self.status, "hint", tr("exportui.busy", lang))
        self._op = BackgroundOp(work)
        self._op.on_success(lambda changes: self._written(kind, str(path), changes))
        self._op.on_failure(self._failed)
        self._op.run()

    def _written(self, kind: str, path: str, changes: object) -> None:
        if self._closed:
            return
        self._set_busy(False)
        show_status(self.status, "ok", tr("exportui.written", self.lang, name=Path(path).name))
        self.exported.emit(kind, path)
        self.changed.emit(changes)

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self._set_busy(False)
        self._show_error(error_text(exc, self.lang))

    def _show_error(self, text: str) -> None:
        show_status(self.status, "error", text)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in self.kind_buttons.values():
            button.setEnabled(not busy)
        self.recipient.setEnabled(not busy)
        self.save_button.setEnabled(not busy and not self.letter_refused)

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self._closed = True
        super().done(result)
