"""The "new conversation" dialog: choose an instrument and its version from the form catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QWidget,
)

from instruments.result_text import age_range_text
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
    from instruments.loader import FormCatalog, FormProblem, LoadedForm


class NewSessionDialog(QDialog):
    """Lists the forms (newest version preselected); `chosen(LoadedForm)` on accept. With the
    client's age in months, the forms meant for that age come first and the others are one
    click away ('Ook formulieren voor een andere leeftijd')."""

    chosen = Signal(object)

    def __init__(
        self,
        catalog: FormCatalog,
        lang: str = "nl",
        problems: list[FormProblem] | None = None,
        parent: QWidget | None = None,
        age_months: int | None = None,
    ) -> None:
        super().__init__(parent)
        from instruments.model import localize

        self._localize = localize
        self.setObjectName("newSessionDialog")
        self.catalog = catalog
        self.lang = lang
        self.setWindowTitle(f"Samenspraak — {tr('newsession.title', lang)}")
        self.setModal(True)
        self.setMinimumWidth(680)

        self.instrument = QComboBox()
        self.instrument.setObjectName("instrument")
        self.instrument.setAccessibleName(tr("newsession.instrument", lang))
        self._fitting: list[str] = catalog.ids()
        self._other: list[str] = []
        if age_months is not None:
            fits, others = catalog.for_age(age_months)
            self._fitting, self._other = [lf.form.id for lf in fits], [lf.form.id for lf in others]
        self.all_ages = QCheckBox(tr("newsession.other_ages", lang))
        self.all_ages.setObjectName("allAges")
        self.all_ages.setVisible(bool(self._other) and bool(self._fitting))
        self.all_ages.setChecked(not self._fitting)  # nothing fits: show every form
        self.all_ages.toggled.connect(self._fill_instruments)
        self._fill_instruments()
        self.version = QComboBox()
        self.version.setObjectName("version")
        self.description = hint_label()
        self.description.setMinimumHeight(60)
        self.problems = QLabel()
        self.problems.setObjectName("banner")
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(problems))
        if problems:
            self.problems.setText(tr("newsession.problems", lang, count=len(problems)))

        heading = heading_label(tr("newsession.title", lang))
        form = dialog_form(12)
        add_fields(form, lang, ("newsession.instrument", self.instrument),
                   ("newsession.version", self.version))
        form.addRow("", self.all_ages)

        buttons, self.start_button = accept_cancel_buttons(self, tr("newsession.start", lang),
                                                           lang)

        empty = QLabel(tr("newsession.no_forms", lang))
        empty.setObjectName("error")
        empty.setWordWrap(True)
        empty.setVisible(self.instrument.count() == 0)
        self.start_button.setEnabled(self.instrument.count() > 0)

        layout = dialog_column(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.description)
        layout.addWidget(self.problems)
        layout.addWidget(empty)
        layout.addWidget(buttons)

        self.instrument.currentIndexChanged.connect(self._fill_versions)
        self.version.currentIndexChanged.connect(self._describe)
        self._fill_versions()
        self.instrument.setFocus()

    def _fill_instruments(self) -> None:
        """The forms for the client's age, and the others when asked for."""
        current = self.instrument.currentData()
        shown = self._fitting + (self._other if self.all_ages.isChecked() else [])
        self.instrument.blockSignals(True)
        self.instrument.clear()
        for form_id in shown:
            latest = self.catalog.latest(form_id)
            if latest is not None:
                title = self._localize(latest.form.title, self.lang)
                if latest.form.example:  # never mistaken for an official instrument
                    title = tr("newsession.example", self.lang, title=title)
                self.instrument.addItem(title, form_id)
        index = self.instrument.findData(current)
        self.instrument.setCurrentIndex(max(index, 0))
        self.instrument.blockSignals(False)
        if hasattr(self, "version"):
            self._fill_versions()

    def select(self, form_id: str, version: str | None = None) -> None:
        if self.instrument.findData(form_id) < 0 and form_id in self._other:
            self.all_ages.setChecked(True)
        index = self.instrument.findData(form_id)
        if index >= 0:
            self.instrument.setCurrentIndex(index)
        if version is not None:
            v_index = self.version.findData(version)
            if v_index >= 0:
                self.version.setCurrentIndex(v_index)

    def _fill_versions(self) -> None:
        self.version.blockSignals(True)
        self.version.clear()
        form_id = self.instrument.currentData()
        if form_id is not None:
            versions = self.catalog.versions(str(form_id))
            for version in reversed(versions):
                label = version
                if version == versions[-1]:
                    label = tr("newsession.latest", self.lang, version=version)
                self.version.addItem(label, version)
        self.version.blockSignals(False)
        self._describe()

    def selected(self) -> LoadedForm | None:
        form_id, version = self.instrument.currentData(), self.version.currentData()
        if form_id is None or version is None:
            return None
        return self.catalog.get(str(form_id), str(version))

    def _describe(self) -> None:
        loaded = self.selected()
        if loaded is None:
            self.description.setText("")
            return
        form = loaded.form
        text = self._localize(form.description, self.lang)
        domains = len(form.counted_domains())
        summary = tr("newsession.summary", self.lang, domains=domains)
        ages = age_range_text(form.age_range, self.lang)
        if ages:
            summary += "\n" + tr("newsession.ages", self.lang, ages=ages)
        if form.example:
            summary += "\n" + tr("newsession.example_note", self.lang)
        self.description.setText(f"{text}\n{summary}" if text else summary)

    def accept(self) -> None:
        loaded = self.selected()
        if loaded is None:
            return
        super().accept()
        self.chosen.emit(loaded)
