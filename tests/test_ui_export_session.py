"""The per-session export dialog on a real store: consent gate, preview, file, audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from export_support import HIDDEN_MARKER, pdf_text
from services.export_jobs import SessionExporter
from services.pdf_pages import page_count
from storage.store import Store
from ui.export_dialog import ExportDialog
from ui_export_support import (
    CLIENT_NAME,
    DUE_DATE,
    LETTERHEAD,
    REFERRER,
    SaveDialogStub,
    add_client,
    add_completed_session,
    export_events,
    files_in,
    open_store,
)

WAIT_MS = 15000


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "store") as opened:
        yield opened


@pytest.fixture
def session_id(store: Store) -> str:
    return add_completed_session(store, add_client(store))


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _dialog(qtbot, store: Store, session_id: str, lang: str = "nl") -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(SessionExporter(store, session_id, LETTERHEAD), lang)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("withdrawn", [False, True], ids=["never-given", "withdrawn"])
def test_letter_is_refused_visibly_without_active_consent_and_nothing_is_written(
        qtbot, store: Store, session_id: str, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, withdrawn: bool) -> None:
    if withdrawn:
        consent = store.add_consent(session_id, given_by="moeder", recipient=REFERRER,
                                    scope="gesprek,uitkomst")
        store.withdraw_consent(consent.id)
    stub = SaveDialogStub(monkeypatch, out_dir / "brief.pdf")
    dialog = _dialog(qtbot, store, session_id)
    dialog.choose("letter")

    assert dialog.refusal.isVisible()
    assert "toestemming" in dialog.refusal.text()
    assert "geen brief" in dialog.preview.toPlainText().lower()
    assert not dialog.recipient.isVisible()
    assert not dialog.save_button.isEnabled()

    dialog.save()  # e.g. through the keyboard: still refused, with the reason on screen
    dialog.export_to(out_dir / "brief.pdf")
    assert dialog.status.isVisible() and "toestemming" in dialog.status.text()
    assert stub.calls == []
    assert files_in(out_dir) == []
    assert export_events(store) == []


def test_letter_with_consent_is_previewed_then_written_to_the_chosen_path_and_audited(
        qtbot, store: Store, session_id: str, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    consent = store.add_consent(session_id, given_by="moeder", recipient=REFERRER,
                                scope="gesprek,uitkomst", kind="verwijzer")
    target = out_dir / "brief.pdf"
    stub = SaveDialogStub(monkeypatch, target)
    dialog = _dialog(qtbot, store, session_id)

    assert dialog.kind == "letter"  # preselected when a consent exists
    assert not dialog.refusal.isVisible()
    assert dialog.recipient.currentText() == REFERRER
    # The preview shows the letter's real pages: the PDF itself, rendered.
    assert dialog.previews.currentWidget() is dialog.pages and dialog.pages.isVisible()
    previewed = dialog.letter_pdf
    assert previewed is not None
    assert len(dialog.pages.pages) == page_count(previewed) >= 1
    first = dialog.pages.pages[0].pixmap()
    assert first.width() > 500 and first.height() > first.width()  # a portrait A4 page
    shown = _flat(pdf_text(previewed))
    assert CLIENT_NAME in shown and "JGZ Voorbeeldstad" in shown and "hoog risico" in shown

    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as done:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert done.args == ["letter", str(target)]
    assert len(stub.calls) == 1 and CLIENT_NAME not in str(stub.calls[0])

    written = target.read_bytes()
    assert _flat(pdf_text(written)) == shown  # what was shown is what was saved
    assert page_count(written) == len(dialog.pages.pages)
    assert files_in(out_dir) == ["brief.pdf"]
    events = export_events(store)
    assert [(e.detail, e.session_id) for e in events] == [
        (f"kind=letter recipient=Verloskundigenpraktijk_De_Wieg consent={consent.id}",
         session_id)]
    assert CLIENT_NAME not in events[0].detail
    assert "brief.pdf" in dialog.status.text()


def test_the_letter_recipients_are_only_those_of_the_referrer_consents(
        qtbot, store: Store, session_id: str) -> None:  # type: ignore[no-untyped-def]
    store.add_consent(session_id, given_by="moeder", recipient="JGZ-dossier", scope="gesprek")
    store.add_consent(session_id, given_by="moeder", recipient=REFERRER,
                      scope="gesprek,uitkomst", kind="verwijzer")
    dialog = _dialog(qtbot, store, session_id)
    assert [dialog.recipient.itemText(i) for i in range(dialog.recipient.count())] == [REFERRER]


def test_a_letter_from_a_draft_is_refused_on_screen_audited_and_not_written(
        qtbot, store: Store, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    from export_support import load_test_form, sample_answers

    client_id = add_client(store)
    draft = store.start_session(client_id, load_test_form()).id
    for item_id, value in list(sample_answers().items())[:3]:
        store.save_answer(draft, item_id, value)  # type: ignore[arg-type]
    store.add_consent(draft, given_by="moeder", recipient=REFERRER, scope="gesprek",
                      kind="verwijzer")
    stub = SaveDialogStub(monkeypatch, out_dir / "brief.pdf")
    dialog = _dialog(qtbot, store, draft)
    dialog.choose("letter")

    assert dialog.refusal.isVisible() and "concept" in dialog.refusal.text()
    assert dialog.previews.currentWidget() is dialog.preview and dialog.pages.pages == []
    assert not dialog.save_button.isEnabled()
    dialog.save()
    dialog.export_to(out_dir / "brief.pdf")
    assert "concept" in dialog.status.text()
    assert stub.calls == [] and files_in(out_dir) == []
    assert export_events(store) == []


def test_report_export_writes_a_pdf_holding_the_client_identification(
        qtbot, store: Store, session_id: str, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = out_dir / "verslag.pdf"
    SaveDialogStub(monkeypatch, target)
    dialog = _dialog(qtbot, store, session_id)
    assert dialog.kind == "report"  # no consent: the letter is not preselected
    assert CLIENT_NAME not in dialog.default_file_name()
    assert DUE_DATE.strftime("%d-%m-%Y") in dialog.preview.toPlainText()

    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.save()
    text = _flat(pdf_text(target.read_bytes()))
    assert CLIENT_NAME in text and DUE_DATE.strftime("%d-%m-%Y") in text
    assert HIDDEN_MARKER not in text
    assert [e.detail for e in export_events(store)] == ["kind=report"]


def test_fhir_preview_is_exactly_the_file_that_is_written(
        qtbot, store: Store, session_id: str, out_dir: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = out_dir / "antwoorden"  # no suffix typed: the dialog adds .json
    SaveDialogStub(monkeypatch, target)
    dialog = _dialog(qtbot, store, session_id)
    dialog.choose("fhir")
    preview = dialog.preview.toPlainText()
    assert '"resourceType": "QuestionnaireResponse"' in preview

    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.save()
    written = out_dir / "antwoorden.json"
    assert written.read_text(encoding="utf-8") == preview
    assert HIDDEN_MARKER not in preview
    assert [e.detail for e in export_events(store)] == ["kind=fhir-questionnaire-response"]


def test_write_failure_is_one_clear_message_and_leaves_nothing_behind(
        qtbot, store: Store, session_id: str, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, store, session_id)
    dialog.choose("bds")
    missing = out_dir / "bestaat-niet" / "bds.json"
    dialog.export_to(missing)
    assert not dialog.save_button.isEnabled()  # busy while the worker runs
    qtbot.waitUntil(lambda: dialog.status.objectName() == "error", timeout=WAIT_MS)
    assert dialog.save_button.isEnabled()
    assert dialog.status.text() == (
        "Het bestand kon niet worden opgeslagen. Kies een andere map of controleer of u daar "
        "mag schrijven. Er is niets half opgeslagen.")
    assert "\n" not in dialog.status.text()
    assert files_in(out_dir) == []
    assert export_events(store) == []


def test_an_export_that_cannot_be_audited_leaves_no_file(
        qtbot, store: Store, session_id: str, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, store, session_id)
    dialog.choose("report")
    store.close()  # e.g. locked by the idle timer while the dialog was still open
    dialog.export_to(out_dir / "verslag.pdf")
    qtbot.waitUntil(lambda: dialog.status.objectName() == "error", timeout=WAIT_MS)
    assert dialog.status.text() == "De export is mislukt. Er is niets opgeslagen."
    assert files_in(out_dir) == []
