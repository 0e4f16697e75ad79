"""Screenshots of every screen for the docs: `python tools/screenshots.py OUT_DIR` (also the
closing page before and after 'Toon suggestie van de app', the confirmation before completing
and an ALPHA-NL discussion with a safety flag, and the form screens of tools/screenshot_forms.py:
SPARK domains, the new-session dialog by age, number and multi-choice questions, a report with a
spider web). `--forms` makes only the form screens.

`--room ROOM_DIR` adds the small-screen set, one run per screen size (1024×600 and 1366×768,
each on its own Xvfb screen of that size): a conversation's domain page, the together view, the
closing page and a completed session of preSPARK, and the self-report question page.
`--room-only ROOM_DIR` takes only that set. SAMENSPRAAK_SHOTS_DISPLAY sets the first X display
number tried (default 91).

Starts a private Xvfb display (1366x768) when one is available and runs the app there
(QT_QPA_PLATFORM=xcb); without Xvfb it falls back to Qt's offscreen platform. Inside, it builds
a demo store with fictional clients in a temporary folder (settings in a temporary file too),
drives the screens programmatically and saves a PNG of each with QScreen.grabWindow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from screenshot_forms import build_forms_demo, forms_screens

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1366, 768
PASSPHRASE = "rustige Keukentafel 42"
INSIDE = "--inside"
FORMS_ONLY = "--forms"


# ----- outside: the display -----------------------------------------------------------------------

ROOM_SIZES = ((1024, 600), (1366, 768))


def _free_display() -> int:
    first = int(os.environ.get("SAMENSPRAAK_SHOTS_DISPLAY", "91"))
    for number in range(first, first + 50):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise SystemExit("screenshots: no free X display number")


def run_outside(out_dir: Path, extra: list[str], size: tuple[int, int] = (WIDTH, HEIGHT), *,
                room: bool = False) -> int:
    env = dict(os.environ)
    env["SAMENSPRAAK_SHOTS_SIZE"] = f"{size[0]}x{size[1]}"
    xvfb: subprocess.Popen[bytes] | None = None
    if shutil.which("Xvfb"):
        number = _free_display()
        xvfb = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        env.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
    else:
        print("screenshots: Xvfb not found, using the offscreen platform", file=sys.stderr)
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        inside = [sys.executable, __file__, INSIDE, str(out_dir), *extra]
        return subprocess.call(inside + (["--room"] if room else []), env=env)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)



def newest_form(form_id: str) -> Any:
    """The newest shipped version of a form id."""
    from instruments.loader import load_catalog

    catalog, _problems = load_catalog(ROOT / "forms")
    loaded = catalog.latest(form_id)
    assert loaded is not None, f"no shipped form {form_id}"
    return loaded

# ----- inside: the demo store ---------------------------------------------------------------------

def build_demo_store(folder: Path) -> None:
    """Fictional clients: one completed preSPARK with decision and consent, one draft."""
    from instruments.scoring import decide, score
    from storage.records import Conductor, KdfParams
    from storage.store import Store

    conductor = Conductor(name="J. de Wit", role="jeugdverpleegkundige",
                          organisation="GGD Voorbeeldregio", phone="010 123 45 67",
                          email="j.dewit@ggd-voorbeeld.invalid")
    prespark = newest_form("prespark")
    form = prespark.form
    kdf = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
    with Store.create(folder, PASSPHRASE, user="J. de Wit", kdf=kdf) as store:
        sanne = store.add_client("Sanne de Vries", due_date=date(2027, 3, 14),
                                 referrer="M. Smits", referrer_role="verloskundige",
                                 referrer_practice="Verloskundigenpraktijk De Linde")
        store.add_client("Fatima el Amrani", due_date=date(2027, 5, 2),
                         referrer="Kraamzorg Het Nest")
        store.add_client("Lotte Bakker", birth_date=date(1996, 8, 21))
        store.add_client("Sanne Mulder", due_date=date(2027, 1, 30))
        store.add_client("Noor Jansen", birth_date=date(2001, 11, 5), referrer="Sociaal team")

        done = store.start_session(sanne.id, prespark, conductor)
        domains = form.counted_domains()
        answers: dict[str, Any] = {}
        for number, domain in enumerate(domains):
            concern = 1 + (number * 2) % 4
            need = 1 + (number * 3) % 4
            professional = max(1, need - (number % 2))
            for key, value in (("concern", concern), ("need_now", need),
                               ("professional", professional)):
                item_id = f"{domain.id}.{key}"
                store.save_answer(done.id, item_id, value)
                answers[item_id] = value
        for item_id, value in follow_up_answers(form, answers).items():
            store.save_answer(done.id, item_id, value)
            answers[item_id] = value
        result = score(form, answers)
        for outcome in result.outcomes:
            if outcome.needs_decision:
                store.save_decision(done.id, decide(form, outcome, outcome.suggested,
                                                           decided_by="J. de Wit"))
        store.complete_session(done.id)
        store.add_consent(done.id, given_by="Sanne de Vries (moeder)",
                          recipient="M. Smits",
                          scope="gesprek,uitkomst", kind="verwijzer")
        draft = store.start_session(sanne.id, prespark, conductor)
        for domain in domains[:3]:
            store.save_answer(draft.id, f"{domain.id}.concern", 2)
            store.save_answer(draft.id, f"{domain.id}.need_now", 2)
        store.set_position(draft.id, domains[3].id)
        add_conversation_demo(store, draft.id)
        build_forms_demo(store, newest_form)


def follow_up_answers(form: Any, answers: dict[str, Any], yes: frozenset[str] = frozenset()
                      ) -> dict[str, Any]:
    """Answers to the follow-up questions the given answers bring on screen in the counted
    domains ('nee', or the first choice; 'ja' for the item ids in `yes`), so no domain is left
    half answered."""
    from instruments.conditions import visibility
    from instruments.model import ItemType

    given = dict(answers)
    added: dict[str, Any] = {}
    counted = {d.id for d in form.counted_domains()}
    for _ in range(4):  # a follow-up may bring on another one
        shown = visibility(form, given)
        for item_id, domain, item in form.all_items():
            if domain.id not in counted or item_id in given or not shown.get(item_id, True):
                continue
            if item.type == ItemType.YES_NO:
                value: Any = item_id in yes
            elif item.type == ItemType.CHOICE and item.scale:
                value = form.scale(item.scale).values()[0]
            else:
                continue
            given[item_id] = added[item_id] = value
    return added


def add_conversation_demo(store: Any, prespark_draft: str) -> None:
    """For the conversation screens: the professional's ratings beside the parent's in the
    preSPARK draft, a completed GIZ of each variant, and an ALPHA-NL partly filled in."""
    import random

    from instruments.answers import DECLINED
    from instruments.scoring import decide, score
    from services.selfreport_flow import SelfReportFlow
    from ui.cli.demo_cmd import PARTICIPANTS_KEY, PROFESSIONALS, demo_answers

    draft_answers = store.get_session(prespark_draft).answers
    draft_form = store.session_form(store.get_session(prespark_draft))
    for number, item_id in enumerate(sorted(draft_answers)):
        if item_id.endswith(".need_now"):
            domain = item_id.rsplit(".", 1)[0]
            store.save_answer(prespark_draft, f"{domain}.professional", 2 + number % 3)
            draft_answers[f"{domain}.professional"] = 2 + number % 3
    yes = frozenset(i for i in draft_answers if i.endswith(".concern"))
    yes = frozenset(i.replace(".concern", ".need_professional") for i in yes)
    for item_id, value in follow_up_answers(draft_form, draft_answers, yes).items():
        store.save_answer(prespark_draft, item_id, value)

    clients = {c.name: c for c in store.search_clients()}
    rng = random.Random(8)
    for variant, name in (("giz-signalering", "Noor Jansen"), ("giz-uitgebreid", "Lotte Bakker"),
                          ("giz-multidisciplinair", "Noor Jansen")):
        loaded = newest_form(variant)
        form = loaded.form
        session = store.start_session(clients[name].id, loaded)
        answers = demo_answers(form, rng, concern=0.45)
        if form.attributed:
            for item_id, _domain, item in form.all_items():
                if item.key == PARTICIPANTS_KEY:
                    answers[item_id] = "\n".join(PROFESSIONALS)
        for n, (item_id, value) in enumerate(answers.items()):
            by = PROFESSIONALS[n % len(PROFESSIONALS)] if form.attributed else None
            store.save_answer(session.id, item_id, value, by=by)
        for n, item_id in enumerate(form.view_items()):  # two participants' own views
            values = form.scale(form.item_index()[item_id][1].scale or "").values()
            store.save_participant_view(session.id, item_id, PROFESSIONALS[0],
                                        values[n % len(values)], "")
            store.save_participant_view(session.id, item_id, PROFESSIONALS[1],
                                        values[(n + 1) % len(values)],
                                        "zelf gezien op het consult" if n % 2 else "")
        for outcome in score(form, answers).outcomes:
            if outcome.needs_decision:
                store.save_decision(session.id, decide(
                    form, outcome, outcome.suggested, decided_by="J. de Wit"))
        store.complete_session(session.id)

    add_closing_demo(store, clients["Sanne Mulder"].id)
    add_safety_demo(store, clients["Fatima el Amrani"].id)

    alpha = newest_form("alpha-nl")
    session = store.start_session(clients["Fatima el Amrani"].id, alpha)
    flow = SelfReportFlow(alpha.form, {})
    worrying = ("childhood", "emotions", "support")
    while (item_id := flow.first_unanswered()) is not None and flow.answered_count() < 14:
        _domain, item = alpha.form.item_index()[item_id]
        if item_id.endswith(".has_partner"):
            value: Any = True
        elif item.type.value == "yes_no":
            value = False
        elif item.scale:
            points = alpha.form.scale(item.scale).values()
            value = points[-1] if item_id.split(".")[0] in worrying else points[0]
        elif item.allow_decline:
            value = DECLINED
        else:
            value = "Gaat goed"
        store.save_answer(session.id, item_id, value)
        flow.set_answer(item_id, value)


def add_closing_demo(store: Any, client_id: str) -> None:
    """A preSPARK draft with every domain answered, left at the closing page, no decision yet:
    the closing page before and after 'Toon suggestie van de app', and the confirmation."""
    from instruments.model import DomainKind

    prespark = newest_form("prespark")
    form = prespark.form
    session = store.start_session(client_id, prespark)
    answers: dict[str, Any] = {}
    for number, domain in enumerate(form.counted_domains()):
        concern = 4 if number in (2, 5) else 1 + number % 2
        for key, value in (("concern", concern), ("need_now", 1 + number % 3),
                           ("professional", 4 if number in (2, 5) else 1 + number % 2)):
            answers[f"{domain.id}.{key}"] = value
    answers.update(follow_up_answers(form, answers))
    for item_id, value in answers.items():
        store.save_answer(session.id, item_id, value)
    closing = next(d for d in form.domains if d.kind == DomainKind.CLOSING)
    store.set_position(session.id, closing.id)


def add_safety_demo(store: Any, client_id: str) -> None:
    """An ALPHA-NL whose part is done: the midwife confirmed at hand-over that she was alone,
    and she answered 'ja' on the safety question (the discussion shows the flag on top)."""
    from services.selfreport_flow import SelfReportFlow

    alpha = newest_form("alpha-nl")
    form = alpha.form
    session = store.start_session(client_id, alpha)
    assert form.safety is not None
    store.save_answer(session.id, form.safety.gate, True, by="J. de Wit")
    answers: dict[str, Any] = {form.safety.gate: True}
    flow = SelfReportFlow(form, answers)
    while (item_id := flow.first_unanswered()) is not None:
        _domain, item = form.item_index()[item_id]
        if item.safety or item_id.endswith(".has_partner"):
            value: Any = True
        elif item.type.value == "yes_no":
            value = False
        elif item.scale:
            points = form.scale(item.scale).values()
            value = points[2] if item_id.startswith("emotions.") else points[0]
        else:
            value = "Gaat goed"
        store.save_answer(session.id, item_id, value)
        flow.set_answer(item_id, value)


# ----- inside: driving the screens ----------------------------------------------------------------

Step = Callable[[], bool] | int


class Director:
    """Runs a generator of steps on the event loop: a yielded int waits that many ms, a
    yielded callable is polled until it returns True."""

    def __init__(self, app: Any, script: Iterator[Step]) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self.script = script
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._advance)
        self.waiting: Callable[[], bool] | None = None
        self.deadline = 0.0
        self.failed: BaseException | None = None

    def start(self) -> None:
        self.timer.start(0)

    def _advance(self) -> None:
        try:
            if self.waiting is not None:
                if not self.waiting():
                    if time.monotonic() > self.deadline:
                        raise TimeoutError("a screen did not appear in time")
                    self.timer.start(30)
                    return
                self.waiting = None
            step = next(self.script)
        except StopIteration:
            self.app.quit()
            return
        except BaseException as exc:  # reported after the loop ends
            self.failed = exc
            self.app.quit()
            return
        if isinstance(step, int):
            self.timer.start(step)
        else:
            self.waiting = step
            self.deadline = time.monotonic() + 20
            self.timer.start(0)


def grab(out_dir: Path, name: str, window: Any) -> None:
    from PySide6.QtGui import QGuiApplication, QPainter
    from PySide6.QtWidgets import QApplication, QDialog

    if QGuiApplication.platformName() == "xcb":
        pixmap = QGuiApplication.primaryScreen().grabWindow(0)
    else:
        pixmap = window.grab()
        painter = QPainter(pixmap)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                painter.drawPixmap(widget.pos() - window.pos(), widget.grab())
        painter.end()
    path = out_dir / f"{name}.png"
    pixmap.save(str(path))
    print(f"screenshots: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def script(out_dir: Path, work: Path, app: Any, forms_only: bool = False) -> Iterator[Step]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from storage.records import KdfParams
    from ui.app import make_main_window
    from ui.settings import SettingsStore

    kdf = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
    settings = SettingsStore(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    from ui.settings import AppSettings

    profile = dict(organisation="GGD Voorbeeldregio", professional="J. de Wit",
                   role="jeugdverpleegkundige", phone="010 123 45 67",
                   email="j.dewit@ggd-voorbeeld.invalid")

    def place(window: Any) -> None:
        window.setGeometry(0, 0, WIDTH, HEIGHT)
        window.show()
        window.raise_()
        window.activateWindow()

    def shot(name: str, window: Any) -> None:
        grab(out_dir, name, window)

    # 1. first start: who holds the conversations, then create the store
    first = make_main_window(work / "new-store", settings, kdf=kdf)
    place(first)
    yield lambda: first.isVisible() and first.current_screen() is first.profile_page
    yield 400
    for name, value in {**profile, "agb": "12345678"}.items():
        first.profile_page.fields.edits[name].setText(value)
    yield 200
    shot("00-eerste-start-over-u", first)
    first.profile_page.submit()
    yield lambda: first.current_screen() is first.create_page
    yield 300
    first.create_page.passphrase.setText(PASSPHRASE)
    first.create_page.confirm.setText(PASSPHRASE)
    yield 200
    shot("01-opslag-aanmaken", first)
    first.close()

    # 2. unlock the demo store (one wrong attempt first)
    window = make_main_window(work / "demo-store", settings, kdf=kdf)
    place(window)
    yield lambda: window.isVisible() and window.current_screen() is window.unlock_page
    yield 500
    shot("02-ontgrendelen", window)
    page = window.unlock_page
    page.passphrase.setText("verkeerde wachtwoordzin")
    page.submit()
    yield lambda: page.error.isVisible()
    yield 200
    shot("03-verkeerde-wachtwoordzin", window)
    page.passphrase.setText(PASSPHRASE)
    page.submit()
    yield lambda: not window.is_locked
    yield 400
    shot("04-clienten", window)
    if forms_only:
        yield from forms_screens(window, shot, work, out_dir, PASSPHRASE)
        window.close()
        return

    # 3. instant search and the new-client dialog
    list_page = window.list_page
    list_page.search.setText("sanne")
    yield 300
    shot("05-clienten-zoeken", window)
    list_page.search.clear()
    list_page.new_client()
    dialog = list_page.dialog
    dialog.name.setText("Eline Visser")
    dialog.due_date.setText("09-06-2027")
    dialog.referrer.setText("M. Smits")
    dialog.referrer_role.setText("verloskundige")
    dialog.referrer_practice.setText("Verloskundigenpraktijk De Linde")
    yield 400
    shot("06-nieuwe-client", window)
    dialog.reject()
    yield 200

    # 4. the client page and its tabs
    sanne = next(c for c in list_page.model.clients if c.name == "Sanne de Vries")
    window.show_client(sanne.id)
    yield lambda: window._catalog is not None
    window.client_page.refresh()
    yield 400
    shot("07-client-gesprekken", window)
    window.client_page.tabs.setCurrentIndex(1)
    yield 300
    shot("08-client-toestemmingen", window)
    window.client_page.tabs.setCurrentIndex(2)
    yield 300
    shot("09-client-logboek", window)
    window.client_page.tabs.setCurrentIndex(0)
    window.client_page.edit_client()
    yield lambda: window.client_page.dialog is not None and window.client_page.dialog.isVisible()
    yield 300
    shot("09b-client-gegevens-wijzigen", window)
    window.client_page.dialog.reject()
    yield 200

    # 5. new conversation dialog, then resume the draft
    window.router.start_new_session(sanne.id)
    yield lambda: window.new_session_dialog is not None and window.new_session_dialog.isVisible()
    window.new_session_dialog.select("prespark")
    yield 400
    shot("10-nieuw-gesprek", window)
    window.new_session_dialog.reject()
    yield 200
    draft = next(s for s in window.store.list_sessions(sanne.id) if s.state == "draft")
    window.open_session(draft.id)
    yield 800
    shot("11-gesprek", window)
    window.router.close_session()
    yield 200

    # 5b. exports: per session (letter preview, report, refusal without consent) and per period
    completed = next(s for s in window.store.list_sessions(sanne.id) if s.state == "completed")
    window.export_session(completed.id)
    yield lambda: window.export_dialog is not None and window.export_dialog.isVisible()
    yield 400
    shot("15-export-brief", window)
    window.export_dialog.choose("report")
    yield 300
    shot("16-export-verslag", window)
    window.export_dialog.reject()
    yield 200
    window.export_session(draft.id)
    yield lambda: window.export_dialog is not None and window.export_dialog.isVisible()
    window.export_dialog.choose("letter")
    yield 400
    shot("17-export-geen-toestemming", window)
    window.export_dialog.reject()
    yield 200
    window.open_period_export()
    yield lambda: window.export_dialog is not None and window.export_dialog.isVisible()
    period = window.export_dialog
    period.set_period(date(date.today().year, 1, 1), date.today())
    yield 300
    shot("18-rapportages", window)
    period.choose("csv", "prespark")
    period.make_key()
    period.export_to(work / "onderzoek.csv")
    yield lambda: not period.busy
    yield 400
    shot("19-onderzoeksgegevens-klaar", window)
    period.reject()
    window.activateWindow()
    yield 200

    # 6. settings, and the locked screen
    window.open_settings()
    yield lambda: window.settings_dialog is not None and window.settings_dialog.isVisible()
    yield 400
    shot("12-instellingen", window)
    window.settings_dialog.reject()
    window.activateWindow()
    yield 200
    window.lock()
    window.activateWindow()
    yield 400
    shot("13-vergrendeld", window)

    # 7. the same clients screen in English
    page = window.unlock_page
    page.passphrase.setText(PASSPHRASE)
    page.submit()
    yield lambda: not window.is_locked
    window.apply_settings(AppSettings(**profile, language="en"))
    window.show_clients()
    yield 400
    shot("14-clients-english", window)

    # 8. the conversation screens (in Dutch again): together view and closing of the draft
    window.apply_settings(AppSettings(**profile, language="nl"))
    yield from conversation_screens(window, draft.id, shot)
    yield from forms_screens(window, shot, work, out_dir, PASSPHRASE)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.reject()
    window.close()


def conversation_screens(window: Any, draft_id: str, shot: Callable[[str, Any], None]
                         ) -> Iterator[Step]:
    """Together view and closing page of the preSPARK draft, a GIZ triangle and its analysis,
    an ALPHA-NL handed to the client (choice, language, a question) and its discussion."""
    store = window.store
    window.open_session(draft_id)
    session_view = window.current_screen()
    yield 500
    session_view.show_together()
    yield 500
    shot("20-gesprek-samen", window)
    session_view.show_closing()
    yield 500
    shot("21-gesprek-afronden", window)
    window.router.close_session()
    yield 200

    giz = next(s for s in store.list_sessions() if s.form_id == "giz-uitgebreid")
    window.open_session(giz.id)
    giz_view = window.current_screen()
    yield 500
    giz_view.show_phase("triangle")
    giz_view.open_factor(giz_view.factors[0].id)
    yield 600
    shot("22-giz-driehoek", window)
    giz_view.show_phase("gom")
    yield 600
    shot("23-giz-samen-analyseren", window)
    window.router.close_session()
    yield 200

    multi = next(s for s in store.list_sessions() if s.form_id == "giz-multidisciplinair")
    window.open_session(multi.id)
    multi_view = window.current_screen()
    yield 500
    multi_view.show_phase("triangle")
    factor = multi_view.factors[1]
    multi_view.open_factor(factor.id)
    box = multi_view.factor_panel.view_boxes[f"{factor.id}.status"]
    page = multi_view.factor_panel.pages[factor.id]
    page.verticalScrollBar().setValue(box.mapTo(page.widget(), box.rect().topLeft()).y() - 8)
    yield 600
    shot("22b-giz-multidisciplinair-eigen-kijk", window)
    window.router.close_session()
    yield 200

    yield from closing_screens(window, shot)

    alpha = next(s for s in store.list_sessions() if s.form_id == "alpha-nl"
                 and not store.get_session(s.id).answers.get("handover.alone"))
    window.open_session(alpha.id)
    yield 500
    shot("24-zelf-invullen-kiezen", window)
    window.current_screen().give_button.click()
    yield lambda: window.selfreport_window is not None and window.selfreport_window.isVisible()
    her = window.selfreport_window
    yield 800
    shot("25-zelf-invullen-taal", her)
    her.choose_language("nl")
    her.begin()
    yield 600
    shot("26-zelf-invullen-vraag", her)
    her.request_leave()
    her.lock_panel.field.setText(PASSPHRASE)
    her.lock_panel.ok_button.click()
    yield lambda: window.selfreport_window is None
    window.activateWindow()
    yield 700
    shot("27-bespreken", window)
    window.router.close_session()
    yield 200


def closing_screens(window: Any, shot: Callable[[str, Any], None]) -> Iterator[Step]:
    """The closing page of a fully answered preSPARK before and after 'Toon suggestie van de
    app', the confirmation before completing, and an ALPHA-NL discussion with a safety flag."""
    store = window.store
    mulder = next(c for c in store.search_clients() if c.name == "Sanne Mulder")
    draft = next(s for s in store.list_sessions(mulder.id) if s.form_id == "prespark")
    window.open_session(draft.id)
    view = window.current_screen()
    yield 500
    closing = view.closing
    closing.show_suggestion.setChecked(False)
    closing.ensureWidgetVisible(closing.panels[0], 0, 0)
    yield 500
    shot("28-afronden-eigen-afweging", window)
    closing.show_suggestion.setChecked(True)
    yield 300
    closing.ensureWidgetVisible(closing.panels[0].why, 0, 40)
    yield 500
    shot("29-afronden-suggestie-getoond", window)
    closing.show_suggestion.setChecked(False)  # the next professional starts without it
    view.finish()
    yield lambda: view.finish_dialog is not None and view.finish_dialog.isVisible()
    yield 500
    shot("30-afronden-bevestigen", window)
    view.finish_dialog.reject()
    window.router.close_session()
    yield 200

    fatima = next(c for c in store.search_clients() if c.name == "Fatima el Amrani")
    flagged = next(s for s in store.list_sessions(fatima.id) if s.form_id == "alpha-nl"
                   and store.get_session(s.id).answers.get("handover.alone") is True)
    window.open_session(flagged.id)
    yield lambda: window.current_screen().is_discussion
    yield 700
    shot("31-bespreken-veiligheid", window)
    window.router.close_session()
    yield 200


