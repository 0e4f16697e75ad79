"""Typed app settings kept in QSettings (never client data), and the settings dialog."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.appearance import CONTRASTS, MAX_SCALE, MIN_SCALE, STEP, clamp_scale
from ui.dialog_parts import (
    accept_cancel_buttons,
    add_fields,
    dialog_column,
    dialog_form,
    heading_label,
    hint_label,
)
from ui.i18n_qt import UI_LANGUAGES, tr
from ui.professional_fields import FIELDS, ProfessionalFields, profile_complete

if TYPE_CHECKING:
    from storage.records import Conductor

# 2: the professional's role, AGB code, BIG number, phone and e-mail (empty when upgrading).
SETTINGS_VERSION = 2
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


@dataclass(frozen=True)
class AppSettings:
    """What the app remembers between runs. Only preferences: no client, no recent lists."""

    organisation: str = ""
    professional: str = ""  # the professional's name
    autolock_minutes: int = 5
    language: str = "nl"
    forms_folder: str = ""
    # Whether the new-session dialog also offers the shipped example forms (not official).
    example_forms: bool = False
    role: str = ""
    agb: str = ""
    big: str = ""
    phone: str = ""
    email: str = ""
    text_scale: int = 100  # percent, 100-150 (Ctrl+plus / Ctrl+minus)
    contrast: str = "system"  # "system", "high" or "normal"

    def normalised(self) -> AppSettings:
        """Values clamped to what the app accepts."""
        language = self.language if self.language in UI_LANGUAGES else "nl"
        minutes = min(max(int(self.autolock_minutes), 1), 120)
        lines = {name: " ".join(str(getattr(self, name)).split())[:200]
                 for name, _label, _placeholder in FIELDS}
        return replace(
            self,
            **lines,
            autolock_minutes=minutes,
            language=language,
            forms_folder=self.forms_folder.strip(),
            text_scale=clamp_scale(self.text_scale),
            contrast=self.contrast if self.contrast in CONTRASTS else "system",
        )

    def form_sources(self) -> tuple[str, bool]:
        """Where forms come from besides the shipped ones: the folder, and the examples."""
        return (self.forms_folder, self.example_forms)

    def profile(self) -> dict[str, str]:
        """The professional's details by settings field (see `ui.professional_fields`)."""
        return {name: str(getattr(self, name)) for name, _label, _placeholder in FIELDS}

    @property
    def profile_complete(self) -> bool:
        """Name, role, organisation and a way to be reached are known."""
        return profile_complete(self.profile())

    def conductor(self) -> Conductor | None:
        """Who holds a conversation started now, as the session records it (None when the
        name is not known: the session then records no one, and its documents say so)."""
        from storage.records import Conductor

        if not self.professional.strip():
            return None
        return Conductor(name=self.professional, role=self.role,
                         organisation=self.organisation, agb=self.agb, big=self.big,
                         phone=self.phone, email=self.email)


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
            if isinstance(default, bool):  # QSettings may give "true"/"false" back as text
                values[field.name] = raw is True or str(raw).strip().lower() == "true"
                continue
            try:
                values[field.name] = type(default)(raw) if raw is not None else default
            except (TypeError, ValueError):
                values[field.name] = default
        return AppSettings(**values).normalised()  # type: ignore[arg-type]

    def suggestion_preference(self, professional: str) -> SuggestionPreference:
        """Whether `professional` asked to see the app's suggestion (remembered here)."""
        return SuggestionPreference(self.qsettings, professional)

    def save(self, settings: AppSettings) -> None:
        settings = settings.normalised()
        self.qsettings.setValue("settings_version", SETTINGS_VERSION)
        for field in fields(AppSettings):
            self.qsettings.setValue(field.name, getattr(settings, field.name))
        self.qsettings.sync()


