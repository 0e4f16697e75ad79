"""Builders of export inputs for the export tests and benches (fictional clients only)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from export.inputs import ClientInfo, ConsentInput, Letterhead, Professional, SessionInput
from instruments import scoring
from instruments.answers import DECLINED
from instruments.loader import LoadedForm, load_form_file
from instruments.model import Form
from instruments.participant_views import ParticipantView
from instruments.scoring import score

DATA = Path(__file__).resolve().parent / "data"
TEST_FORM = DATA / "export_test_form.yaml"
HIDDEN_MARKER = "GEHEIMXYZ"  # answered, then hidden by its condition: must never be exported
SHOWN_MARKER = "ZICHTBAARQ"

LETTERHEAD = Letterhead(organisation="JGZ Voorbeeldstad", professional="Anna de Vries",
                        role="jeugdverpleegkundige", address="Laan 1, 1234 AB Voorbeeldstad",
                        phone="010-1234567")


# Who held the conversations (recorded at their start); never the exporter below.
CONDUCTOR = Professional(name="Anna de Vries", role="jeugdverpleegkundige",
                         organisation="JGZ Voorbeeldstad", agb="12345678",
                         phone="010-1234567", email="a.devries@jgz-voorbeeldstad.example")
EXPORTER = "Bram Exporteur"
# Multidisciplinary sessions: who gave the answers, in turn.
PARTICIPANTS = ("Anna de Vries (JGZ)", "Samira Bakker (wijkteam)", "Joost Peters (school)")


def load_test_form() -> LoadedForm:
    return load_form_file(TEST_FORM)


def sample_answers() -> dict[str, object]:
    return {
        "intro.present": "moeder en vader",
        # health: low concern, so the concern text is hidden though an old answer is stored
        "health.concern": 1,
        "health.concern_text": HIDDEN_MARKER,
        "health.need": 1,
        "health.prof": 2,
        "health.actions": [],
        # housing: concerns, the text is visible
        "housing.concern": 4,
        "housing.concern_text": SHOWN_MARKER,
        "housing.help_given": True,
        "housing.need": 4,
        "housing.prof": 5,
        "housing.actions": ["Aanmelden bij schuldhulpverlening"],
        "support.concern": 2,
        "support.help_given": False,
        "support.need": DECLINED,
        "support.prof": 3,
        "relation.concern": 3,
        "relation.concern_text": "soms ruzie",
        "relation.need": 2,
        "relation.prof": 5,
        "relation.actions": ["Huisbezoek over zes weken"],
        "closing.summary": "Goed gesprek.",
    }


def session_for(loaded: LoadedForm, answers: dict[str, object], *, decided: str | None = None,
                reason: str | None = None, session_id: str = "s1", client_id: str = "c1",
                when: datetime | None = None) -> SessionInput:
    decisions = []
    result = score(loaded.form, answers)  # type: ignore[arg-type]
    for outcome in result.outcomes:
        if outcome.needs_decision and outcome.scope is None:
            decisions.append(scoring.decide(loaded.form, outcome, decided or outcome.suggested,
                                                   reason, decided_by="Anna de Vries"))
    when = when or datetime(2026, 11, 2, 10, 30)
    return SessionInput(
        session_id=session_id, client_id=client_id, loaded=loaded,
        answers=answers,  # type: ignore[arg-type]
        decisions=tuple(decisions), notes="Moeder wil graag hulp bij de administratie.",
        state="completed", created_at=when, completed_at=when, letterhead=LETTERHEAD,
        conductor=CONDUCTOR, exported_by=EXPORTER,
    )


def make_session(**kw: object) -> SessionInput:
    return session_for(load_test_form(), sample_answers(), **kw)  # type: ignore[arg-type]


def client(name: str = "Fatma Yılmaz", referrer: str = "Verloskundigenpraktijk De Wieg") -> ClientInfo:
    return ClientInfo(name=name, birth_date=None, due_date=date(2027, 2, 14), referrer=referrer,
                      bsn="111222333")


def consent(recipient: str = "Verloskundigenpraktijk De Wieg", scope: str = "gesprek",
            active: bool = True) -> ConsentInput:
    return ConsentInput(recipient=recipient, scope=scope, given_by="moeder",
                        given_at=datetime(2026, 11, 2, 11, 0), active=active)


def pdf_text(data: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it (from memory, nothing on disk)."""
    import subprocess

    assert data.startswith(b"%PDF-")
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font of a PDF, per pdffonts."""
    import subprocess

    done = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True)
    fonts = []
    for line in done.stdout.decode().splitlines()[2:]:
        parts = line.split()
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts


def full_answers(loaded: LoadedForm) -> dict[str, object]:
    """Plausible answers to every item of a form (matrix and own items), deterministic."""
    form = loaded.form
    answers: dict[str, object] = {}
    for i, (full_id, _domain, item) in enumerate(form.all_items()):
        if item.scale:
            values = form.scale(item.scale).values()
            answers[full_id] = values[(i * 2 + len(item.key)) % len(values)]
        elif item.type.value == "yes_no":
            answers[full_id] = i % 2 == 0
        elif item.type.value == "actions":
            answers[full_id] = [f"Afspraak {i + 1}"] if i % 3 == 0 else []
        else:
            answers[full_id] = f"Toelichting {i + 1}"
    return answers


def shipped_form_file(form_id: str) -> Path:
    """The newest shipped file of a form id (e.g. 'alpha-nl'), whatever its version."""
    from instruments.paths import shipped_forms_dir

    files = [f for f in shipped_forms_dir().glob(f"{form_id}-*.yaml")
             if re.fullmatch(rf"{re.escape(form_id)}-\d+\.\d+\.\d+", f.stem)]
    assert files, f"no shipped form {form_id}"
    return max(files, key=lambda f: tuple(int(n) for n in f.stem.rsplit("-", 1)[1].split(".")))


def participant_views(form: Form) -> dict[str, dict[str, ParticipantView]]:
    """Two participants' own views on every item that takes them, differing from each other
    (the first with a note, the second without)."""
    first, second = PARTICIPANTS[0], PARTICIPANTS[1]
    out = {}
    for n, item_id in enumerate(form.view_items()):
        values = form.scale(form.item_index()[item_id][1].scale or "").values()
        out[item_id] = {first: ParticipantView(values[n % len(values)], f"eigen kijk {n}"),
                        second: ParticipantView(values[(n + 1) % len(values)])}
    return out


def shipped_session(name: str, *, decide: bool = True, **kw: object) -> SessionInput:
    """A completed session of the newest shipped version of a form id (e.g. 'alpha-nl') with
    full answers; every decided outcome confirmed in every scope when `decide`."""
    from dataclasses import replace

    loaded = load_form_file(shipped_form_file(name))
    session = session_for(loaded, full_answers(loaded), **kw)  # type: ignore[arg-type]
    if loaded.form.attributed:
        session = replace(session, answered_by={
            full_id: PARTICIPANTS[i % len(PARTICIPANTS)]
            for i, full_id in enumerate(sorted(session.answers))},
            participant_views=participant_views(loaded.form))
    if not decide:
        return replace(session, decisions=())
    decisions = [scoring.decide(loaded.form, r, r.suggested, decided_by="Anna de Vries")
                 for r in score(loaded.form, session.answers).outcomes if r.needs_decision]
    return replace(session, decisions=tuple(decisions))


def pdf_info(data: bytes) -> dict[str, str]:
    """The document information of a PDF (Title, Author, Subject, Pages ...) per pdfinfo."""
    import subprocess

    done = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-"], input=data, capture_output=True,
                          check=True)
    info = {}
    for line in done.stdout.decode("utf-8").splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page (pdftotext's form feeds), empty trailing pages dropped."""
    pages = pdf_text(data).split("\f")
    while pages and not pages[-1].strip():
        pages.pop()
    return pages