def room_script(out_dir: Path, work: Path, app: Any) -> Iterator[Step]:
    """The small-screen set at this run's screen size (SAMENSPRAAK_SHOTS_SIZE): preSPARK's
    domain page, together view, closing page and a completed session, and (at 1024×600) the
    self-report question page. The window fills the screen, as on a laptop without panels."""
    from PySide6.QtCore import QSettings

    from storage.records import KdfParams
    from ui.app import make_main_window
    from ui.settings import AppSettings, SettingsStore

    width, height = (int(n) for n in os.environ["SAMENSPRAAK_SHOTS_SIZE"].split("x"))
    prefix = f"{width}x{height}"
    kdf = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
    settings = SettingsStore(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    settings.save(AppSettings(organisation="GGD Voorbeeldregio", professional="J. de Wit",
                              role="jeugdverpleegkundige", language="nl"))
    window = make_main_window(work / "demo-store", settings, kdf=kdf)
    window.setGeometry(0, 0, width, height)
    window.show()
    window.raise_()
    window.activateWindow()

    def shot(name: str, widget: Any = window) -> None:
        if (widget.width(), widget.height()) != (width, height):
            print(f"screenshots: {name} is {widget.width()}×{widget.height()}, larger than the "
                  "screen", file=sys.stderr)
        grab(out_dir, f"{prefix}-{name}", widget)

    yield lambda: window.isVisible() and window.current_screen() is window.unlock_page
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.submit()
    yield lambda: not window.is_locked and window._catalog is not None
    yield 300
    shot("clienten")
    store = window.store
    clients = {c.name: c for c in store.search_clients()}
    sanne = clients["Sanne de Vries"]
    window.show_client(sanne.id)
    yield 400
    shot("client")
    sessions = store.list_sessions(sanne.id)
    draft = next(s for s in sessions if s.state == "draft" and s.form_id == "prespark")
    done = next(s for s in sessions if s.state == "completed" and s.form_id == "prespark")
    window.open_session(draft.id)
    yield 800
    shot("gesprek")
    view = window.current_screen()
    view.show_together()
    yield 500
    shot("samen")
    window.router.close_session()
    yield 200
    mulder = clients["Sanne Mulder"]
    ready = next(s for s in store.list_sessions(mulder.id) if s.form_id == "prespark")
    window.open_session(ready.id)
    yield 800
    shot("afronden")
    window.router.close_session()
    yield 200
    window.open_session(done.id)
    yield 800
    shot("afgerond")
    view = window.current_screen()
    view.go_to_domain(view.controller.pages[2].id)
    yield 500
    shot("afgerond-domein")
    view.show_together()
    yield 500
    shot("afgerond-samen")
    window.router.close_session()
    yield 200
    window.show_client(sanne.id)
    window.client_page.tabs.setCurrentIndex(2)
    yield 400
    shot("logboek")
    window.client_page.tabs.setCurrentIndex(0)

    fatima = clients["Fatima el Amrani"]
    alpha = next(s for s in store.list_sessions(fatima.id) if s.form_id == "alpha-nl"
                 and not store.get_session(s.id).answers.get("handover.alone"))
    window.open_session(alpha.id)
    yield 500
    window.current_screen().give_button.click()
    yield lambda: window.selfreport_window is not None and window.selfreport_window.isVisible()
    her = window.selfreport_window
    yield 800
    shot("zelf-invullen-taal", her)
    her.choose_language("nl")
    her.begin()
    yield 600
    shot("zelf-invullen-vraag", her)
    her.question_page.answer_buttons[1].click()
    yield 400
    shot("zelf-invullen-gekozen", her)
    her.request_leave()
    her.lock_panel.field.setText(PASSPHRASE)
    her.lock_panel.ok_button.click()
    yield lambda: window.selfreport_window is None
    yield 300
    window.close()


def run_inside(out_dir: Path, forms_only: bool = False, *, room: bool = False) -> int:
    from ui.app import make_application

    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory(prefix="samenspraak-shots-") as tmp:
        work = Path(tmp)
        build_demo_store(work / "demo-store")
        steps = (room_script(out_dir, work, app) if room
                 else script(out_dir, work, app, forms_only))
        director = Director(app, steps)
        director.start()
        app.exec()
        if director.failed is not None:
            print(f"screenshots: failed: {director.failed}", file=sys.stderr)
            return 1
    return 0


def main(argv: list[str]) -> int:
    forms_only = FORMS_ONLY in argv
    argv = [a for a in argv if a != FORMS_ONLY]
    if argv and argv[0] == INSIDE:
        return run_inside(Path(argv[1]).resolve(), forms_only, room="--room" in argv[2:])
    room_dir: Path | None = None
    for flag in ("--room", "--room-only"):
        if flag in argv:
            at = argv.index(flag)
            room_dir = Path(argv[at + 1]).resolve()
            del argv[at:at + 2]
            if flag == "--room-only":
                argv = []
                break
    else:
        flag = ""
    status = 0
    if flag != "--room-only":
        out_dir = Path(argv[0] if argv else ROOT / "docs" / "screenshots").resolve()
        status = run_outside(out_dir, [FORMS_ONLY] if forms_only else [])
    if room_dir is not None:
        for size in ROOM_SIZES:
            status = status or run_outside(room_dir, [], size, room=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
