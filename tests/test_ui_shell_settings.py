"""Settings: typed values in QSettings without client data; language switch re-labels."""

from __future__ import annotations

from pathlib import Path

import yaml
from PySide6.QtCore import QSettings

from instruments.paths import resources_dir
from ui.i18n_qt import parse_flat_catalog
from ui.settings import AppSettings, SettingsDialog
from ui_shell_support import create_store, make_window, settings_store


def test_settings_round_trip_through_qsettings_with_defaults(tmp_path: Path) -> None:
    store = settings_store(tmp_path)
    assert store.load() == AppSettings(autolock_minutes=5, language="nl")
    wanted = AppSettings(organisation="GGD Hollands Midden", professional="J. de Wit",
                         autolock_minutes=12, language="en", forms_folder="/srv/forms")
    store.save(wanted)
    reread = settings_store(tmp_path).load()
    assert reread == wanted


def test_out_of_range_settings_are_clamped_when_read(tmp_path: Path) -> None:
    raw = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    raw.setValue("autolock_minutes", "0")
    raw.setValue("language", "fy")
    raw.sync()
    loaded = settings_store(tmp_path).load()
    assert loaded.autolock_minutes == 1
    assert loaded.language == "nl"


def test_settings_dialog_changes_autolock_and_language_and_keeps_no_client_data(
    qtbot, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    client = window.store.add_client("Eva Claessens", referrer="Kraamzorg Noord")
    window.show_client(client.id)
    window.open_settings()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.professional.setText("Jeugdverpleegkundige Kim")
    dialog.autolock.setValue(2)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()

    assert window.autolock.timeout_s == 120
    assert window.windowTitle() == "Samenspraak — Client"
    assert window.topbar.lock_button.text() == "Lock"
    assert window.client_page.tabs.tabText(2) == "Audit trail"
    window.show_clients()
    assert window.list_page.new_button.text() == "New client"

    ini = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "Jeugdverpleegkundige Kim" in ini
    assert "Eva" not in ini and "Claessens" not in ini and "Kraamzorg" not in ini
    assert client.id not in ini


def test_ui_catalogs_read_without_yaml_match_yaml_and_cover_both_languages() -> None:
    folder = resources_dir() / "i18n"
    catalogs = {}
    for lang in ("nl", "en"):
        text = (folder / f"ui.{lang}.yaml").read_text(encoding="utf-8")
        catalogs[lang] = parse_flat_catalog(text)
        assert catalogs[lang] == yaml.safe_load(text)
    assert set(catalogs["nl"]) == set(catalogs["en"])


def test_flat_catalog_reader_refuses_text_it_could_misread() -> None:
    for line in ("key: a: b", "key: 'single'", "key: text # comment", "no key here"):
        try:
            parse_flat_catalog(line)
        except ValueError:
            continue
        raise AssertionError(f"accepted {line!r}")


def test_language_can_be_switched_while_locked_and_relabels_the_unlock_screen(
    qtbot, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    window.lock()
    assert window.unlock_page.button.text() == "Ontgrendelen"
    assert not window.topbar.lock_button.isVisible()
    assert window.topbar.settings_button.isVisible()
    window.apply_settings(AppSettings(language="en"))
    assert window.unlock_page.button.text() == "Unlock"
    assert window.unlock_page.title.text() == "Unlock Samenspraak"
    assert window.windowTitle() == "Samenspraak"
    assert settings_store(tmp_path).load().language == "en"


def test_the_example_forms_setting_reads_back_as_a_yes_or_no_from_the_ini_text(
        tmp_path: Path) -> None:
    raw = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    raw.setValue("example_forms", "false")
    raw.sync()
    assert settings_store(tmp_path).load().example_forms is False
    raw.setValue("example_forms", "true")
    raw.sync()
    assert settings_store(tmp_path).load().example_forms is True
    assert AppSettings().example_forms is False  # off until asked for
