"""Protected safety questions: the ALPHA-NL question about violence at home is asked only after
the midwife confirmed at hand-over that she is alone, a 'yes' is a separate flag for the
professional (no topic line, not for a letter), and explanations quote what was answered."""

from __future__ import annotations

import pytest

from conftest import FORMS_DIR
from instruments.answers import DECLINED, AnswerValue
from instruments.loader import FormError, load_form_file, load_form_text
from instruments.model import Form, ItemType
from instruments.result_text import quote, reasons, safety_lines
from instruments.safety import safety_items, without_safety_answers
from instruments.scoring import score
from tiny_forms import TINY_HEAD

AFRAID = "relationship.rel_afraid"


@pytest.fixture(scope="module")
def alpha() -> Form:
    return load_form_file(FORMS_DIR / "alpha-nl-1.1.0.yaml").form


def lowest(form: Form, **given: AnswerValue) -> dict[str, AnswerValue]:
    out: dict[str, AnswerValue] = {}
    for full_id, _, item in form.all_items():
        if item.type == ItemType.YES_NO:
            out[full_id] = False
        elif item.type == ItemType.SCALE and item.scale:
            out[full_id] = form.scale(item.scale).values()[0]
    return {**out, **{k.replace("__", "."): v for k, v in given.items()}}


def test_the_violence_at_home_question_is_the_forms_safety_item(alpha: Form) -> None:
    assert safety_items(alpha) == (AFRAID,)
    assert alpha.safety is not None and alpha.safety.gate == "handover.alone"


@pytest.mark.parametrize("gate", [None, False])
def test_without_confirmation_that_she_is_alone_it_is_not_asked_and_says_so(
        alpha: Form, gate: bool | None) -> None:
    answers = lowest(alpha)
    answers.pop("handover.alone")
    if gate is not None:
        answers["handover.alone"] = gate
    answers[AFRAID] = True  # a kept draft answer to a question now hidden
    result = score(alpha, answers)
    assert result.safety is not None and not result.safety.flag
    assert result.safety.not_asked == (AFRAID,)
    assert AFRAID in result.hidden_answers_ignored
    assert safety_lines(alpha, result.safety, "nl") == [
        "De vraag over veiligheid thuis is niet gesteld: bij de overdracht is niet bevestigd "
        "dat zij alleen was."]


def test_a_yes_raises_the_safety_flag_and_no_topic_line(alpha: Form) -> None:
    answers = lowest(alpha, handover__alone=True, relationship__rel_afraid=True)
    result = score(alpha, answers)
    assert result.safety is not None and result.safety.flag
    assert result.safety.flagged == (AFRAID,) and result.safety.not_asked == ()
    relationship = result.outcome("discuss", "relationship")
    assert relationship.fired == () and relationship.suggestion != "bespreken"
    with_partner = score(alpha, {**answers, "relationship.has_partner": True})
    assert with_partner.outcome("discuss", "relationship").suggestion == "geen"
    [line] = safety_lines(alpha, result.safety, "nl")
    assert line.startswith("Veiligheid: zij antwoordde ‘ja’ op ‘Bent u bang voor iemand thuis")
    assert alpha.safety is not None and "Meldcode" in alpha.safety.guidance["nl"]


def test_a_no_or_a_declined_safety_answer_raises_no_flag(alpha: Form) -> None:
    for value in (False, DECLINED):
        result = score(alpha, lowest(alpha, handover__alone=True,
                                     relationship__rel_afraid=value))
        assert result.safety is not None and not result.safety.flag
    declined = score(alpha, lowest(alpha, handover__alone=True,
                                   relationship__rel_afraid=DECLINED)).safety
    assert declined is not None and declined.declined == (AFRAID,)


def test_a_letter_draws_on_the_answers_without_the_safety_items(alpha: Form) -> None:
    answers = lowest(alpha, handover__alone=True, relationship__rel_afraid=True)
    kept = without_safety_answers(alpha, answers)
    assert AFRAID not in kept and len(kept) == len(answers) - 1


def test_smoking_hardly_ever_is_quoted_not_called_smoking_in_pregnancy(alpha: Form) -> None:
    answers = lowest(alpha, substances__alcohol=1, substances__smoking=2)
    substances = score(alpha, answers).outcome("discuss", "substances")
    [fired] = substances.fired
    assert fired.rule_id == "use_in_pregnancy"
    assert "drinkt" not in fired.explain["nl"] and "rookt" not in fired.explain["nl"]
    assert reasons(alpha, fired, "nl") == [
        "antwoordde ‘Bijna nooit’ op ‘Hoe vaak rookt u (sigaretten, shag of e-sigaret)?’"]


