"""Helpers for the export-dialog tests: the Qt-free store helpers of `services_support` and a
stand-in for the save-file dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from services_support import (
    CLIENT_NAME,
    DUE_DATE,
    FORM_ID,
    LETTERHEAD,
    REFERRER,
    add_client,
    add_completed_session,
    export_events,
    files_in,
    open_store,
    today,
)

__all__ = ["CLIENT_NAME", "DUE_DATE", "FORM_ID", "LETTERHEAD", "REFERRER", "SaveDialogStub",
           "add_client", "add_completed_session", "export_events", "files_in", "open_store", "today"]


class SaveDialogStub:
    """Stands in for QFileDialog.getSaveFileName: answers `path`, remembers the calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
        self.path = path
        self.calls: list[tuple[Any, ...]] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self)

    def __call__(self, *args: Any, **kwargs: Any) -> tuple[str, str]:
        self.calls.append(args)
        return (str(self.path) if self.path else "", "")
