"""The form screens for tools/screenshots.py: a SPARK18 and a SPARK60 domain, the new-session
dialog for a client of about 18 months (with the example forms asked for), the example
home-visit form's number and multi-choice questions, a SPARK closing page with its safety note,
and the example health form's report with its spider web (pages drawn with pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TODDLER = "Mees Visser"  # about 18 months old
PRESCHOOLER = "Yara Bos"  # about 5 years old
EXPECTING = "Iris de Groot"  # pregnant: the example home visit


def example_form(name: str) -> Any:
    from instruments.loader import load_form_file
    from instruments.paths import example_forms_dir

    return load_form_file(example_forms_dir() / name)


def build_forms_demo(store: Any, newest_form: Callable[[str], Any]) -> None:
    """Fictional clients and sessions for the form screens."""
    from services.session_writer import CLIENT

    today = date.today()
    mees = store.add_client(TODDLER, birth_date=today - timedelta(days=548),
                            referrer="Consultatiebureau De Wilg")
    yara = store.add_client(PRESCHOOLER, birth_date=today - timedelta(days=5 * 365 + 20))
    iris = store.add_client(EXPECTING, due_date=today + timedelta(days=110))

    spark18 = newest_form("spark18")
    draft = store.start_session(mees.id, spark18)
    store.save_answer(draft.id, "start.alone", False)
    store.save_answer(draft.id, "gezondheid.look_back", 2)
    store.set_position(draft.id, "taal")
    spark60 = newest_form("spark60")
    draft60 = store.start_session(yara.id, spark60)
    store.set_position(draft60.id, "opvang_school")

    visit = store.start_session(iris.id, example_form("voorbeeld-huisbezoek-0.2.0.yaml"))
    store.save_answer(visit.id, "zwangerschap.cigarettes", 12)
    store.save_answer(visit.id, "onderwerpen.mother_topics", [1, 4])
    store.save_answer(visit.id, "onderwerpen.partner_topics", [5])

    health = example_form("voorbeeld-gezondheid-0.2.0.yaml")
    done = store.start_session(iris.id, health)
    for mark, domain in zip((7, 4, 8, 6, 3), health.form.counted_domains(), strict=False):
        store.save_answer(done.id, f"{domain.id}.score", mark, by=CLIENT)
    store.complete_session(done.id)
    store.start_session(mees.id, health)  # a draft she fills in herself (the 0-10 marks)


def forms_screens(window: Any, shot: Callable[[str, Any], None], work: Path, out_dir: Path,
                  passphrase: str) -> Iterator[Any]:
    """Drive the form screens (steps for the screenshots Director)."""
    from dataclasses import replace

    store = window.store
    clients = {c.name: c for c in store.search_clients()}

    def session_of(client: str, form_id: str) -> Any:
        return next(s for s in store.list_sessions(clients[client].id) if s.form_id == form_id)

    for client, form_id, name in ((TODDLER, "spark18", "32-spark18-domein"),
                                  (PRESCHOOLER, "spark60", "33-spark60-domein")):
        window.open_session(session_of(client, form_id).id)
        yield 700
        shot(name, window)
        window.router.close_session()
        yield 200

    # The SPARK closing page: the safety question was not asked (not alone with the parent).
    window.open_session(session_of(TODDLER, "spark18").id)
    yield 500
    view = window.current_screen()
    view.show_closing()
    yield 400
    if view.closing.safety is not None:
        view.closing.ensureWidgetVisible(view.closing.safety, 0, 40)
    yield 400
    shot("34-spark-afronden-veiligheid", window)
    window.router.close_session()
    yield 200

    # The new-session dialog for a toddler, the example forms asked for in the settings.
    window.apply_settings(replace(window.settings, example_forms=True))
    window.show_client(clients[TODDLER].id)
    yield lambda: window.catalog.catalog is not None
    window.router.start_new_session(clients[TODDLER].id)
    yield lambda: window.new_session_dialog is not None and window.new_session_dialog.isVisible()
    dialog = window.new_session_dialog
    dialog.select("spark18")
    yield 400
    dialog.instrument.showPopup()
    yield 500
    shot("35-nieuw-gesprek-op-leeftijd", window)
    dialog.instrument.hidePopup()
    dialog.select("voorbeeld-huisbezoek")
    yield 400
    shot("36-nieuw-gesprek-voorbeeld", window)
    dialog.reject()
    yield 200

    # The example home visit: a number refused with its reason, then the multi-choice page.
    window.open_session(session_of(EXPECTING, "voorbeeld-huisbezoek").id)
    yield 600
    view = window.current_screen()
    weeks = view.rows["zwangerschap.weeks"].editor
    weeks.line.setFocus()
    weeks.line.setText("50")
    weeks.flush()
    yield 400
    shot("37-gesprek-getal", window)
    weeks.line.setText("24")
    weeks.flush()
    view.go_next()
    yield 500
    shot("38-gesprek-meerkeuze", window)
    view.show_together()
    yield 400
    shot("39-gesprek-samen-getal-meerkeuze", window)
    window.router.close_session()
    yield 200

    # The example health form on her own screen: eleven marks in one row.
    window.open_session(session_of(TODDLER, "voorbeeld-gezondheid").id)
    yield 500
    window.current_screen().give_button.click()
    yield lambda: window.selfreport_window is not None and window.selfreport_window.isVisible()
    her = window.selfreport_window
    yield 600
    her.choose_language("nl")
    her.begin()
    yield 300
    her.question_page.answer_buttons[7].click()
    yield 500
    shot("41-zelf-invullen-cijfers", her)
    her.request_leave()
    her.lock_panel.field.setText(passphrase)
    her.lock_panel.ok_button.click()
    yield lambda: window.selfreport_window is None
    window.activateWindow()
    yield 500
    window.router.close_session()
    yield 200

    # The example health form's report: exported as a user does, its pages drawn.
    health = session_of(EXPECTING, "voorbeeld-gezondheid")
    window.export_session(health.id)
    yield lambda: window.export_dialog is not None and window.export_dialog.isVisible()
    export = window.export_dialog
    export.choose("report")
    yield 300
    pdf = work / "verslag-voorbeeld.pdf"
    export.export_to(pdf)
    yield lambda: pdf.exists() and not export._busy
    export.reject()
    yield 200
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf),
                        str(out_dir / "40-verslag-spinnenweb")], check=True)
        print(f"screenshots: {out_dir / '40-verslag-spinnenweb'}-*.png")