class SuggestionPreference:
    """Whether one professional wants the app's suggestion shown on the closing page. Kept in
    the app settings per professional (under a hash of the name; off until she asks for it);
    without settings (tests, a first run) it lasts as long as this object."""

    GROUP = "show_suggestion"

    def __init__(self, qsettings: QSettings | None = None, professional: str = "") -> None:
        self.qsettings = qsettings
        digest = hashlib.sha256(professional.strip().casefold().encode("utf-8")).hexdigest()
        self.key = f"{self.GROUP}/{digest[:24]}"
        self._shown = False

    @property
    def shown(self) -> bool:
        if self.qsettings is None:
            return self._shown
        value = self.qsettings.value(self.key, False)
        return value is True or str(value).lower() == "true"

    def set_shown(self, shown: bool) -> None:
        self._shown = shown
        if self.qsettings is not None:
            self.qsettings.setValue(self.key, bool(shown))
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
        self.setMinimumWidth(1180)

        self.about = ProfessionalFields(settings.profile(), lang)
        self.organisation = self.about.edits["organisation"]
        self.professional = self.about.edits["professional"]
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
        self.example_forms = QCheckBox(tr("settings.example_forms", lang))
        self.example_forms.setObjectName("exampleForms")
        self.example_forms.setChecked(settings.example_forms)
        self.example_forms.setToolTip(tr("settings.example_forms_hint", lang))

        heading = heading_label(tr("settings.title", lang))
        about_heading = QLabel(tr("settings.about_you", lang))
        about_heading.setStyleSheet("font-weight: 600;")
        about_hint = hint_label(tr("settings.about_you_hint", lang))
        app_heading = QLabel(tr("settings.app", lang))
        app_heading.setStyleSheet("font-weight: 600;")
        form = dialog_form(14)
        add_fields(form, lang, ("settings.autolock", self.autolock),
                   ("settings.language", self.language),
                   ("settings.text_scale", self.text_scale),
                   ("settings.contrast", self.contrast), ("settings.forms_folder", folder_row))
        form.addRow("", self.example_forms)
        self.forms_folder.setAccessibleName(tr("settings.forms_folder", lang))

        hint = hint_label(tr("settings.privacy_hint", lang))

        buttons, _save = accept_cancel_buttons(self, tr("common.save", lang), lang)

        # Two columns, so the dialog fits a 768-pixel-high screen: about you on the left, the
        # application's own settings on the right.
        left = QVBoxLayout()
        left.setSpacing(10)
        for widget in (about_heading, about_hint, self.about):
            left.addWidget(widget)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(app_heading)
        right.addLayout(form)
        right.addWidget(hint)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = dialog_column(self)
        layout.addWidget(heading)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self._lang = lang
        self.professional.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Once styled (on show), reserve the height the wrapped hints need at this width, so
        no field is squeezed."""
        super().showEvent(event)
        layout = self.layout()
        if layout is not None:
            layout.activate()
            needed = max(layout.totalHeightForWidth(self.width()),
                         layout.totalMinimumSize().height())
            if needed > self.height():
                self.setMinimumHeight(needed)
                self.resize(self.width(), needed)

    def values(self) -> AppSettings:
        return AppSettings(
            **self.about.values(),
            autolock_minutes=self.autolock.value(),
            language=str(self.language.currentData()),
            forms_folder=self.forms_folder.text(),
            example_forms=self.example_forms.isChecked(),
            text_scale=self.text_scale.value(),
            contrast=str(self.contrast.currentData()),
        ).normalised()

    def accept(self) -> None:
        self.accepted_settings.emit(self.values())
        super().accept()

    def _browse(self) -> None:
        from ui.export_dialog import documents_folder

        start = self.forms_folder.text() or str(documents_folder())
        folder = QFileDialog.getExistingDirectory(
            self, tr("settings.forms_folder", self._lang), start,
            QFileDialog.Option.ShowDirsOnly | QFileDialog.Option.DontUseNativeDialog,
        )
        if folder:
            self.forms_folder.setText(folder)
