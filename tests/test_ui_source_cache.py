"""Opening a conversation drops the module sources PySide6's import hook leaves in linecache."""

from __future__ import annotations

import linecache
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui_session_support import PRESPARK_FORM, new_store, open_view, start


def test_opening_a_session_view_drops_the_cached_module_sources(qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    store = new_store(tmp_path)
    session_id, _ = start(store, PRESPARK_FORM)
    linecache.getlines(linecache.__file__)  # what the import hook leaves behind
    assert linecache.__file__ in linecache.cache
    view = open_view(qtbot, store, session_id)
    assert linecache.__file__ not in linecache.cache
    view.shutdown()
    store.close()
