"""Qt's own dialogs speak the UI language (Qt's `qtbase_nl` translations, switched with the
language) and a save dialog starts in the user's documents folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QPushButton, QWidget

from ui.export_dialog import ask_save_path, documents_folder
from ui.settings import AppSettings
from ui_export_support import SaveDialogStub
from ui_shell_support import make_window


def _texts(dialog: QWidget) -> set[str]:
    return ({label.text() for label in dialog.findChildren(QLabel)}
            | {button.text() for button in dialog.findChildren(QPushButton)})


def _save_dialog(parent: QWidget) -> QFileDialog:
    dialog = QFileDialog(parent)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return dialog


def test_qt_file_dialog_and_standard_buttons_are_dutch_then_english_after_a_switch(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    dialog = _save_dialog(window)
    qtbot.addWidget(dialog)
    texts = _texts(dialog)
    assert {"&Zoeken in:", "Bestands&naam:", "Bestands&type:", "Op&slaan", "Annuleren"} <= texts
    assert not texts & {"&Look in:", "File &name:", "Files of &type:", "&Save", "Cancel"}
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"

    window.apply_settings(AppSettings(**{**window.settings.__dict__, "language": "en"}))
    english = _save_dialog(window)
    qtbot.addWidget(english)
    assert {"&Look in:", "File &name:", "Files of &type:", "Cancel"} <= _texts(english)


def test_the_save_dialog_starts_in_the_documents_folder_with_a_name_without_client_data(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # not where it starts
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    assert documents and documents_folder() == Path(documents)
    stub = SaveDialogStub(monkeypatch, tmp_path / "brief.pdf")
    window = make_window(qtbot, tmp_path)
    assert ask_save_path(window, "Opslaan", "brief-2026-12-01.pdf", "nl") == tmp_path / "brief.pdf"
    (call,) = stub.calls
    assert call[2] == str(Path(documents) / "brief-2026-12-01.pdf")
    assert not call[2].startswith(str(tmp_path))
