"""The management report (PDF): anonymous counts over a period. The aggregation runs over
plain rows (one small record per session), so tens of thousands of sessions stay fast.

A session becomes a row either from a full `SessionInput` (`management_row`), from its form, the
few answers the row reads and its decisions (`management_items` names those answers,
`reduce_session` makes the row) or, for a report over many stored sessions, from its form, the
summary the store kept at completion (help domains, outcomes worked out on answers not all
given) and its decisions (`reduce_summary`): the same row.

A decision on a result whose counted answers were not all given (or that had no suggestion) is
no confirmation and no override of the app's suggestion: the override rate leaves it out and
the report says how many it left out."""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from export.charts import grouped_bars, nice_step
from export.fonts import para
from export.inputs import Letterhead, SessionInput
from export.numbers import integer, percent, ratio
from export.pdfdoc import build_pdf, content_width, grid_table, running_header, styles
from export.summary import domains_needing_help, level_label, short_title
from instruments.answers import AnswerValue
from instruments.conditions import needed_items
from instruments.i18n import tr
from instruments.model import Form, Outcome, localize
from instruments.scoring import Decision
from instruments.summary import help_domains, incomplete_outcomes, outcome_items, rating_items

TOP_DOMAINS = 10


@dataclass(frozen=True, slots=True)
class ManagementRow:
    """One completed session, reduced to what the report counts (no client data)."""

    instrument: str
    level: str | None = None  # the decided level of the form's main outcome, as a label
    level_rank: int = 0
    overridden: bool | None = None
    help_domains: tuple[str, ...] = ()
    # The main decision was made on a result worked out on answers not all given, or without a
    # suggestion: counted apart, never as a confirmation or an override.
    on_incomplete: bool = False


def main_outcome(form: Form) -> Outcome | None:
    """The outcome a session is counted by: the form-wide decided one (the overall risk, the
    Balansmeter outcome), else the first decided per-side outcome (the GIZ's GOM)."""
    decided = [o for o in form.outcomes if o.decision]
    return next((o for o in decided if o.per == "form"), decided[0] if decided else None)


def main_decision(main: Outcome, decisions: Sequence[Decision],
                  incomplete: Collection[tuple[str, str | None]] = ()
                  ) -> tuple[str, bool, bool] | None:
    """(decided level, overridden, on an incomplete result) of a session on its main outcome:
    the latest decision per scope; over several scopes (the three GIZ sides) the most urgent
    one, overridden when any side's suggestion was. On an incomplete result when any side was
    decided without a suggestion or on counted answers not all given (`incomplete`: the
    (outcome id, scope) pairs that were); such a decision is never reported as overridden."""
    latest: dict[str | None, Decision] = {}
    for decision in decisions:
        if decision.outcome_id == main.id:
            latest[decision.scope] = decision
    if not latest:
        return None

    def rank(d: Decision) -> int:
        return main.levels.index(d.decided) if d.decided in main.levels else 0

    top = max(latest.values(), key=rank)
    on_incomplete = any(not d.had_suggestion or (main.id, scope) in incomplete
                        for scope, d in latest.items())
    overridden = not on_incomplete and any(d.overridden for d in latest.values())
    return top.decided, overridden, on_incomplete


def management_row(session: SessionInput, lang: str = "nl") -> ManagementRow:
    """Reduce a session: its main decided outcome and the domains where help is needed."""
    form = session.form
    main = main_outcome(form)
    level, rank, overridden, on_incomplete = None, 0, None, False
    incomplete = {(r.outcome_id, r.scope) for r in session.scored.outcomes
                  if r.needs_decision and r.status != "complete"}
    chosen = main_decision(main, session.decisions, incomplete) if main is not None else None
    if main is not None and chosen is not None:
        decided, overridden, on_incomplete = chosen
        level = level_label(main, decided, lang)
        rank = main.levels.index(decided) if decided in main.levels else 0
    domains = tuple(localize(d.title, lang) for d in domains_needing_help(session))
    return ManagementRow(short_title(form, lang), level, rank, overridden, domains,
                         on_incomplete)


@dataclass
class _RowPlan:
    """What a row needs of one form, worked out once per form and language."""

    instrument: str
    main: Outcome | None
    lang: str
    titles: dict[str, str]  # counted domain id -> title
    rating_items: frozenset[str]
    levels: dict[str, tuple[str, int]] = field(default_factory=dict)

    def level(self, decided: str) -> tuple[str, int]:
        found = self.levels.get(decided)
        if found is None:
            assert self.main is not None
            rank = self.main.levels.index(decided) if decided in self.main.levels else 0
            found = self.levels[decided] = (level_label(self.main, decided, self.lang), rank)
        return found


_PLANS: dict[tuple[int, str], tuple[weakref.ref[Form], _RowPlan]] = {}
_PLANS_LOCK = threading.RLock()  # re-entrant: a weakref callback may run inside it (GC)


