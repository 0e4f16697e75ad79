"""The `samenspraak demo --store DIR` command: a new store with fictional clients and sessions in
every state (empty draft, half-way draft, completed, with and without consent), answered
programmatically from the shipped forms."""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from typing import Any

from instruments.answers import AnswerValue
from instruments.conditions import visibility
from instruments.i18n import tr
from instruments.loader import FormCatalog, LoadedForm, load_catalog
from instruments.model import Form, Item, ItemType
from instruments.scoring import decide, score
from storage.records import Conductor
from storage.store import Store
from ui.cli.main import CliError
from ui.cli.store_args import passphrase, store_errors, store_folder

# Fictional people only.
DEMO_NAMES = (
    "Anouk Verbeek", "Bilal El Amrani", "Chantal de Groot", "Daan Hoekstra", "Esra Yilmaz",
    "Fleur van der Linden", "Giulia Rossi", "Hamid Rahimi", "Iris Mulder", "Jasper Kok",
    "Kiki Smit", "Lina Haddad",
)
PRENATAL = ("prespark", "alpha-nl")
# Who held the demo conversations (fictional, like the clients).
# Fictional referrers (name, role, practice); the last: a client without a referrer.
DEMO_REFERRERS: tuple[tuple[str | None, str | None, str | None], ...] = (
    ("M. de Wit", "verloskundige", "Verloskundigenpraktijk De Linde"),
    ("Kraamzorg Het Nest", "kraamzorg", None),
    ("J. Kok", "huisarts", None),
    (None, None, None),
)
DEMO_CONDUCTOR = Conductor(name="Marieke de Boer", role="jeugdverpleegkundige",
                           organisation="JGZ Voorbeeldstad (demo)", phone="010 000 00 00",
                           email="m.deboer@voorbeeld.invalid")
DEMO_TEXTS = ("Besproken tijdens het gesprek.", "Ouder geeft aan dat het goed gaat.",
              "Afgesproken: contact over twee weken.")
DEMO_ACTIONS = ("Informatie meegeven", "Afspraak consultatiebureau", "Contact met verloskundige")
# Fictional professionals for multidisciplinary (attributed) forms.
PROFESSIONALS = ("Marieke de Boer (jeugdverpleegkundige)", "Ruben Jansen (jeugdarts)",
                 "Sevda Kaya (verloskundige)")
PARTICIPANTS_KEY = "participants"
STATES = ("draft_empty", "draft_partial", "completed", "completed_consent",
          "completed_withdrawn")


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help=tr("cli.demo.help"))
    demo.add_argument("--store", metavar="DIR", required=True, help=tr("cli.store.arg.store"))
    demo.add_argument("--passphrase-file", metavar="FILE",
                      help=tr("cli.store.arg.passphrase_file"))
    demo.add_argument("--clients", type=int, default=len(DEMO_NAMES),
                      help=tr("cli.demo.arg.clients"))
    demo.add_argument("--seed", type=int, default=2024, help=tr("cli.demo.arg.seed"))
    demo.add_argument("--forms-dir", metavar="DIR", help=tr("cli.forms.forms_dir"))
    demo.set_defaults(handler=run_demo)


def _value(form: Form, item: Item, rng: random.Random, concern: float) -> AnswerValue:
    if item.type in (ItemType.SCALE, ItemType.CHOICE):
        assert item.scale is not None
        values = form.scale(item.scale).values()
        if item.type == ItemType.CHOICE:
            return rng.choice(values)
        # Mostly low values; a family with more concerns scores higher.
        index = min(len(values) - 1, int(rng.random() ** (2.5 - 2 * concern) * len(values)))
        return values[index]
    if item.type == ItemType.YES_NO:
        return rng.random() < concern
    if item.type == ItemType.ACTIONS:
        return rng.sample(DEMO_ACTIONS, k=rng.randint(1, 2))
    if form.attributed and item.key == PARTICIPANTS_KEY:
        return "\n".join(PROFESSIONALS)  # the people answers are attributed to
    return rng.choice(DEMO_TEXTS)


def demo_answers(form: Form, rng: random.Random, concern: float,
                 share: float = 1.0) -> dict[str, AnswerValue]:
    """Answers to the visible items in form order; `share` < 1 stops part way."""
    answers: dict[str, AnswerValue] = {}
    items = form.all_items()
    stop = max(1, int(len(items) * share))
    for full_id, _domain, item in items[:stop]:
        if not visibility(form, answers).get(full_id, True):
            continue
        if item.type == ItemType.TEXT and item.key != PARTICIPANTS_KEY and rng.random() < 0.6:
            continue
        answers[full_id] = _value(form, item, rng, concern)
    return answers


