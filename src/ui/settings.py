"""Typed app settings kept in QSettings (never client data), and the settings dialog."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ui.appearance import CONTRASTS, MAX_SCALE, MIN_SCALE, STEP, clamp_scale
from ui.dialog_parts import accept_cancel_buttons, dialog_column, dialog_form
from ui.i18n_qt import UI_LANGUAGES, tr

SETTINGS_VERSION = 1
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


@dataclass(frozen=True)
class AppSettings:
    """What the app remembers between runs. Only preferences: no client, no recent lists."""

    organisation: str = ""
    professional: str = ""
    autolock_minutes: int = 5
    language: str = "nl"
    forms_folder: str = ""
    text_scale: int = 100  # percent, 100-150 (Ctrl+plus / Ctrl+minus)
    contrast: str = "system"  # "system", "high" or "normal"

    def normalised(self) -> AppSettings:
        """Values clamped to what the app accepts."""
        language = self.language if self.language in UI_LANGUAGES else "nl"
        minutes = min(max(int(self.autolock_minutes), 1), 120)
        return replace(
            self,
            organisation=self.organisation.strip(),
            professional=self.professional.strip(),
            autolock_minutes=minutes,
            language=language,
            forms_folder=self.forms_folder.strip(),
            text_scale=clamp_scale(self.text_scale),
            contrast=self.contrast if self.contrast in CONTRASTS else "system",
        )


class SettingsStore:
    """Reads and writes AppSettings in a QSettings object (injectable for tests)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings or QSettings("Samenspraak", "Samenspraak")

    def load(self) -> AppSettings:
        defaults = AppSettings()
        values: dict[str, object] = {}
        for field in fields(AppSettings):
            default = getattr(defaults, field.name)
            raw = self.qsettings.value(field.name, default)
            try:
                values[field.name] = type(default)(raw) if raw is not None else default
            except (TypeError, ValueError):
                values[field.name] = default
        return AppSettings(**values).normalised()  # type: ignore[arg-type]

    def save(self, settings: AppSettings) -> None:
        settings = settings.normalised()
        self.qsettings.setValue("settings_version", SETTINGS_VERSION)
        for field in fields(AppSettings):
            self.qsettings.setValue(field.name, getattr(settings, field.name))
        self.qsettings.sync()


class SettingsDialog(QDialog):
    """Edits AppSettings; `accepted_settings` carries the new values."""

    accepted_settings = Signal(object)

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        lang = settings.language
        self.setWindowTitle(f"Samenspraak — {tr('settings.title', lang)}")
        self.setModal(True)
        self.setMinimumWidth(780)

        self.organisation = QLineEdit(settings.organisation)
        self.professional = QLineEdit(settings.professional)
        self.autolock = QSpinBox()
        self.autolock.setRange(1, 120)
        self.autolock.setValue(settings.autolock_minutes)
        self.autolock.setSuffix(" " + tr("settings.minutes", lang))
        self.language = QComboBox()
        for code in UI_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(UI_LANGUAGES.index(settings.language))
        self.text_scale = QSpinBox()
        self.text_scale.setRange(MIN_SCALE, MAX_SCALE)
        self.text_scale.setSingleStep(STEP)
        self.text_scale.setSuffix(" %")
        self.text_scale.setValue(settings.text_scale)
        self.contrast = QComboBox()
        for choice in CONTRASTS:
            self.contrast.addItem(tr(f"settings.contrast.{choice}", lang), choice)
        self.contrast.setCurrentIndex(CONTRASTS.index(settings.contrast))
        self.forms_folder = QLineEdit(settings.forms_folder)
        self.forms_folder.setPlaceholderText(tr("settings.forms_folder_none", lang))
        browse = QPushButton(tr("settings.browse", lang))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.forms_folder, 1)
        folder_row.addWidget(browse)

        heading = QLabel(tr("settings.title", lang))
        heading.setObjectName("subtitle")
        form = dialog_form(14)
        form.addRow(tr("settings.organisation", lang), self.organisation)
        form.addRow(tr("settings.professional", lang), self.professional)
        form.addRow(tr("settings.autolock", lang), self.autolock)
        form.addRow(tr("settings.language", lang), self.language)
        form.addRow(tr("settings.text_scale", lang), self.text_scale)
        form.addRow(tr("settings.contrast", lang), self.contrast)
        form.addRow(tr("settings.forms_folder", lang), folder_row)
        self.forms_folder.setAccessibleName(tr("settings.forms_folder", lang))

        hint = QLabel(tr("settings.privacy_hint", lang))
        hint.setWordWrap(True)
        hint.setObjectName("hint")

        buttons, _save = accept_cancel_buttons(self, tr("common.save", lang), lang)

        layout = dialog_column(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._lang = lang
        self.organisation.setFocus()

    def values(self) -> AppSettings:
        return AppSettings(
            organisation=self.organisation.text(),
            professional=self.professional.text(),
            autolock_minutes=self.autolock.value(),
            language=str(self.language.currentData()),
            forms_folder=self.forms_folder.text(),
            text_scale=self.text_scale.value(),
            contrast=str(self.contrast.currentData()),
        ).normalised()

    def accept(self) -> None:
        self.accepted_settings.emit(self.values())
        super().accept()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("settings.forms_folder", self._lang), self.forms_folder.text()
        )
        if folder:
            self.forms_folder.setText(folder)
