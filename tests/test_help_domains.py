"""The domains needing help are one rule (`instruments.summary.help_domains`), kept per session
at completion: equal to the rule on the answers for every shipped form, backfilled when an older
store is migrated, and erased with the session."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from export.summary import domains_needing_help
from export_support import load_test_form, sample_answers, session_for
from instruments.answers import DECLINED, AnswerValue
from instruments.conditions import visibility, visible_answers
from instruments.loader import LoadedForm, load_catalog
from instruments.model import Form, ItemType
from instruments.summary import help_domains, help_threshold, profile_scale
from storage import migrations
from storage.migrations import BACKUP_FOLDER
from storage.store import Store
from store_testing import PASS, back_to_version_1, new_store, raw_connection
from ui.cli.demo_cmd import demo_answers

SHIPPED = load_catalog()[0].all()


def _planted(form: Form, answers: dict[str, AnswerValue],
             rng: random.Random) -> dict[str, AnswerValue]:
    """The answers plus the scale's top value on some hidden items (they must never count)."""
    shown = visibility(form, answers)
    out = dict(answers)
    for full_id, _domain, item in form.all_items():
        if not shown[full_id] and item.type == ItemType.SCALE and item.scale and rng.random() < .7:
            out[full_id] = form.scale(item.scale).values()[-1]
    return out


def _by_hand(form: Form, answers: dict[str, AnswerValue]) -> list[str]:
    """The rule spelled out over all visible answers (professional first, then the parent)."""
    scale, profile = profile_scale(form), form.profile
    if scale is None or profile is None:
        return []
    visible = visible_answers(form, answers)
    out = []
    for domain in form.counted_domains():
        for key in (profile.professional, profile.parent):
            value = visible.get(f"{domain.id}.{key}") if key else None
            if isinstance(value, int) and not isinstance(value, bool):
                if value >= help_threshold(scale):
                    out.append(domain.id)
                break
    return out


def test_the_shipped_forms_are_loaded_and_some_rate_the_need_per_domain() -> None:
    assert len(SHIPPED) >= 7
    assert any(profile_scale(lf.form) is not None for lf in SHIPPED)


@pytest.mark.parametrize("loaded", SHIPPED, ids=lambda lf: f"{lf.form.id}-{lf.form.version}")
def test_help_domains_follow_the_visible_ratings_on_every_shipped_form(
        loaded: LoadedForm) -> None:
    form = loaded.form
    rng = random.Random(form.id)
    seen: set[str] = set()
    for n in range(40):
        answers = _planted(form, demo_answers(form, rng, n / 40), rng)
        found = help_domains(form, answers)
        assert found == _by_hand(form, answers)
        seen.update(found)
    if profile_scale(form) is not None:
        assert seen  # the generator reaches the upper half somewhere


def test_the_professional_rating_comes_first_and_a_declined_one_leaves_the_parents() -> None:
    form = load_test_form().form
    answers: dict[str, AnswerValue] = dict(sample_answers())  # type: ignore[arg-type]
    assert help_domains(form, answers) == ["housing", "relation"]
    answers["health.prof"] = 6  # over the parent's 1
    answers["relation.prof"] = DECLINED  # the parent's 2 decides: below the upper half
    answers["support.prof"] = DECLINED
    answers["support.need"] = 5
    assert help_domains(form, answers) == ["health", "housing", "support"]
    session = session_for(load_test_form(), answers)  # type: ignore[arg-type]
    assert [d.id for d in domains_needing_help(session)] == help_domains(form, answers)


def _complete(store: Store, client_id: str, loaded: LoadedForm,
              answers: dict[str, AnswerValue]) -> str:
    session = store.start_session(client_id, loaded)
    for item_id, value in answers.items():
        store.save_answer(session.id, item_id, value)
    store.complete_session(session.id)
    return session.id


def _kept(folder: Path) -> dict[str, list[str]]:
    conn = raw_connection(folder)
    rows = {sid: json.loads(text)["help"] for sid, text in
            conn.execute("SELECT session_id, help_domains FROM session_summaries")}
    conn.close()
    return rows


def test_completion_keeps_the_help_domains_of_every_shipped_form(tmp_path: Path) -> None:
    rng = random.Random(7)
    expected: dict[str, list[str]] = {}
    folder = tmp_path / "s"
    with new_store(folder) as store:
        client_id = store.add_client("Rosa").id
        for loaded in SHIPPED:
            answers = _planted(loaded.form, demo_answers(loaded.form, rng, 0.8), rng)
            expected[_complete(store, client_id, loaded, answers)] = help_domains(
                loaded.form, answers)
        draft = store.start_session(client_id, SHIPPED[0])
        rows = store.session_rows(summaries=True, items=lambda _form: ())
        assert {r.id: list(r.help_domains or ()) for r in rows} == expected
        assert all(r.answers == {} for r in rows)
    assert _kept(folder) == expected
    assert draft.id not in _kept(folder) and any(expected.values())


def test_an_older_store_is_migrated_and_its_completed_sessions_backfilled(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    loaded = load_test_form()
    answers: dict[str, AnswerValue] = dict(sample_answers())  # type: ignore[arg-type]
    with new_store(folder) as store:
        client_id = store.add_client("Rosa").id
        done = _complete(store, client_id, loaded, answers)
        other = _complete(store, client_id, loaded, {"health.concern": 4, "health.need": 6})
        draft = store.start_session(client_id, loaded).id
        store.save_answer(draft, "housing.need", 6)
    # Back to the schema before the summaries: the table gone, the version 1.
    back_to_version_1(folder)
    with Store.open(folder, PASS) as store:
        assert store.check() == []
        rows = {r.id: r for r in store.session_rows(summaries=True, items=lambda _f: ())}
    assert _kept(folder) == {done: ["housing", "relation"], other: ["health"]}
    assert {sid: list(r.help_domains or ()) for sid, r in rows.items()} == _kept(folder)
    conn = raw_connection(folder)
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == \
        migrations.latest_version()
    conn.close()
    assert len(list((folder / BACKUP_FOLDER).glob("store-v1-*.db"))) == 1


def test_erasing_a_client_removes_their_session_summaries(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    loaded = load_test_form()
    answers: dict[str, AnswerValue] = dict(sample_answers())  # type: ignore[arg-type]
    with new_store(folder) as store:
        gone = store.add_client("Weg")
        kept = store.add_client("Blijft")
        gone_session = _complete(store, gone.id, loaded, answers)
        kept_session = _complete(store, kept.id, loaded, answers)
        assert set(_kept(folder)) == {gone_session, kept_session}
        store.erase_client(gone.id)
        assert set(_kept(folder)) == {kept_session}
