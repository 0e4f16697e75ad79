"""The period export dialog on a real store: background work with progress, cancel, key."""

from __future__ import annotations

import csv
import io
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import ui.period_export_dialog as period_module
from export_support import load_test_form, pdf_text
from storage.store import Store
from ui.period_export_dialog import PeriodExportDialog
from ui.workers import run_synchronously
from ui_export_support import (
    CLIENT_NAME,
    FORM_ID,
    LETTERHEAD,
    SaveDialogStub,
    add_client,
    add_completed_session,
    export_events,
    files_in,
    open_store,
    today,
)

WAIT_MS = 20000
SESSIONS = 5
KEY = "een-geheime-sleutel-voor-onderzoek"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "store") as opened:
        for number in range(SESSIONS):
            client_id = add_client(opened, f"{CLIENT_NAME} {number}")
            add_completed_session(opened, client_id, decided="hoog" if number % 2 else "laag")
        opened.start_session(add_client(opened, "Concept Cliënt"), load_test_form())  # a draft
        yield opened


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _dialog(qtbot, store: Store) -> PeriodExportDialog:  # type: ignore[no-untyped-def]
    dialog = PeriodExportDialog(store, [(FORM_ID, "Testgesprek export")], LETTERHEAD, "nl")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_period(today() - timedelta(days=7), today())
    return dialog


def test_period_csv_export_runs_in_the_background_with_progress_and_writes_the_file(
        qtbot, store: Store, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = out_dir / "onderzoek.csv"
    SaveDialogStub(monkeypatch, target)
    threads: list[int] = []
    original = period_module.write_period_export

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(period_module, "write_period_export", spy)
    dialog = _dialog(qtbot, store)
    dialog.choose("csv", FORM_ID)
    assert dialog.key.isVisible() and "bewaart de sleutel" in dialog.key_hint.text()
    dialog.key.setText(KEY)
    seen: list[tuple[int, int]] = []
    dialog.progressed.connect(lambda done, total: seen.append((done, total)))

    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    assert done.args == ["csv", str(target), SESSIONS]

    assert threads and threads[0] != threading.get_ident()  # off the GUI thread
    assert seen[-1] == (SESSIONS, SESSIONS)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert dialog.progress.value() == dialog.progress.maximum() == SESSIONS
    # In the app's language (Dutch): ';' and a byte order mark, so Dutch Excel opens it in
    # columns.
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + SESSIONS and rows[0][0] == "pseudonym"
    assert CLIENT_NAME not in target.read_text(encoding="utf-8")
    assert files_in(out_dir) == ["onderzoek.csv"]
    events = export_events(store)
    assert len(events) == 1 and events[0].client_id is None
    assert events[0].detail.startswith(f"kind=csv form={FORM_ID} from=")
    assert events[0].detail.endswith(f"sessions={SESSIONS}")
    assert "aantal gesprekken: 5" in dialog.status.text()


def test_cancelling_a_period_export_writes_nothing_and_audits_nothing(
        qtbot, store: Store, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    SaveDialogStub(monkeypatch, out_dir / "management.pdf")
    dialog = _dialog(qtbot, store)
    dialog.choose("management")
    dialog.progressed.connect(lambda done, _total: done >= 1 and dialog.cancel_button.click())
    with run_synchronously():  # the worker's progress arrives inline: a deterministic cancel
        dialog.save()
    assert dialog.status.text() == "Gestopt. Er is niets opgeslagen."
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert files_in(out_dir) == []
    assert export_events(store) == []


def test_research_export_asks_for_the_pseudonym_key_before_choosing_a_file(
        qtbot, store: Store, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    stub = SaveDialogStub(monkeypatch, out_dir / "onderzoek.sav")
    dialog = _dialog(qtbot, store)
    dialog.choose("spss", FORM_ID)
    dialog.key.setText("te kort")
    dialog.save()
    assert "sleutel" in dialog.status.text() and "16" in dialog.status.text()
    assert stub.calls == []

    dialog.new_key_button.click()
    assert len(dialog.key.text()) >= 16 and dialog.show_key.isChecked()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.save()
    import pyreadstat

    frame, meta = pyreadstat.read_sav(str(out_dir / "onderzoek.sav"))
    assert len(frame) == SESSIONS and meta.column_labels[0]
    assert dialog.key.text() not in " ".join(e.detail for e in export_events(store))


def test_management_report_counts_every_completed_session_of_the_period(
        qtbot, store: Store, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = out_dir / "management.pdf"
    SaveDialogStub(monkeypatch, target)
    dialog = _dialog(qtbot, store)
    assert dialog.kind == "management" and not dialog.key.isVisible()
    assert dialog.form.currentText() == "Alle instrumenten"
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as done:
        dialog.save()
    assert done.args[2] == SESSIONS
    text = pdf_text(target.read_bytes())
    assert "Testgesprek export" in text and CLIENT_NAME not in text
    assert export_events(store)[0].detail.startswith("kind=management form=* ")


def test_a_period_that_ends_before_it_starts_is_one_clear_message(
        qtbot, store: Store, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    stub = SaveDialogStub(monkeypatch, out_dir / "x.pdf")
    dialog = _dialog(qtbot, store)
    dialog.set_period(today(), today() - timedelta(days=1))
    dialog.save()
    assert dialog.status.text() == "De einddatum ligt voor de begindatum."
    assert stub.calls == [] and files_in(out_dir) == []
