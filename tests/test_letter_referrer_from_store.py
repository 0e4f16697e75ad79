"""The referrer's role and practice as stored with the client reach the letter through the
export service; a client without them gets a letter addressed by name only."""

from __future__ import annotations

from pathlib import Path

import pytest

from export_support import pdf_text
from services.export_jobs import SessionExporter
from services.export_registry import ExportError
from services_support import DUE_DATE, LETTERHEAD, add_completed_session, open_store
from storage.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "store") as opened:
        yield opened


def _letter_text(store: Store, client_id: str, recipient: str = "J. Bakker") -> str:
    session_id = add_completed_session(store, client_id)
    store.add_consent(session_id, given_by="moeder", recipient=recipient,
                      scope="gesprek,uitkomst", kind="verwijzer")
    pdf = SessionExporter(store, session_id, LETTERHEAD).document("letter",
                                                                   recipient=recipient)
    return " ".join(pdf_text(pdf).split())


def test_the_stored_role_and_practice_address_the_letter(store: Store) -> None:
    client = store.add_client("Ayşe Kaya", due_date=DUE_DATE, referrer="J. Bakker",
                              referrer_role="verloskundige",
                              referrer_practice="Verloskundigenpraktijk De Wieg")
    text = _letter_text(store, client.id)
    assert text.startswith("Aan: J. Bakker, verloskundige Verloskundigenpraktijk De Wieg")
    assert "Beste J. Bakker," in text


def test_a_client_without_role_or_practice_gets_a_letter_to_the_name_only(
        store: Store) -> None:
    client = store.add_client("Ayşe Kaya", due_date=DUE_DATE, referrer="J. Bakker")
    text = _letter_text(store, client.id)
    assert text.startswith("Aan: J. Bakker JGZ Voorbeeldstad")
    assert "verloskundige" not in text.split("Beste")[0]


def test_a_role_changed_later_addresses_the_next_letter(store: Store) -> None:
    client = store.add_client("Ayşe Kaya", due_date=DUE_DATE, referrer="J. Bakker")
    store.update_client(client.id, referrer_role="huisarts")
    assert _letter_text(store, client.id).startswith("Aan: J. Bakker, huisarts JGZ")


def test_the_role_never_lets_the_letter_go_without_the_referrers_consent(store: Store) -> None:
    client = store.add_client("Ayşe Kaya", due_date=DUE_DATE, referrer="J. Bakker",
                              referrer_role="verloskundige")
    session_id = add_completed_session(store, client.id)
    store.add_consent(session_id, given_by="moeder", recipient="JGZ-dossier", scope="gesprek")
    exporter = SessionExporter(store, session_id, LETTERHEAD)
    refusals = []
    for recipient in ("J. Bakker", "verloskundige", "JGZ-dossier"):
        with pytest.raises(ExportError) as caught:
            exporter.document("letter", recipient=recipient)
        refusals.append(caught.value.refusal)
    assert refusals == ["no_consent", "no_consent", "not_referrer"]


def test_the_export_dialog_lists_the_referrer_as_the_letter_addresses_them(
        store: Store) -> None:
    client = store.add_client("Ayşe Kaya", due_date=DUE_DATE, referrer="J. Bakker",
                              referrer_role="verloskundige",
                              referrer_practice="Verloskundigenpraktijk De Wieg")
    session_id = add_completed_session(store, client.id)
    for recipient in ("J. Bakker", "Huisarts Smit"):
        store.add_consent(session_id, given_by="moeder", recipient=recipient,
                          scope="gesprek,uitkomst", kind="verwijzer")
    data = SessionExporter(store, session_id, LETTERHEAD).data
    labels = [data.recipient_label(name) for name in data.recipients]
    # Role and practice are known only for the client's own referrer, never made up for another.
    assert labels == ["J. Bakker, verloskundige, Verloskundigenpraktijk De Wieg", "Huisarts Smit"]