def test_every_explanation_of_alpha_nl_says_what_she_answered_not_what_she_is(
        alpha: Form) -> None:
    verdicts = ("zij drinkt", "zij rookt", "zij gebruikt", "zij is ")
    for outcome in alpha.outcomes:
        for rule in outcome.rules:
            text = rule.explain["nl"].lower()
            assert not any(v in text for v in verdicts), (rule.id, text)


def test_a_scale_answer_is_quoted_with_its_label(alpha: Form) -> None:
    assert quote(alpha, "emotions.low_mood", 3, "nl") == (
        "antwoordde ‘Soms’ op ‘Hoe vaak voelt u zich somber of verdrietig?’")
    assert quote(alpha, "emotions.low_mood", 3, "en") == (
        "answered ‘Sometimes’ to ‘How often do you feel low or sad?’")


GATED = TINY_HEAD + """\
  - {id: q, answered_by: professional, title: {nl: Prof}}
SAFETY
domains:
  - id: d
    title: {nl: D}
    items:
      - {key: alone, type: yes_no, step: GATE_STEP, text: {nl: Alleen?}}
      - key: afraid
        type: yes_no
        step: p
        safety: true
        text: {nl: Bang?}
        SHOW_IF
"""
GATE = "safety: {gate: d.alone, title: {nl: Veilig}, guidance: {nl: Meldcode}}"
SHOW = "show_if: {all: [{item: alone, op: eq, value: true}]}"


def gated(safety: str = GATE, gate_step: str = "q", show_if: str = SHOW) -> str:
    return GATED.replace("SAFETY", safety).replace("GATE_STEP", gate_step).replace(
        "SHOW_IF", show_if)


def test_a_gated_safety_item_loads() -> None:
    form = load_form_text(gated(), stored=False).form
    assert safety_items(form) == ("d.afraid",)


@pytest.mark.parametrize(("text", "fragment"), [
    (gated(safety=""), "needs the form's 'safety' gate"),
    (gated(gate_step="p"), "must be answered by the professional"),
    (gated(show_if=""), "must be shown only when the gate is yes"),
    (gated(safety=GATE.replace("d.alone", "d.nobody")), "safety gate names unknown item"),
])
def test_the_loader_checks_the_safety_gate(text: str, fragment: str) -> None:
    with pytest.raises(FormError) as info:
        load_form_text(text, "t.yaml", stored=False)
    assert any(fragment in p.message for p in info.value.problems), info.value.problems


def test_an_outcome_may_not_read_a_safety_item() -> None:
    text = gated() + (
        "outcomes:\n  - id: o\n    title: {nl: O}\n    levels: [a, b]\n    default: a\n"
        "    rules:\n      - {id: r, level: b, explain: {nl: R}, "
        "when: [{count: {keys: [afraid], op: eq, value: true}, at_least: 1}]}\n")
    with pytest.raises(FormError) as info:
        load_form_text(text, "t.yaml", stored=False)
    assert "a safety answer is its own flag for the professional" in str(info.value)


@pytest.mark.parametrize("name", ["spark18-1.1.0.yaml", "spark36-1.1.0.yaml",
                                  "spark60-1.1.0.yaml"])
def test_spark_safety_lines_speak_of_the_parent_at_the_consult_not_of_her_hand_over(
        name: str) -> None:
    form = load_form_file(FORMS_DIR / name).form
    assert form.safety is not None
    [item] = safety_items(form)
    base = lowest(form)
    not_asked = score(form, {**base, form.safety.gate: False}).safety
    flagged = score(form, {**base, form.safety.gate: True, item: True}).safety
    declined = score(form, {**base, form.safety.gate: True, item: DECLINED}).safety
    assert not_asked is not None and flagged is not None and declined is not None
    for lang in ("nl", "en"):
        lines = [*safety_lines(form, not_asked, lang), *safety_lines(form, flagged, lang),
                 *safety_lines(form, declined, lang)]
        assert len(lines) == 3
        text = " ".join(lines).lower()
        for alpha_word in (" zij ", "overdracht", " she ", "hand-over"):
            assert alpha_word not in f" {text} ", (lang, alpha_word)
    nl = safety_lines(form, not_asked, "nl")[0]
    assert nl == ("De vraag over veiligheid thuis is niet gesteld: aan het begin van het gesprek "
                  "is niet bevestigd dat u de ouder alleen sprak.")
    assert safety_lines(form, flagged, "nl")[0].startswith("Veiligheid: de ouder antwoordde ‘ja’")