def _fill(store: Store, session_id: str, loaded: LoadedForm, answers: dict[str, AnswerValue],
          rng: random.Random) -> None:
    by_item = {fid: d.id for fid, d, _ in loaded.form.all_items()}
    index = loaded.form.item_index()
    views = {fid: index[fid][1].scale for fid in loaded.form.view_items()}
    last_domain = None
    for item_id, value in answers.items():
        by = rng.choice(PROFESSIONALS) if loaded.form.attributed else None
        store.save_answer(session_id, item_id, value, by=by)
        last_domain = by_item[item_id]
        if item_id in views and isinstance(value, int):  # each one's own view, then together
            values = loaded.form.scale(views[item_id] or "").values()
            for name in rng.sample(PROFESSIONALS, k=2):
                own = min(max(value + rng.choice((-1, 0, 0, 1)), values[0]), values[-1])
                store.save_participant_view(session_id, item_id, name, own)
    if last_domain:
        store.set_position(session_id, last_domain)


def _decide(store: Store, session_id: str, loaded: LoadedForm,
            answers: dict[str, AnswerValue], override: bool) -> None:
    form = loaded.form
    levels = {o.id: o.levels for o in form.outcomes}
    for result in score(form, answers).outcomes:
        if not result.needs_decision:
            continue
        decided, reason = result.suggested, None
        if override:
            others = [lv for lv in levels[result.outcome_id] if lv != result.suggested]
            decided, reason = others[-1], tr("cli.demo.override_reason")
            override = False
        store.save_decision(session_id, decide(form, result, decided, reason,
                                                      "demo-professional"))


def fill_demo_store(store: Store, catalog: FormCatalog, clients: int, seed: int) -> dict[str, int]:
    """Add fictional clients and sessions; returns counts per session state."""
    rng = random.Random(seed)
    forms = [f for f in (catalog.latest(i) for i in catalog.ids()) if f is not None]
    if not forms:
        raise CliError(tr("cli.demo.no_forms"))
    counts = dict.fromkeys(STATES, 0)
    today = date.today()
    for n in range(clients):
        name = DEMO_NAMES[n % len(DEMO_NAMES)]
        if n >= len(DEMO_NAMES):
            name = f"{name} {n // len(DEMO_NAMES) + 1}"
        loaded = forms[n % len(forms)]
        prenatal = loaded.form.id in PRENATAL
        client = store.add_client(
            name,
            due_date=today + timedelta(days=rng.randint(20, 150)) if prenatal else None,
            birth_date=None if prenatal else today - timedelta(days=rng.randint(200, 1800)),
            **dict(zip(("referrer", "referrer_role", "referrer_practice"),
                       rng.choice(DEMO_REFERRERS), strict=True)),
        )
        concern = rng.random()
        for k in range(1 + n % 2):
            state = STATES[(n + k) % len(STATES)]
            session = store.start_session(client.id, loaded, DEMO_CONDUCTOR)
            counts[state] += 1
            if state == "draft_empty":
                continue
            share = 0.4 if state == "draft_partial" else 1.0
            answers = demo_answers(loaded.form, rng, concern, share)
            _fill(store, session.id, loaded, answers, rng)
            if state == "draft_partial":
                continue
            _decide(store, session.id, loaded, answers, override=(n % 4 == 3))
            store.set_notes(session.id, tr("cli.demo.notes"))
            store.complete_session(session.id)
            if state in ("completed_consent", "completed_withdrawn"):
                consent = store.add_consent(session.id, given_by=tr("cli.demo.given_by"),
                                            recipient=client.referrer or "huisarts",
                                            scope=tr("cli.demo.scope"), kind="verwijzer")
                if state == "completed_withdrawn":
                    store.withdraw_consent(consent.id, note=tr("cli.demo.withdraw_note"))
    return counts


def run_demo(args: argparse.Namespace) -> int:
    folder = store_folder(args)
    if Store.exists(folder):
        raise CliError(tr("store.error.exists"))
    if args.clients < 1:
        raise CliError(tr("cli.demo.arg.clients"))
    catalog, problems = load_catalog(args.forms_dir)
    secret = passphrase(args, confirm=True)
    with store_errors():
        store = Store.create(folder, secret, user="demo")
        try:
            counts = fill_demo_store(store, catalog, args.clients, args.seed)
        finally:
            store.close()
    total = sum(counts.values())
    print(tr("cli.demo.done", folder=str(folder), clients=args.clients, sessions=total))
    if problems:
        print(tr("cli.demo.form_problems", count=len(problems)))
    return 0
