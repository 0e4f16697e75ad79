"""The together view's matrix model on its own, and the session message catalogs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from PySide6.QtCore import Qt

from instruments.paths import resources_dir
from services.conversation import SessionController
from services.session_writer import SessionWriter
from ui.session.together_view import MatrixModel
from ui_session_support import PRESPARK_FORM, ROOT, new_store, start

ROOT_FORMS = ROOT / "forms"


def test_the_matrix_has_a_row_per_domain_and_marks_big_differences(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    session_id, loaded = start(store, PRESPARK_FORM)
    c = SessionController(SessionWriter(store, store.get_session(session_id), loaded.form))
    first, second = (d.id for d in loaded.form.counted_domains()[:2])
    c.set_answer(f"{first}.need_now", 2)
    c.set_answer(f"{first}.professional", 5)
    c.set_answer(f"{second}.need_now", 4)
    c.set_answer(f"{second}.professional", 4)
    c.set_answer(f"{second}.concern", 1)
    model = MatrixModel(c, "en")
    assert model.rowCount() == 13
    keys = [item.key for item in model.columns]
    assert keys[:6] == ["concern", "need_professional", "need_informal", "help_given", "help_enough",
                        "need_now"]
    diff = model.columnCount() - 1
    assert model.headerData(diff, Qt.Orientation.Horizontal) == "Difference"
    assert model.index(0, diff).data() == "⚠ 3 points"
    assert model.index(0, diff).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, diff).data() == "= same"
    need = 1 + keys.index("need_now")
    assert model.index(0, need).data() == "2"
    need_item = next(i for i in model.columns if i.key == "need_now")
    assert need_item.scale is not None
    label = loaded.form.scale(need_item.scale).point(2).label["en"]  # type: ignore[union-attr]
    assert model.index(0, need).data(Qt.ItemDataRole.ToolTipRole).endswith(f"\n2 · {label}")
    # No concern: 'help needed' is hidden, shown as not applicable, never as a value.
    assert model.index(1, 1 + keys.index("need_professional")).data() == "n/a"
    assert model.index(2, need).data() == "not answered"  # never blank: issue 18
    store.close()


def test_dutch_and_english_session_messages_have_the_same_keys_and_placeholders() -> None:
    folder = resources_dir() / "i18n"
    nl = yaml.safe_load((folder / "session.nl.yaml").read_text(encoding="utf-8"))
    en = yaml.safe_load((folder / "session.en.yaml").read_text(encoding="utf-8"))
    assert nl.keys() == en.keys()
    assert all(key.startswith("session.") for key in nl)
    for key in nl:
        names_nl = {p.split("}")[0] for p in nl[key].split("{")[1:]}
        names_en = {p.split("}")[0] for p in en[key].split("{")[1:]}
        assert names_nl == names_en, key


def test_every_message_the_session_screens_use_is_in_the_dutch_catalog() -> None:
    nl = yaml.safe_load((resources_dir() / "i18n" / "session.nl.yaml").read_text(encoding="utf-8"))
    source = Path(__file__).resolve().parents[1] / "src" / "ui" / "session"
    used = {m for path in source.glob("*.py")
            for m in re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", path.read_text())}
    assert len(used) > 40
    assert sorted(k for k in used if f"session.{k}" not in nl) == []


def test_a_form_without_a_matrix_gets_numbered_question_columns(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    session_id, loaded = start(store, ROOT_FORMS / "alpha-nl-1.1.0.yaml")
    c = SessionController(SessionWriter(store, store.get_session(session_id), loaded.form))
    domain = loaded.form.counted_domains()[0]
    first_item = loaded.form.domain_items(domain)[0]
    assert first_item.type == "scale" and first_item.scale is not None
    value = loaded.form.scale(first_item.scale).values()[-1]
    c.set_answer(f"{domain.id}.{first_item.key}", value)
    model = MatrixModel(c, "nl")
    widest = max(len(loaded.form.domain_items(d)) for d in loaded.form.counted_domains())
    assert model.columnCount() == 1 + widest
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Vraag 1"
    assert model.index(0, 1).data() == str(value)
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole).startswith(
        first_item.text["nl"])
    store.close()
