"""The main window never needs more room than a 1024×600 netbook screen: every page of its
stack (the first start's form too, which the stack keeps while other pages show) fits or
scrolls, so no page makes the window taller than the screen and cuts off its bottom bar."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ui_shell_support import make_window


def test_no_page_of_the_main_window_needs_more_than_1024x600(qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, profile=False)
    window.resize(1024, 600)
    qtbot.waitExposed(window)
    needs = {type(page).__name__: page.minimumSizeHint().height()
             for page in window.start.pages}
    assert window.minimumSizeHint().height() <= 600, needs
    assert (window.width(), window.height()) == (1024, 600)
