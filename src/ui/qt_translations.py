"""Qt's own texts (file dialogs, standard buttons, context menus) in the UI language: Qt's
translations from PySide6's translations folder (`qtbase_nl`; kept in the bundle by
`packaging/qt_trim.py`), swapped when the language changes. English needs none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# The locale Qt formats numbers and dates with in its own dialogs, per UI language.
LOCALES = {"nl": (QLocale.Language.Dutch, QLocale.Country.Netherlands),
           "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom)}

# Texts of Qt's file dialog that Qt's own Dutch catalog lacks (its Qt 6 wording with an
# accelerator), in the words of the rest of its translation.
MISSING = {"nl": {("QFileDialog", "&Look in:"): "&Zoeken in:",
                  ("QFileDialog", "Files of &type:"): "Bestands&type:"}}

_installed: list[QTranslator] = []


class _Missing(QTranslator):
    """The few Qt texts that Qt's catalog for a language does not have."""

    def __init__(self, texts: dict[tuple[str, str], str], parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._texts = texts

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self._texts

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null text, unlike ""): not translated here, Qt asks the next catalog.
        return self._texts.get((context, source))


def translations_folder() -> Path:
    """Where Qt's .qm files are (PySide6's own folder, also when frozen)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install_qt_translations(lang: str) -> bool:
    """Put Qt's own texts in `lang` (replacing an earlier language); True when a catalog was
    loaded (English: none is needed, Qt's texts are English)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language, country = LOCALES.get(lang, LOCALES["nl"])
    QLocale.setDefault(QLocale(language, country))
    if lang == "en":
        return False
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{lang}", str(translations_folder())):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    if lang in MISSING:
        extra = _Missing(MISSING[lang], app)
        app.installTranslator(extra)
        _installed.append(extra)
    return True
