"""The `samenspraak selfcheck` command: proves an installed (or frozen) app works end to end.

Without a display and without touching the user's store it loads every form, checks the
bundled resources and Qt, creates a throw-away encrypted store in a fresh temporary folder,
adds a fictional client, takes a session on the preSPARK form, saves and reads back an
answer, renders a consented letter to memory and its first page to pixels (PDFium, the letter
preview's path), loads the platform's speech driver (without speaking), erases the client and
removes the folder.
Every check prints one line (`ok NAME: detail` or `FAIL NAME: reason`); exit code 1 on any
failure. Check names are fixed English words so scripts can rely on them.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from instruments.i18n import tr
from storage.records import Conductor

if TYPE_CHECKING:
    from storage.store import Store

# The form a session is taken on; every shipped catalog has it.
SELFCHECK_FORM = "prespark"
# Who holds the self-check's fictional conversation.
SELFCHECK_CONDUCTOR = Conductor(name="Selfcheck", role="controle", organisation="Selfcheck")
# The fictional client: never a real person, recognisable in the (encrypted) audit of the
# throw-away store only.
FICTIONAL_NAME = "Selfcheck Fictief"
FICTIONAL_REFERRER = "Verloskundigenpraktijk Selfcheck"
# Cheap but real Argon2id parameters: the store is thrown away seconds later.
CHEAP_KDF = (8 * 1024, 1, 1)


class CheckFailed(Exception):
    """A check found something wrong; the message is the one-line reason."""


@dataclass
class CheckState:
    """What the checks hand on to each other."""

    lang: str
    forms_dir: str | None
    catalog: Any = None
    folder: Path | None = None
    store: Store | None = None  # set by the first check, closed by the last
    client_id: str = ""
    session_id: str = ""
    item_id: str = ""
    value: int = 0
    letter_pdf: bytes = b""
    passed: list[str] = field(default_factory=list)


def register(subparsers: Any) -> None:
    """Add `samenspraak selfcheck`."""
    parser = subparsers.add_parser("selfcheck", help=tr("cli.selfcheck.help"))
    parser.add_argument("--lang", default="nl", choices=("nl", "en"),
                        help=tr("cli.selfcheck.lang"))
    parser.add_argument("--forms-dir", metavar="DIR", help=tr("cli.selfcheck.forms_dir"))
    parser.set_defaults(handler=run_selfcheck)


def run_selfcheck(args: argparse.Namespace) -> int:
    """Run every check in order; stop at the first failure; always clean up."""
    state = CheckState(lang=args.lang, forms_dir=getattr(args, "forms_dir", None))
    started = time.perf_counter()
    checks: list[tuple[str, Callable[[CheckState], str]]] = [
        ("version", check_version),
        ("forms", check_forms),
        ("resources", check_resources),
        ("qt", check_qt),
        ("store", check_store),
        ("client", check_client),
        ("session", check_session),
        ("answer", check_answer),
        ("letter", check_letter),
        ("preview", check_preview),
        ("speech", check_speech),
        ("fhir", check_fhir),
        ("erase", check_erase),
    ]
    failed = False
    try:
        for name, check in checks:
            if not _run(name, check, state):
                failed = True
                break
    finally:
        if not _run("cleanup", cleanup, state):
            failed = True
    if failed:
        return 1
    seconds = time.perf_counter() - started
    print(tr("cli.selfcheck.all_ok", args.lang, count=len(state.passed), seconds=f"{seconds:.1f}"))
    return 0


def _run(name: str, check: Callable[[CheckState], str], state: CheckState) -> bool:
    try:
        detail = check(state)
    except Exception as exc:  # a selfcheck reports every failure as one line, never a traceback
        print(f"FAIL {name}: {_reason(exc)}", flush=True)
        return False
    state.passed.append(name)
    print(f"ok {name}: {detail}", flush=True)
    return True


def _reason(exc: BaseException) -> str:
    """One line: the message of a CheckFailed, else the error type and its first line, and
    the underlying cause (a selfcheck handles only fictional data, so the cause may show)."""
    if isinstance(exc, CheckFailed):
        return _first_line(exc)
    reason = _described(exc)
    cause = exc.__cause__
    if cause is None and not exc.__suppress_context__:
        cause = exc.__context__
    return f"{reason} ({_described(cause)})" if cause is not None else reason


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


def _described(exc: BaseException) -> str:
    text = _first_line(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ----- the checks ------------------------------------------------------------------------------


def check_version(state: CheckState) -> str:
    """The version `samenspraak --version` prints must be readable (package metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("samenspraak")
    except PackageNotFoundError:
        raise CheckFailed(tr("cli.selfcheck.no_metadata", state.lang)) from None
    where = tr("cli.selfcheck.frozen" if getattr(sys, "frozen", False) else "cli.selfcheck.source",
               state.lang)
    return tr("cli.selfcheck.version_ok", state.lang, version=found, where=where,
              python=".".join(map(str, sys.version_info[:3])), platform=sys.platform)


def check_forms(state: CheckState) -> str:
    from instruments.loader import load_catalog

    catalog, problems = load_catalog(state.forms_dir)
    if problems:
        raise CheckFailed(tr("cli.selfcheck.form_problems", state.lang, count=len(problems),
                             first=str(problems[0])))
    if len(catalog) == 0:
        raise CheckFailed(tr("cli.selfcheck.no_forms", state.lang))
    if catalog.latest(SELFCHECK_FORM) is None:
        raise CheckFailed(tr("cli.selfcheck.form_missing", state.lang, form=SELFCHECK_FORM))
    state.catalog = catalog
    return tr("cli.selfcheck.forms_ok", state.lang, count=len(catalog), ids=len(catalog.ids()))


def check_resources(state: CheckState) -> str:
    """Translations in both UI languages and the fonts every PDF embeds."""
    from instruments.i18n import UI_LANGUAGES, catalog
    from instruments.paths import resources_dir

    counts = {lang: len(catalog(lang)) for lang in UI_LANGUAGES}
    empty = [lang for lang, count in counts.items() if count == 0]
    if empty:
        raise CheckFailed(tr("cli.selfcheck.no_messages", state.lang, langs=", ".join(empty)))
    fonts = resources_dir() / "fonts"
    missing = [n for n in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf") if not (fonts / n).is_file()]
    if missing:
        raise CheckFailed(tr("cli.selfcheck.no_fonts", state.lang, names=", ".join(missing),
                             folder=str(fonts)))
    return tr("cli.selfcheck.resources_ok", state.lang,
              messages=", ".join(f"{lang} {count}" for lang, count in counts.items()))


def check_qt(state: CheckState) -> str:
    """Qt starts (offscreen when there is no display), paints a widget, and the app's windows
    import: in a frozen app this proves the Qt plugins and every ui module were bundled."""
    if not os.environ.get("QT_QPA_PLATFORM") and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import importlib

    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(["samenspraak-selfcheck"])
    if not isinstance(app, QApplication):
        raise CheckFailed(tr("cli.selfcheck.qt_no_widgets", state.lang))
    label = QLabel(tr("cli.selfcheck.qt_label", state.lang))
    label.resize(120, 30)
    picture = label.grab()
    if picture.isNull() or picture.width() < 1:
        raise CheckFailed(tr("cli.selfcheck.qt_no_paint", state.lang))
    for module in ("ui.app", "ui.main_window", "ui.session.view"):
        importlib.import_module(module)
    return tr("cli.selfcheck.qt_ok", state.lang, version=pyside_version,
              platform=app.platformName())


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def check_store(state: CheckState) -> str:
    """A new encrypted store in a fresh temporary folder (never the user's store)."""
    import sqlcipher3

    from storage.records import KdfParams
    from storage.store import Store

    state.folder = Path(tempfile.mkdtemp(prefix="samenspraak-selfcheck-"))
    memory_kib, time_cost, parallelism = CHEAP_KDF
    state.store = Store.create(
        state.folder / "store", secrets.token_urlsafe(24), user="selfcheck",
        kdf=KdfParams(memory_kib=memory_kib, time_cost=time_cost, parallelism=parallelism),
    )
    problems = state.store.check()
    if problems:
        raise CheckFailed(tr("cli.selfcheck.store_problems", state.lang, first=problems[0]))
    with _closing(sqlcipher3.connect(":memory:")) as conn:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    cipher = str(row[0]) if row else "?"
    return tr("cli.selfcheck.store_ok", state.lang, cipher=cipher)


@contextmanager
def _closing(conn: Any) -> Iterator[Any]:
    try:
        yield conn
    finally:
        conn.close()


def check_client(state: CheckState) -> str:
    """A fictional client, and proof that the store files hold no readable trace of it."""
    client = state.store.add_client(FICTIONAL_NAME, referrer=FICTIONAL_REFERRER,
                                    referrer_role="verloskundige")
    state.client_id = client.id
    if state.store.get_client(client.id).name != FICTIONAL_NAME:
        raise CheckFailed(tr("cli.selfcheck.client_mismatch", state.lang))
    assert state.folder is not None
    needle = FICTIONAL_NAME.encode("utf-8")
    for path in sorted((state.folder / "store").iterdir()):
        if path.is_file() and needle in path.read_bytes():
            raise CheckFailed(tr("cli.selfcheck.plaintext", state.lang, file=path.name))
    return tr("cli.selfcheck.client_ok", state.lang)


def check_session(state: CheckState) -> str:
    loaded = state.catalog.latest(SELFCHECK_FORM)
    session = state.store.start_session(state.client_id, loaded, SELFCHECK_CONDUCTOR)
    state.session_id = session.id
    if session.form_hash != loaded.content_hash or session.form_text != loaded.source:
        raise CheckFailed(tr("cli.selfcheck.session_unpinned", state.lang))
    return tr("cli.selfcheck.session_ok", state.lang, form=loaded.form.id,
              version=loaded.form.version)


def check_answer(state: CheckState) -> str:
    """Save the highest point of the first scale item and read it back from the store."""
    from instruments.model import ItemType

    form = state.catalog.latest(SELFCHECK_FORM).form
    for full_id, _domain, item in form.all_items():
        if item.type == ItemType.SCALE and item.scale and item.show_if is None:
            state.item_id = full_id
            state.value = max(p.value for p in form.scale(item.scale).points)
            break
    else:
        raise CheckFailed(tr("cli.selfcheck.no_scale_item", state.lang, form=form.id))
    state.store.save_answer(state.session_id, state.item_id, state.value, by="parent")
    stored = state.store.get_session(state.session_id).answers.get(state.item_id)
    if stored != state.value:
        raise CheckFailed(tr("cli.selfcheck.answer_mismatch", state.lang, item=state.item_id))
    return tr("cli.selfcheck.answer_ok", state.lang, item=state.item_id, value=state.value)


def check_letter(state: CheckState) -> str:
    """A consented letter to the referrer, rendered to memory with the bundled fonts."""
    from export.inputs import Letterhead
    from export.letter import build_letter
    from instruments.scoring import decide, score
    from services.export_inputs import client_info, consent_inputs, session_input

    store = state.store
    store.add_consent(state.session_id, given_by="ouder", recipient=FICTIONAL_REFERRER,
                      scope="gesprek,uitkomst,domeinen", kind="verwijzer")
    # A letter goes only from a decided, completed session: decide every outcome first.
    draft = store.get_session(state.session_id)
    form = store.session_form(draft)
    levels = {o.id: o.levels for o in form.outcomes}
    for result in score(form, draft.answers).outcomes:
        if result.needs_decision:
            decided = (result.suggested if result.suggested in levels[result.outcome_id]
                       else levels[result.outcome_id][0])
            store.save_decision(state.session_id, decide(
                form, result, decided, reason="selfcheck", decided_by="Selfcheck"))
    store.complete_session(state.session_id)
    record = store.get_session(state.session_id)
    pdf = build_letter(
        session_input(store, record, Letterhead("Selfcheck", "Selfcheck")),
        client_info(store.get_client(state.client_id)),
        consent_inputs(store.consents(session_id=state.session_id)),
        lang=state.lang,
    )
    if not pdf.startswith(b"%PDF-"):
        raise CheckFailed(tr("cli.selfcheck.not_pdf", state.lang))
    if b"DejaVuSans" not in pdf:
        raise CheckFailed(tr("cli.selfcheck.font_not_embedded", state.lang))
    state.letter_pdf = pdf
    return tr("cli.selfcheck.letter_ok", state.lang, kb=f"{len(pdf) / 1024:.0f}")


def check_preview(state: CheckState) -> str:
    """The letter's pages drawn to pixels through pypdfium2, as the letter preview does: in a
    frozen app this proves PDFium's native library was bundled and loads."""
    from services.pdf_pages import render_pages

    pages = render_pages(state.letter_pdf, scale=0.5)
    if not pages:
        raise CheckFailed(tr("cli.selfcheck.preview_no_pages", state.lang))
    first = pages[0]
    if first.width < 1 or len(first.pixels) < first.stride * first.height:
        raise CheckFailed(tr("cli.selfcheck.preview_empty", state.lang))
    if first.pixels.count(255) == len(first.pixels):  # all white: no text was drawn
        raise CheckFailed(tr("cli.selfcheck.preview_blank", state.lang))
    return tr("cli.selfcheck.preview_ok", state.lang, pages=len(pages), width=first.width,
              height=first.height)


# Drivers whose speech library the system may lack (espeak-ng is a separate package on Linux);
# when it cannot load there, the app says it has no voice and the check passes with a note.
OPTIONAL_SPEECH_DRIVERS = frozenset({"espeak"})


def speech_driver_name() -> str:
    """The pyttsx3 driver module `pyttsx3.init()` loads on this platform."""
    try:
        from pyttsx3.engine import default_engine_by_sys_platform
    except ImportError:  # an older pyttsx3 without the table
        return {"win32": "sapi5", "darwin": "nsss"}.get(sys.platform, "espeak")
    return str(default_engine_by_sys_platform())


def check_speech(state: CheckState) -> str:
    """The platform's pyttsx3 driver module (imported by name at run time, so a bundle can
    miss it) is there and loads; nothing is spoken. A Linux system without espeak-ng passes
    with a note (the app then says it has no voice); SAPI5 and NSSpeechSynthesizer come with
    Windows and macOS, so there a driver that fails to load is a failure."""
    import importlib
    import importlib.util

    name = speech_driver_name()
    module_name = f"pyttsx3.drivers.{name}"
    try:
        found = importlib.util.find_spec(module_name)
    except ImportError:  # pyttsx3 itself is missing
        found = None
    if found is None:
        raise CheckFailed(tr("cli.selfcheck.speech_missing", state.lang, module=module_name))
    try:  # an ImportError (a module the driver needs was not bundled) is a failure
        module = importlib.import_module(module_name)
    except (OSError, RuntimeError) as exc:
        if name not in OPTIONAL_SPEECH_DRIVERS:
            raise  # SAPI5 and NSSpeechSynthesizer come with the system: a bundle problem
        return tr("cli.selfcheck.speech_no_library", state.lang, module=module_name,
                  reason=_first_line(exc))
    if not callable(getattr(module, "buildDriver", None)):
        raise CheckFailed(tr("cli.selfcheck.speech_missing", state.lang, module=module_name))
    return tr("cli.selfcheck.speech_ok", state.lang, module=module_name)


def check_fhir(state: CheckState) -> str:
    """The form as FHIR Questionnaire and the session as QuestionnaireResponse (R4B), as JSON:
    in a frozen app this proves the FHIR models the export loads by name were bundled."""
    import json

    from export.fhir import questionnaire, questionnaire_response, to_json
    from export.inputs import Letterhead
    from services.export_inputs import client_info, session_input

    store = state.store
    loaded = state.catalog.latest(SELFCHECK_FORM)
    form_json = json.loads(to_json(questionnaire(loaded, lang=state.lang)))
    record = store.get_session(state.session_id)
    response = json.loads(to_json(questionnaire_response(
        session_input(store, record, Letterhead("Selfcheck", "Selfcheck")),
        client_info(store.get_client(state.client_id)), lang=state.lang)))
    kinds = (form_json.get("resourceType"), response.get("resourceType"))
    if kinds != ("Questionnaire", "QuestionnaireResponse") or not response.get("item"):
        raise CheckFailed(tr("cli.selfcheck.fhir_wrong", state.lang))
    return tr("cli.selfcheck.fhir_ok", state.lang, items=len(form_json.get("item", [])))


def check_erase(state: CheckState) -> str:
    from storage.errors import RecordNotFound

    state.store.erase_client(state.client_id)
    if state.store.search_clients(""):
        raise CheckFailed(tr("cli.selfcheck.erase_left_client", state.lang))
    try:
        state.store.get_session(state.session_id)
    except RecordNotFound:
        pass
    else:
        raise CheckFailed(tr("cli.selfcheck.erase_left_session", state.lang))
    return tr("cli.selfcheck.erase_ok", state.lang)


def cleanup(state: CheckState) -> str:
    """Close the throw-away store and remove its folder (also after a failed check)."""
    if state.store is not None:
        state.store.close()
        state.store = None
    if state.folder is None:
        return tr("cli.selfcheck.cleanup_nothing", state.lang)
    folder, state.folder = state.folder, None
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        raise CheckFailed(tr("cli.selfcheck.cleanup_left", state.lang, folder=str(folder)))
    return tr("cli.selfcheck.cleanup_ok", state.lang)
