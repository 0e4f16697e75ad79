"""Store records to export inputs (no Qt): recipients with consent, sessions of a period."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from export_support import load_test_form
from services.export_inputs import InvalidPeriod, active_recipients, period_sessions
from services_support import (
    LETTERHEAD,
    REFERRER,
    add_client,
    add_completed_session,
    open_store,
    today,
)


def test_only_active_consents_name_a_recipient_and_each_recipient_once(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        session_id = add_completed_session(store, add_client(store))
        store.add_consent(session_id, given_by="moeder", recipient=REFERRER, scope="gesprek")
        store.add_consent(session_id, given_by="vader", recipient=f"  {REFERRER.upper()} ",
                          scope="uitkomst")
        gone = store.add_consent(session_id, given_by="moeder", recipient="Huisarts Jansen",
                                 scope="gesprek")
        store.withdraw_consent(gone.id)
        assert active_recipients(store.consents(session_id=session_id)) == [REFERRER]


def test_period_sessions_count_progress_and_refuse_a_reversed_period(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        client_id = add_client(store)
        done = {add_completed_session(store, client_id) for _ in range(3)}
        store.start_session(client_id, load_test_form())  # a draft: not counted
        calls: list[tuple[int, int]] = []
        found = period_sessions(store, LETTERHEAD, today() - timedelta(days=1), today(),
                                progress=lambda d, t: calls.append((d, t)))
        assert {s.session_id for s in found} == done
        assert calls == [(0, 0), (1, 3), (2, 3), (3, 3)]
        assert period_sessions(store, LETTERHEAD, today() + timedelta(days=1),
                               today() + timedelta(days=2)) == []
        with pytest.raises(InvalidPeriod):
            period_sessions(store, LETTERHEAD, today(), today() - timedelta(days=1))

