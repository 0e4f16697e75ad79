"""Builders of export inputs for the export tests and benches (fictional clients only)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from export.inputs import ClientInfo, ConsentInput, Letterhead, SessionInput
from instruments.answers import DECLINED
from instruments.loader import LoadedForm, load_form_file
from instruments.scoring import make_decision, score

DATA = Path(__file__).resolve().parent / "data"
TEST_FORM = DATA / "export_test_form.yaml"
HIDDEN_MARKER = "GEHEIMXYZ"  # answered, then hidden by its condition: must never be exported
SHOWN_MARKER = "ZICHTBAARQ"

LETTERHEAD = Letterhead(organisation="JGZ Voorbeeldstad", professional="Anna de Vries",
                        role="jeugdverpleegkundige", address="Laan 1, 1234 AB Voorbeeldstad",
                        phone="010-1234567")


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
            decisions.append(make_decision(loaded.form, outcome, decided or outcome.suggested,
                                           reason, decided_by="Anna de Vries"))
    when = when or datetime(2026, 11, 2, 10, 30)
    return SessionInput(
        session_id=session_id, client_id=client_id, loaded=loaded,
        answers=answers,  # type: ignore[arg-type]
        decisions=tuple(decisions), notes="Moeder wil graag hulp bij de administratie.",
        state="completed", created_at=when, completed_at=when, letterhead=LETTERHEAD,
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
