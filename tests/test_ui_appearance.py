"""Text size (100-150 %, Ctrl+plus / Ctrl+minus / Ctrl+0) and the high-contrast theme, on the
real window: the setting is kept, the open conversation is drawn again at the new size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from instruments.loader import load_form_file
from services_support import MINI_FORM
from storage.store import Store
from ui import appearance
from ui.session.view import SessionView
from ui.theme import contrast_ratio
from ui_shell_support import CHEAP_KDF, PASSPHRASE, make_window, settings_store, unlock


@pytest.fixture(autouse=True)
def _default_look() -> Iterator[None]:
    yield
    appearance.set_text_scale(100)
    appearance.set_contrast("system")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        from ui.theme import apply_theme

        apply_theme(app)


def test_adapt_scales_font_sizes_and_swaps_colours_in_high_contrast(
        monkeypatch: pytest.MonkeyPatch) -> None:
    css = "QLabel#a { font-size: 20px; color: #5a6470; } QLabel#b { font-size: 13pt; }"
    appearance.set_text_scale(150)
    appearance.set_contrast("normal")
    assert appearance.adapt(css) == (
        "QLabel#a { font-size: 30px; color: #5a6470; } QLabel#b { font-size: 20pt; }")
    appearance.set_text_scale(100)
    appearance.set_contrast("high")
    assert "color: #000000" in appearance.adapt(css)
    appearance.set_contrast("system")
    monkeypatch.setattr(appearance, "system_wants_high_contrast", lambda: True)
    assert appearance.high_contrast()
    assert "color: #000000" in appearance.adapt(css)
    assert appearance.set_text_scale(170) == 150 and appearance.set_text_scale(80) == 100


def test_every_high_contrast_colour_is_at_least_as_strong_on_white() -> None:
    for normal, high in appearance.HIGH_CONTRAST.items():
        if contrast_ratio(normal, "#ffffff") >= 4.5:  # a text colour
            assert contrast_ratio(high, "#ffffff") >= contrast_ratio(normal, "#ffffff")


def _title_px(view: SessionView) -> int:
    page = view.current_page()
    label = page.body.findChild(type(view.progress_label), "domainTitle")
    return label.font().pixelSize()


def test_ctrl_plus_and_minus_change_the_text_size_of_the_open_conversation_and_keep_it(
        qtbot: QtBot, tmp_path: Path) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Noor Visser")
        session = store.start_session(client.id, load_form_file(MINI_FORM))
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.activateWindow()
    window.open_session(session.id)
    view = window.current_screen()
    assert isinstance(view, SessionView)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    base = _title_px(view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    bigger = window.current_screen()
    assert isinstance(bigger, SessionView) and bigger is not view  # drawn again
    assert window.settings.text_scale == 110
    assert _title_px(bigger) == round(base * 1.1)
    for _ in range(8):
        window.keys.text_size(10)
    assert window.settings.text_scale == 150  # never beyond 150 %
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Minus,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.settings.text_scale == 140
    assert settings_store(tmp_path).load().text_scale == 140  # kept for the next start


def test_high_contrast_from_the_settings_draws_black_text(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.apply_settings(replace(window.settings, contrast="high"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert "color: #000000" in app.styleSheet()
    assert app.palette().color(app.palette().ColorRole.WindowText).name() == "#000000"
    window.apply_settings(replace(window.settings, contrast="normal"))
    assert app.palette().color(app.palette().ColorRole.WindowText).name() == "#1b1f24"