def _row_plan(form: Form, lang: str) -> _RowPlan:
    key = (id(form), lang)
    entry = _PLANS.get(key)
    if entry is not None and entry[0]() is form:
        return entry[1]
    main = main_outcome(form)
    ratings = rating_items(form)
    titles = {d.id: localize(d.title, lang) for d in form.counted_domains()}
    plan = _RowPlan(short_title(form, lang), main, lang, titles,
                    frozenset(i for _, ids in ratings for i in ids))

    def forget(ref: weakref.ref[Form], key: tuple[int, str] = key) -> None:
        with _PLANS_LOCK:
            if (current := _PLANS.get(key)) is not None and current[0] is ref:
                del _PLANS[key]

    with _PLANS_LOCK:
        _PLANS[key] = (weakref.ref(form, forget), plan)
    return plan


def management_items(form: Form) -> tuple[str, ...]:
    """The answers `reduce_session` reads of a session of `form`: the need ratings of the
    profile, the items the decided outcomes count (to tell a result worked out on answers not
    all given) and every answer their conditions depend on."""
    return needed_items(form, {*_row_plan(form, "nl").rating_items, *outcome_items(form)})


def reduce_session(form: Form, answers: Mapping[str, AnswerValue],
                   decisions: Sequence[Decision], lang: str = "nl") -> ManagementRow:
    """The row of one session from its form, answers and decisions (the latest decision per
    outcome last): the same row as `management_row`, reading only `management_items`."""
    return reduce_summary(form, help_domains(form, answers), decisions, lang,
                          incomplete=incomplete_outcomes(form, answers))


def reduce_summary(form: Form, help_domain_ids: Sequence[str], decisions: Sequence[Decision],
                   lang: str = "nl", *,
                   incomplete: Collection[tuple[str, str | None]] = ()) -> ManagementRow:
    """The row of one session from its form, its stored summary (`help_domains` and the
    `incomplete` outcomes as kept at completion) and its decisions (the latest per outcome
    last): no answers needed."""
    plan = _row_plan(form, lang)
    level, rank, overridden, on_incomplete = None, 0, None, False
    chosen = (main_decision(plan.main, decisions, incomplete) if plan.main is not None
              else None)
    if chosen is not None:
        decided, overridden, on_incomplete = chosen
        level, rank = plan.level(decided)
    titles = plan.titles
    found = tuple(titles[d] for d in help_domain_ids if d in titles)
    return ManagementRow(plan.instrument, level, rank, overridden, found, on_incomplete)


@dataclass(frozen=True)
class ManagementSummary:
    total: int
    per_instrument: list[tuple[str, int]]
    decisions: list[tuple[str, str, int]]  # instrument, level label, count (in level order)
    decided: int  # sessions with a decision on their main outcome
    overridden: int  # of those on a complete result with a suggestion
    top_domains: list[tuple[str, int, float]]  # domain (with instrument if several), count, share
    # Decisions on a result worked out on answers not all given (or without a suggestion):
    # left out of the override rate.
    decided_incomplete: int = 0

    @property
    def decided_complete(self) -> int:
        """The decisions the override rate is over: on complete results with a suggestion."""
        return self.decided - self.decided_incomplete


def aggregate(rows: Iterable[ManagementRow]) -> ManagementSummary:
    """Count instruments, decisions, overrides and domains needing help in one pass."""
    instruments: Counter[str] = Counter()
    decisions: Counter[tuple[str, int, str]] = Counter()
    domains: Counter[tuple[str, str]] = Counter()
    decided = overridden = on_incomplete = total = 0
    for row in rows:
        total += 1
        instruments[row.instrument] += 1
        if row.level is not None:
            decisions[(row.instrument, row.level_rank, row.level)] += 1
            decided += 1
            if row.on_incomplete:
                on_incomplete += 1
            else:
                overridden += bool(row.overridden)
        for domain in row.help_domains:
            domains[(row.instrument, domain)] += 1
    several = len(instruments) > 1
    # Share: of the sessions with that instrument.
    top = [((f"{i}: {d}" if several else d), n, n / instruments[i])
           for (i, d), n in domains.most_common(TOP_DOMAINS)]
    return ManagementSummary(
        total=total,
        per_instrument=sorted(instruments.items(), key=lambda kv: (-kv[1], kv[0])),
        decisions=[(i, lbl, n) for (i, _, lbl), n in sorted(decisions.items())],
        decided=decided,
        overridden=overridden,
        top_domains=top,
        decided_incomplete=on_incomplete,
    )


