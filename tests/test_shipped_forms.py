"""The shipped forms in forms/: they load, have the promised structure and languages, and their
rules give the expected suggestions for low, worrying and in-between answer sets."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from instruments.answers import AnswerValue, check_answers
from instruments.conditions import visibility
from instruments.loader import LoadedForm, load_form_file, load_forms
from instruments.model import DomainKind, Form, Item, ItemType
from instruments.scoring import ScoreResult, score

FORMS_DIR = Path(__file__).resolve().parents[1] / "forms"

EXPECTED = {
    "prespark": "prespark",
    "spark18": "spark",
    "spark36": "spark",
    "spark60": "spark",
    "alpha-nl": "alpha-nl",
    "giz-signalering": "giz",
    "giz-uitgebreid": "giz",
    "giz-multidisciplinair": "giz",
    "balansmeter": "balansmeter",
}
# The shipped version of each form (older versions live in forms/superseded/).
VERSIONS = {form_id: "1.0.0" for form_id in EXPECTED} | {
    "prespark": "2.0.0", "spark18": "1.1.0", "spark36": "1.1.0", "spark60": "1.1.0",
    "giz-signalering": "1.1.0", "giz-uitgebreid": "1.1.0", "giz-multidisciplinair": "1.2.0",
    "alpha-nl": "1.1.0", "balansmeter": "1.1.0",
}
IDENT = re.compile(r"^[a-z][a-z0-9_-]*$")
ARABIC = re.compile(r"[\u0600-\u06FF]")
# Field names that hold a text per language in the form model.
LOCALIZED_FIELDS = {"title", "description", "notice", "introduction", "text", "help", "label",
                    "hint", "explain"}


@pytest.fixture(scope="module")
def shipped() -> dict[str, LoadedForm]:
    forms, problems = load_forms([FORMS_DIR])
    assert [str(p) for p in problems] == []
    return {lf.form.id: lf for lf in forms}


@functools.cache
def balansmeter() -> Form:
    return load_form_file(FORMS_DIR / "balansmeter-1.1.0.yaml").form


def form_of(shipped: dict[str, LoadedForm], form_id: str) -> Form:
    return shipped[form_id].form


# ----- answer sets built from the form itself ---------------------------------------------------


def answers_where(form: Form, pick: Callable[[str, Item], AnswerValue | None]
                  ) -> dict[str, AnswerValue]:
    """An answer per visible scale, choice and yes/no item, chosen by `pick` (None: leave
    unanswered); items that the other answers hide are left unanswered, as in a real session."""
    out: dict[str, AnswerValue] = {}
    for full_id, _, item in form.all_items():
        value = pick(full_id, item)
        if value is not None:
            out[full_id] = value
    shown = visibility(form, out)
    return {k: v for k, v in out.items() if shown[k]}


def lowest(form: Form) -> dict[str, AnswerValue]:
    def pick(_: str, item: Item) -> AnswerValue | None:
        if item.type in (ItemType.SCALE, ItemType.CHOICE):
            assert item.scale is not None
            return form.scale(item.scale).values()[0]
        if item.type == ItemType.YES_NO:
            return False
        return None
    return answers_where(form, pick)


def highest(form: Form) -> dict[str, AnswerValue]:
    def pick(_: str, item: Item) -> AnswerValue | None:
        if item.type in (ItemType.SCALE, ItemType.CHOICE):
            assert item.scale is not None
            return form.scale(item.scale).values()[-1]
        if item.type == ItemType.YES_NO:
            return True
        return None
    return answers_where(form, pick)


def suggestions(result: ScoreResult, outcome_id: str) -> dict[str | None, str]:
    return {r.scope: r.suggested for r in result.outcomes if r.outcome_id == outcome_id}


def fired(result: ScoreResult, outcome_id: str, scope: str | None = None) -> set[str]:
    return {f.rule_id for f in result.outcome(outcome_id, scope).fired}


# ----- loading and structure --------------------------------------------------------------------


def test_every_expected_form_is_shipped_and_loads_without_problems(
        shipped: dict[str, LoadedForm]) -> None:
    assert set(shipped) == set(EXPECTED)
    for form_id, instrument in EXPECTED.items():
        form = form_of(shipped, form_id)
        assert form.instrument == instrument
        assert form.version == VERSIONS[form_id]


def test_each_file_is_named_after_its_form_id_and_version() -> None:
    files = sorted(FORMS_DIR.glob("*.yaml"))
    assert files, "no shipped forms"
    for path in files:
        form = load_form_file(path).form
        assert path.name == f"{form.id}-{form.version}.yaml"


def test_every_form_says_it_is_our_own_wording_not_the_official_text(
        shipped: dict[str, LoadedForm]) -> None:
    for lf in shipped.values():
        notice = lf.form.notice
        assert "niet de officiële tekst" in notice["nl"]
        assert "not the official text" in notice["en"]
        assert set(lf.form.languages) <= set(notice)


def test_prespark_has_13_domains_with_the_three_steps_and_the_two_scales(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "prespark")
    assert len(form.counted_domains()) == 13
    assert "periode_voor_zwangerschap" in [d.id for d in form.counted_domains()]
    assert [s.answered_by.value for s in form.steps] == ["parent", "professional", "together"]
    assert form.scale("concern5").values() == [1, 2, 3, 4, 5]
    assert form.scale("need6").values() == [1, 2, 3, 4, 5, 6]
    keys = {i.key: i for i in form.matrix}
    assert keys["concern"].scale == "concern5" and keys["concern"].step == "parent"
    assert keys["need_now"].scale == "need6" and keys["professional"].scale == "need6"
    assert keys["professional"].step == "professional"
    assert keys["actions"].type == ItemType.ACTIONS and keys["actions"].step == "together"
    closing = [d for d in form.domains if d.kind == DomainKind.CLOSING]
    assert len(closing) == 1 and not closing[0].use_matrix
    assert {i.key for i in closing[0].items} >= {"raising_factors", "protective_factors",
                                                 "unborn_child", "observations"}
    risk = next(o for o in form.outcomes if o.id == "risk")
    assert risk.levels == ["laag", "verhoogd", "hoog"] and risk.decision
    assert form.profile is not None and form.profile.mark_difference == 2


@pytest.mark.parametrize("form_id", ["spark18", "spark36", "spark60"])
def test_spark_forms_have_16_domains_looking_back_now_and_ahead(
        shipped: dict[str, LoadedForm], form_id: str) -> None:
    form = form_of(shipped, form_id)
    assert len(form.counted_domains()) == 16
    keys = [i.key for i in form.matrix]
    # looking back (with preSPARK's help follow-up), now, ahead: the order of the method
    assert keys.index("look_back") < keys.index("need_now") < keys.index("look_ahead")
    assert keys[1:5] == ["need_professional", "need_informal", "help_given", "help_enough"]
    assert {i.key for i in form.matrix} >= {"professional", "actions", "notes"}
    assert [o.id for o in form.outcomes] == ["risk"]


def test_spark_versions_share_domain_ids_but_describe_each_age_in_its_own_words(
        shipped: dict[str, LoadedForm]) -> None:
    forms = [form_of(shipped, f) for f in ("spark18", "spark36", "spark60")]
    ids = [[d.id for d in f.counted_domains()] for f in forms]
    assert ids[0] == ids[1] == ids[2]
    for n in range(16):
        texts = {tuple((f.counted_domains()[n].examples or {})["nl"]) for f in forms}
        assert len(texts) == 3, ids[0][n]


def test_conversation_domains_carry_description_and_examples_in_every_language(
        shipped: dict[str, LoadedForm]) -> None:
    for lf in shipped.values():
        form = lf.form
        if form.mode == "self_report":
            continue
        for domain in form.counted_domains():
            assert domain.description is not None, f"{form.id}.{domain.id}"
            assert domain.examples is not None, f"{form.id}.{domain.id}"
            for lang in form.languages:
                assert domain.description[lang].strip()
                assert len(domain.examples[lang]) >= 2


def test_giz_variants_cover_the_three_triangle_sides(shipped: dict[str, LoadedForm]) -> None:
    per_side = {"giz-signalering": 3, "giz-uitgebreid": 6, "giz-multidisciplinair": 6}
    for form_id, n in per_side.items():
        form = form_of(shipped, form_id)
        assert [g.id for g in form.groups] == ["child", "parenting", "environment"]
        for group in form.groups:
            factors = [d for d in form.counted_domains() if d.group == group.id]
            assert len(factors) == n, (form_id, group.id)
            assert all(d.pictogram for d in factors)
        assert form.mode == "triangle"
        assert form.attributed == (form_id == "giz-multidisciplinair")
        gom = next(o for o in form.outcomes if o.id == "gom")
        assert gom.per == "group"
        assert gom.levels == ["positieve_bevestiging", "aanvullende_zorg", "acute_zorg"]
        assert gom.level_labels["acute_zorg"]["nl"] == "Urgente ondersteuning"


def test_alpha_nl_is_a_self_report_in_five_languages_with_help_and_discussion(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "alpha-nl")
    assert form.mode == "self_report"
    assert form.languages == ["nl", "en", "ar", "tr", "pl"]
    assert form.introduction is not None
    topics = [d for d in form.counted_domains() if d.id != "help"]
    assert len(topics) == 10
    for domain in topics:
        assert domain.pictogram and not domain.use_matrix
        kinds = [i.type for i in domain.items]
        assert ItemType.SCALE in kinds
        assert all(i.allow_decline for i in domain.items if i.step == "parent")
    help_items = {i.key: i for i in next(d for d in form.domains if d.id == "help").items}
    assert help_items["talk_midwife"].type == ItemType.YES_NO
    discussion = next(d for d in form.domains if d.id == "discussion")
    assert discussion.kind == DomainKind.CLOSING
    assert {i.key: i.type for i in discussion.items} == {
        "notes": ItemType.TEXT, "actions": ItemType.ACTIONS, "referral_jgz": ItemType.YES_NO}


def test_balansmeter_asks_exactly_eight_questions_one_per_screen(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "balansmeter")
    assert len(form.all_items()) == 8
    assert len(form.counted_domains()) == 8
    assert all(len(form.domain_items(d)) == 1 and d.pictogram for d in form.counted_domains())
    assert form.introduction is not None
    balans = form.outcomes[0]
    assert balans.levels == ["goed_in_balans", "gesprek", "steun_nodig"]
    kinds = {("sum" if p.sum else "count") for r in balans.rules for p in r.when}
    assert kinds == {"sum", "count"}


# ----- independent checks of texts, ids and references ------------------------------------------


def localized_texts(model: BaseModel, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{where}.{name}"
        if value is None:
            continue
        if isinstance(value, BaseModel):
            yield from localized_texts(value, here)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from localized_texts(element, f"{here}[{i}]")
        elif name in LOCALIZED_FIELDS or name == "examples":
            yield here, value
        elif name == "level_labels":
            for level, text in value.items():
                yield f"{here}.{level}", text


def test_every_text_is_given_in_every_declared_language(shipped: dict[str, LoadedForm]) -> None:
    for lf in shipped.values():
        form = lf.form
        texts = list(localized_texts(form, form.id))
        assert len(texts) > 20
        for where, text in texts:
            assert set(text) == set(form.languages), where
            for lang, value in text.items():
                values = value if isinstance(value, list) else [value]
                assert values and all(v.strip() for v in values), f"{where}.{lang}"


def test_arabic_texts_are_written_in_arabic_script(shipped: dict[str, LoadedForm]) -> None:
    checked = 0
    for lf in shipped.values():
        if "ar" not in lf.form.languages:
            continue
        for where, text in localized_texts(lf.form, lf.form.id):
            assert ARABIC.search(text["ar"]), where
            checked += 1
    assert checked > 100


def test_translations_differ_from_the_dutch_source(shipped: dict[str, LoadedForm]) -> None:
    """A copied Dutch text is a missing translation (single words like 'Stress' excepted)."""
    for lf in shipped.values():
        for where, text in localized_texts(lf.form, lf.form.id):
            if isinstance(text["nl"], list) or len(text["nl"].split()) < 3:
                continue
            for lang in lf.form.languages[1:]:
                assert text[lang] != text["nl"], f"{where}.{lang}"


def test_ids_keys_and_pictogram_names_are_lower_case_ascii(shipped: dict[str, LoadedForm]) -> None:
    for lf in shipped.values():
        form = lf.form
        names = [form.id, *(s.id for s in form.scales), *(s.id for s in form.steps),
                 *(g.id for g in form.groups), *(o.id for o in form.outcomes)]
        names += [r.id for o in form.outcomes for r in o.rules]
        names += [lvl for o in form.outcomes for lvl in o.levels]
        for domain in form.domains:
            names.append(domain.id)
            names += [i.key for i in form.domain_items(domain)]
            if domain.pictogram:
                names.append(domain.pictogram)
        bad = [n for n in names if not IDENT.match(n)]
        assert bad == [], form.id


def test_conditions_only_refer_to_earlier_items_of_a_fitting_type(
        shipped: dict[str, LoadedForm]) -> None:
    with_conditions = set()
    for lf in shipped.values():
        form = lf.form
        seen: dict[str, Item] = {}
        for full_id, domain, item in form.all_items():
            if item.show_if is not None:
                for cmp in item.show_if.comparisons():
                    target = form.resolve(domain, cmp.item)
                    assert target in seen, f"{form.id}: {full_id} refers to {target}"
                    kind = seen[target].type
                    if kind == ItemType.YES_NO:
                        assert isinstance(cmp.value, bool), full_id
                    elif kind in (ItemType.SCALE, ItemType.CHOICE):
                        scale = form.scale(seen[target].scale or "")
                        assert cmp.value in scale.values(), full_id
                    with_conditions.add(form.id)
            seen[full_id] = item
    assert with_conditions == {"prespark", "alpha-nl", "giz-signalering", "giz-uitgebreid",
                               "giz-multidisciplinair", "spark18", "spark36", "spark60"}


def test_outcome_rules_name_existing_keys_with_values_on_their_scales(
        shipped: dict[str, LoadedForm]) -> None:
    for lf in shipped.values():
        form = lf.form
        counted = {item.key: item for d in form.counted_domains() for item in form.domain_items(d)}
        for outcome in form.outcomes:
            assert outcome.rules, f"{form.id}.{outcome.id}"
            for rule in outcome.rules:
                for pred in rule.when:
                    if pred.difference:
                        assert set(pred.difference) <= set(counted)
                    sel = pred.count or pred.sum
                    if sel is None:
                        continue
                    assert sel.keys, f"{form.id}.{outcome.id}.{rule.id}: name the keys"
                    for key in sel.keys:
                        item = counted[key]
                        if isinstance(sel.value, bool):
                            assert item.type == ItemType.YES_NO, (rule.id, key)
                        elif isinstance(sel.value, int):
                            assert item.scale and sel.value in form.scale(item.scale).values()


# ----- scoring ----------------------------------------------------------------------------------


def test_low_answers_give_the_default_and_worrying_answers_the_top_level_in_every_form(
        shipped: dict[str, LoadedForm]) -> None:
    for lf in shipped.values():
        form = lf.form
        low, high = lowest(form), highest(form)
        assert check_answers(form, low) == low
        assert check_answers(form, high) == high
        low_result, high_result = score(form, low), score(form, high)
        for outcome in form.outcomes:
            calm = suggestions(low_result, outcome.id)
            worrying = suggestions(high_result, outcome.id)
            assert calm and set(calm.values()) == {outcome.default}, (form.id, outcome.id, calm)
            assert set(worrying.values()) == {outcome.levels[-1]}, (form.id, outcome.id, worrying)
            for result in high_result.outcomes:
                if result.outcome_id == outcome.id:
                    assert any(f.evidence for f in result.fired)


def test_prespark_one_domain_needing_help_suggests_increased_risk(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "prespark")
    answers = lowest(form)
    answers["wonen.professional"] = 5
    result = score(form, answers)
    assert result.outcome("risk").suggested == "verhoogd"
    assert fired(result, "risk") == {"help_needed"}
    evidence = result.outcome("risk").fired[0].evidence
    assert [e.item_id for e in evidence] == ["wonen.professional"]


def test_prespark_three_domains_needing_help_suggest_high_risk(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "prespark")
    answers = lowest(form)
    for domain in ("relatie", "netwerk", "veiligheid"):
        answers[f"{domain}.professional"] = 5
        answers[f"{domain}.need_now"] = 5
    result = score(form, answers)
    assert result.outcome("risk").suggested == "hoog"
    assert "help_in_several_domains" in fired(result, "risk")


def test_prespark_parent_and_professional_differing_in_three_domains_is_marked_not_a_risk(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "prespark")
    answers = lowest(form)
    for domain in ("leefstijl", "wonen", "werk_financien"):
        answers[f"{domain}.need_now"] = 3  # the parent asks for advice; the professional sees none
    result = score(form, answers)
    # The difference is a topic for the conversation (marked in the profile), never a raiser.
    assert fired(result, "risk") == set()
    assert result.outcome("risk").suggestion == "laag"
    marked = [p.domain_id for p in result.profiles if p.marked]
    assert marked == ["leefstijl", "wonen", "werk_financien"]


def test_prespark_help_questions_only_count_after_a_concern(shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "prespark")
    answers = lowest(form)
    answers["relatie.need_professional"] = True
    answers["relatie.help_given"] = True
    answers["relatie.help_enough"] = 3
    shown = visibility(form, answers)
    assert not shown["relatie.need_professional"] and not shown["relatie.help_enough"]
    answers["relatie.concern"] = 3
    shown = visibility(form, answers)
    assert shown["relatie.need_professional"] and shown["relatie.help_enough"]


@pytest.mark.parametrize("form_id", ["prespark", "spark18", "spark36", "spark60"])
def test_help_need_is_asked_apart_for_professional_and_informal_help_and_enough_only_if_given(
        shipped: dict[str, LoadedForm], form_id: str) -> None:
    form = form_of(shipped, form_id)
    first = form.counted_domains()[0].id
    concern = "concern" if form_id == "prespark" else "look_back"
    answers: dict[str, AnswerValue] = {f"{first}.{concern}": 3}
    shown = visibility(form, answers)
    assert shown[f"{first}.need_professional"] and shown[f"{first}.need_informal"]
    assert shown[f"{first}.help_given"] and not shown[f"{first}.help_enough"]
    # no need for help, but help was given: was it enough is asked all the same
    answers.update({f"{first}.need_professional": False, f"{first}.need_informal": False,
                    f"{first}.help_given": True})
    assert visibility(form, answers)[f"{first}.help_enough"]
    answers[f"{first}.help_given"] = False
    assert not visibility(form, answers)[f"{first}.help_enough"]
    assert [p.value for p in form.scale("help_enough3").points] == [1, 2, 3]


def test_spark_forms_differ_in_at_least_four_domain_titles_and_each_has_a_safety_question(
        shipped: dict[str, LoadedForm]) -> None:
    forms = [form_of(shipped, f) for f in ("spark18", "spark36", "spark60")]
    titles = [[d.title["nl"] for d in f.counted_domains()] for f in forms]
    differing = [n for n in range(16) if len({t[n] for t in titles}) == 3]
    assert len(differing) >= 4
    for form in forms:
        assert form.safety is not None and form.safety.gate == "start.alone"
        [(domain, item)] = [(d, i) for _, d, i in form.all_items() if i.safety]
        assert domain.id == "sfeer" and item.type == ItemType.YES_NO
        assert "veiligheid" in domain.title["nl"].lower()


@pytest.mark.parametrize("form_id", ["spark18", "spark36", "spark60"])
def test_spark_guidance_in_two_domains_suggests_increased_risk(
        shipped: dict[str, LoadedForm], form_id: str) -> None:
    form = form_of(shipped, form_id)
    answers = lowest(form)
    answers["slapen.professional"] = 4
    assert score(form, answers).outcome("risk").suggested == "laag"
    answers["opvoeden.professional"] = 4
    result = score(form, answers)
    assert result.outcome("risk").suggested == "verhoogd"
    assert fired(result, "risk") == {"guidance_in_two_domains"}


def test_giz_gom_outcome_follows_each_side_of_the_triangle(shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "giz-uitgebreid")
    answers = lowest(form)
    # Parenting: two points of attention -> additional care.
    answers["warmte.status"] = 2
    answers["grenzen.status"] = 2
    # Environment: a serious concern without hurry -> additional care; urgency decides urgent
    # support (GOM).
    answers["wonen.status"] = 3
    answers["wonen.severity"] = 3
    answers["wonen.urgency"] = 1
    # Child: a hidden severity (status 'gaat goed') is never scored.
    answers["gezondheid.severity"] = 3
    answers["gezondheid.urgency"] = 3
    result = score(form, answers)
    assert suggestions(result, "gom") == {
        "child": "positieve_bevestiging",
        "parenting": "aanvullende_zorg",
        "environment": "aanvullende_zorg",
    }
    assert fired(result, "gom", "environment") == {"concern_not_urgent"}
    answers["wonen.urgency"] = 3
    assert score(form, answers).outcome("gom", "environment").suggestion == "acute_zorg"
    assert set(result.hidden_answers_ignored) == {"gezondheid.severity", "gezondheid.urgency"}


def test_giz_one_point_of_attention_alone_is_a_positive_confirmation(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "giz-signalering")
    answers = lowest(form)
    answers["gezin.status"] = 2
    assert suggestions(score(form, answers), "gom")["environment"] == "positieve_bevestiging"
    answers["gezin.status"] = 3
    answers["gezin.severity"] = 2
    answers["gezin.urgency"] = 2
    assert suggestions(score(form, answers), "gom")["environment"] == "aanvullende_zorg"


def test_alpha_nl_flags_exactly_the_topics_with_worrying_answers(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "alpha-nl")
    answers = lowest(form)
    answers["substances.alcohol"] = 2       # any alcohol in pregnancy
    answers["stress.overwhelmed"] = 4       # 'klopt'
    answers["housing_money.debts"] = True   # a yes/no risk item
    answers["relationship.rel_worry"] = 5   # hidden: she has no partner
    answers["emotions.low_mood"] = 3        # one middle answer alone is not flagged
    result = score(form, answers)
    flagged = sorted(str(s) for s, level in suggestions(result, "discuss").items()
                     if level == "bespreken")
    assert flagged == ["housing_money", "stress", "substances"]
    assert result.outcome("help_wish").suggested == "geen"


def test_alpha_nl_declined_answers_never_flag_a_topic_nor_read_as_nothing_to_discuss(
        shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "alpha-nl")
    answers: dict[str, AnswerValue] = {
        full_id: "__declined__" for full_id, _, item in form.all_items()
        if item.allow_decline and item.key != "has_partner"
    }
    answers = check_answers(form, answers)
    result = score(form, answers)
    # Declined is not answered: no topic is flagged, and none reads as "geen bijzonderheden".
    assert set(suggestions(result, "discuss").values()) == {"geen"}
    assert {r.suggestion for r in result.outcomes if r.outcome_id == "discuss"} == {None}


def test_alpha_nl_her_own_wish_for_help_is_its_own_outcome(shipped: dict[str, LoadedForm]) -> None:
    form = form_of(shipped, "alpha-nl")
    answers = lowest(form)
    answers["help.wish_help"] = 2
    assert score(form, answers).outcome("help_wish").suggested == "gesprek"
    answers["help.wish_help"] = 4
    result = score(form, answers)
    assert result.outcome("help_wish").suggested == "hulp"
    assert result.outcome("discuss", "help").suggested == "bespreken"


@pytest.mark.parametrize(("values", "expected"), [
    ([1] * 8, "goed_in_balans"),
    ([2] * 8, "goed_in_balans"),
    ([3] * 8, "gesprek"),
    ([1, 1, 1, 1, 1, 1, 1, 4], "gesprek"),
    ([1, 1, 1, 1, 1, 1, 5, 5], "steun_nodig"),
    ([4, 4, 4, 4, 1, 1, 1, 1], "steun_nodig"),
    ([4, 4, 3, 3, 3, 3, 3, 3], "steun_nodig"),
])
def test_balansmeter_gives_its_three_outcomes(
        shipped: dict[str, LoadedForm], values: list[int], expected: str) -> None:
    form = form_of(shipped, "balansmeter")
    ids = [full_id for full_id, _, _ in form.all_items()]
    result = score(form, dict(zip(ids, values, strict=True)))
    assert result.outcome("balans").suggested == expected


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(1, 5), min_size=8, max_size=8), which=st.integers(0, 7))
def test_balansmeter_a_harder_answer_never_lowers_the_outcome(values: list[int],
                                                               which: int) -> None:
    form = balansmeter()
    levels = form.outcomes[0].levels
    ids = [full_id for full_id, _, _ in form.all_items()]
    before = score(form, dict(zip(ids, values, strict=True))).outcome("balans").suggested
    harder = list(values)
    harder[which] = min(5, harder[which] + 1)
    after = score(form, dict(zip(ids, harder, strict=True))).outcome("balans").suggested
    assert levels.index(after) >= levels.index(before)


# ----- pictograms -------------------------------------------------------------------------------


def test_every_pictogram_a_form_names_is_a_48px_single_colour_svg(
        shipped: dict[str, LoadedForm]) -> None:
    folder = FORMS_DIR.parent / "resources" / "pictograms"
    named = {d.pictogram for lf in shipped.values() for d in lf.form.domains if d.pictogram}
    named |= {p.pictogram for lf in shipped.values() for s in lf.form.scales for p in s.points
              if p.pictogram}
    assert len(named) > 30
    for name in sorted(named):
        root = ElementTree.parse(folder / f"{name}.svg").getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg", name
        assert root.get("viewBox") == "0 0 48 48", name
        colours = {el.get(attr) for el in root.iter() for attr in ("fill", "stroke")} - {None, "none"}
        assert len(colours) == 1, (name, colours)