def build_management_report(summary: ManagementSummary, *, start: date, end: date,
                            letterhead: Letterhead | None = None, lang: str = "nl") -> bytes:
    """The management report as PDF bytes."""
    st = styles()
    width = content_width()
    title = tr("export.management.title", lang)
    story: list[Flowable] = [Paragraph(para(title), st.title)]
    if letterhead and letterhead.organisation:
        story.append(Paragraph(para(letterhead.organisation), st.body))
    story.append(Paragraph(para(tr("export.management.period", lang,
                                   start=start.strftime("%d-%m-%Y"),
                                   end=end.strftime("%d-%m-%Y"))), st.body))
    story.append(Paragraph(para(tr("export.management.sessions", lang,
                                   n=integer(summary.total, lang))), st.body))
    if not summary.total:
        story.append(Paragraph(para(tr("export.management.none", lang)), st.body))
    else:
        story += _instrument_part(summary, lang, width)
        story += _decision_part(summary, lang, width)
        story += _domain_part(summary, lang, width)
    decorate = running_header("", "", tr("export.management.footer", lang),
                              tr("export.page", lang))
    # Whoever exports is not the author of counts over many conversations: named as exporter.
    exporter = letterhead.professional.strip() if letterhead else ""
    subject = tr("export.report.exported_by", lang, name=exporter) if exporter else ""
    author = letterhead.organisation.strip() if letterhead else ""
    return build_pdf(story, title=title, author=author, subject=subject, on_page=decorate)


def _count_chart(pairs: Sequence[tuple[str, int]], width: float, lang: str,
                 category_title: str) -> Flowable:
    top = max((n for _, n in pairs), default=1)
    step = nice_step(top)
    return grouped_bars([p for p, _ in pairs], [[n for _, n in pairs]], [""], width=width,
                        value_max=max(step, -(-top // step) * step), step=step,
                        value_title=tr("export.management.axis.sessions", lang),
                        category_title=category_title,
                        value_format=lambda v: integer(round(v), lang))


def _instrument_part(summary: ManagementSummary, lang: str, width: float) -> list[Flowable]:
    st = styles()
    rows: list[list[object]] = [[Paragraph(para(tr(k, lang)), st.cell_bold) for k in (
        "export.management.instrument", "export.management.count", "export.management.share")]]
    for name, n in summary.per_instrument:
        rows.append([Paragraph(para(name), st.cell), Paragraph(integer(n, lang), st.cell),
                     Paragraph(ratio(n, summary.total, lang), st.cell)])
    return [KeepTogether([
        Paragraph(para(tr("export.management.per_instrument", lang)), st.heading),
        grid_table(rows, [width * 0.6, width * 0.2, width * 0.2]), Spacer(1, 6),
        _count_chart(summary.per_instrument, width, lang,
                     tr("export.management.instrument", lang))])]


def _decision_part(summary: ManagementSummary, lang: str, width: float) -> list[Flowable]:
    st = styles()
    rows: list[list[object]] = [[Paragraph(para(tr(k, lang)), st.cell_bold) for k in (
        "export.management.instrument", "export.management.level", "export.management.count",
        "export.management.share")]]
    per_instrument = dict(summary.per_instrument)
    for instrument, label, n in summary.decisions:
        rows.append([Paragraph(para(instrument), st.cell), Paragraph(para(label), st.cell),
                     Paragraph(integer(n, lang), st.cell),
                     Paragraph(ratio(n, per_instrument.get(instrument, 0), lang), st.cell)])
    several = len(summary.per_instrument) > 1
    pairs = [((f"{i}: {lbl}" if several else lbl), n) for i, lbl, n in summary.decisions]
    out: list[Flowable] = [KeepTogether([
        Paragraph(para(tr("export.management.decisions", lang)), st.heading),
        grid_table(rows, [width * 0.4, width * 0.3, width * 0.15, width * 0.15]),
        Spacer(1, 6), _count_chart(pairs, width, lang, tr("export.management.level", lang))]
    )] if summary.decisions else []
    out.append(Paragraph(para(tr("export.management.overrides", lang)), st.heading))
    rate_key = ("export.management.override_rate_complete" if summary.decided_incomplete
                else "export.management.override_rate")
    out.append(Paragraph(para(tr(rate_key, lang,
                                 n=integer(summary.overridden, lang),
                                 total=integer(summary.decided_complete, lang),
                                 pct=ratio(summary.overridden, summary.decided_complete,
                                           lang))), st.body))
    if summary.decided_incomplete:
        key = ("export.management.override_left_out_one" if summary.decided_incomplete == 1
               else "export.management.override_left_out")
        out.append(Paragraph(para(tr(key, lang,
                                     n=integer(summary.decided_incomplete, lang),
                                     total=integer(summary.decided, lang))), st.body))
    return out


def _domain_part(summary: ManagementSummary, lang: str, width: float) -> list[Flowable]:
    if not summary.top_domains:
        return []
    st = styles()
    rows: list[list[object]] = [[Paragraph(para(tr(k, lang)), st.cell_bold) for k in (
        "export.management.domain", "export.management.count", "export.management.share")]]
    for name, n, share in summary.top_domains:
        rows.append([Paragraph(para(name), st.cell), Paragraph(integer(n, lang), st.cell),
                     Paragraph(percent(share, lang), st.cell)])
    return [KeepTogether([
        Paragraph(para(tr("export.management.domains", lang)), st.heading),
        grid_table(rows, [width * 0.6, width * 0.2, width * 0.2]), Spacer(1, 6),
        _count_chart([(name, n) for name, n, _ in summary.top_domains], width, lang,
                     tr("export.management.domain", lang))])]
