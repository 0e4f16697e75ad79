"""The session report for the JGZ record (PDF): matrix, profile chart, suggestion and decision."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from export.charts import grouped_bars, spider_web
from export.fonts import para
from export.inputs import ClientInfo, Professional, SessionInput
from export.letter import client_identification
from export.pdfdoc import MARGIN, build_pdf, content_width, grid_table, running_header, styles
from export.summary import (
    agreed_actions,
    answer_label,
    domain_title,
    label_with_colon,
    level_label,
    no_suggestion_text,
    outcome_def,
)
from export.times import local_text
from instruments.answers import DECLINED
from instruments.i18n import tr
from instruments.model import DomainKind, Item, ItemType, localize

SHORT_TYPES = (ItemType.SCALE, ItemType.YES_NO, ItemType.CHOICE)
# Room a heading needs below it on the page (else it moves to the next page with its content).
HEADING_ROOM = 40 * mm


def conductor_text(conductor: Professional | None, lang: str) -> str:
    """Who held the conversation, with AGB/BIG when known; 'not recorded' when unknown."""
    if conductor is None or not conductor.name.strip():
        return tr("export.report.conductor_unknown", lang)
    text = conductor.line()
    numbers = [f"AGB {conductor.agb}" if conductor.agb.strip() else "",
               f"BIG {conductor.big}" if conductor.big.strip() else ""]
    numbers = [n for n in numbers if n]
    return f"{text} ({', '.join(numbers)})" if numbers else text


def _heading(text: str) -> list[Flowable]:
    """A section heading that never ends a page alone and never pushes a long table away."""
    return [CondPageBreak(HEADING_ROOM), Paragraph(para(text), styles().heading_free)]


def build_report(session: SessionInput, client: ClientInfo, *, lang: str = "nl") -> bytes:
    """The report as PDF bytes. Only visible answers are shown; a draft is a concept on every
    page and holds no suggestion, decision or risk level."""
    st = styles()
    form = session.form
    width = content_width()
    zone = session.time_zone
    draft = session.is_draft
    story: list[Flowable] = [Paragraph(para(tr("export.report.title", lang)), st.title)]
    if draft:
        story.append(Paragraph(para(tr("export.report.concept_banner", lang)), st.concept))

    ident = client_identification(client, lang)
    facts = [(tr("export.report.client", lang), ident)]
    if client.bsn:
        facts.append((tr("export.report.bsn", lang), client.bsn))
    facts += [
        (tr("export.report.form", lang),
         f"{localize(form.title, lang)} ({tr('export.version', lang)} {form.version})"),
        (tr("export.report.started", lang), local_text(session.created_at, zone)),
        (tr("export.report.completed", lang), local_text(session.completed_at, zone)),
        (tr("export.report.state", lang),
         tr(f"export.report.state.{'draft' if draft else 'completed'}", lang)
         + (" " + tr("export.report.state.corrected", lang) if session.corrected else "")),
        (tr("export.report.conductor", lang), conductor_text(session.conductor, lang)),
    ]
    people = participants(session)
    if people:
        facts.append((tr("export.report.participants", lang), ", ".join(people)))
    story.append(grid_table(
        [[Paragraph(para(k), st.cell_bold), Paragraph(para(v), st.cell)] for k, v in facts],
        [width * 0.25, width * 0.75], header=False, zebra=False))
    story.append(Paragraph(para(tr("export.report.zone", lang, zone=zone)), st.tiny))
    story.append(Paragraph(para(localize(form.notice, lang)), st.notice))

    # The matrix: one row per domain, one column per short matrix item.
    short = [i for i in form.matrix if i.type in SHORT_TYPES]
    # Free text per domain below the matrix; agreed actions have their own section.
    long_items = [i for i in form.matrix if i.type == ItemType.TEXT]
    counted = form.counted_domains()
    if counted and form.matrix:
        story += _heading(tr("export.report.matrix", lang))
        first = width * 0.22
        col = (width - first) / max(len(short), 1)
        rows: list[list[object]] = [[Paragraph(para(tr("export.report.domain", lang)),
                                               st.cell_bold)]
                                    + [Paragraph(para(localize(i.text, lang)), st.cell_bold)
                                       for i in short]]
        for domain in counted:
            row: list[object] = [Paragraph(para(localize(domain.title, lang)), st.cell_bold)]
            for item in short:
                full_id = f"{domain.id}.{item.key}"
                row.append(Paragraph(para(_cell(session, full_id, item, lang))
                                     + _by(session, full_id, lang), st.cell))
            rows.append(row)
        story.append(grid_table(rows, [first] + [col] * len(short)))
        details = _domain_details(session, long_items, lang)
        if details:
            story.append(Spacer(1, 6))
            story.append(grid_table(details, [first, width - first], header=False))
    story += _views_part(session, lang, width)

    # Items outside the matrix (intro, closing, a domain's own items).
    extra = _other_items(session, lang)
    if extra:
        story += _heading(tr("export.report.other_items", lang))
        story.append(grid_table(
            [[Paragraph(para(q), st.cell_bold), Paragraph(para(a) + by, st.cell)]
             for q, a, by in extra],
            [width * 0.4, width * 0.6], header=False))

    story += _profile_part(session, lang, width)
    story += _declared_charts(session, lang, width)
    story += _concept_part(lang) if draft else _outcome_part(session, lang)

    story += _heading(tr("export.report.actions", lang))
    actions = agreed_actions(session, lang)
    if actions:
        story.append(grid_table(
            [[Paragraph(para(a.domain), st.cell_bold), Paragraph(para(a.text), st.cell)]
             for a in actions], [width * 0.3, width * 0.7], header=False))
    else:
        story.append(Paragraph(para(tr("export.report.no_actions", lang)), st.small))
    story.append(KeepTogether([
        Paragraph(para(tr("export.report.notes", lang)), st.heading),
        Paragraph(para(session.notes.strip() or tr("export.report.no_notes", lang)), st.small)]))

    # The form's pin (and who exported) is in small print under every page's footer: never a
    # last page with only the hash line.
    subject = (tr("export.report.exported_by", lang, name=session.exporter)
               if session.exporter else "")
    pin = tr("export.report.form_id", lang, id=form.id, version=form.version,
             hash=session.loaded.content_hash)
    mark = tr("export.report.concept_mark", lang) if draft else ""
    decorate = running_header(
        ident, f"{form.id} {form.version}", tr("export.report.footer", lang),
        tr("export.page", lang), mark=mark,
        footer_note=" · ".join(x for x in (pin, subject) if x))
    conductor = session.conductor.name.strip() if session.conductor else ""
    return build_pdf(story, title=tr("export.report.title", lang) + (f" ({mark})" if mark else ""),
                     author=conductor, subject=subject, on_page=decorate, top=MARGIN + 2)


def participants(session: SessionInput) -> list[str]:
    """The professionals answers of an attributed (multidisciplinary) form are given by (and
    those who gave their own view), in order of appearance; empty for other forms."""
    if not session.form.attributed:
        return []
    seen: dict[str, None] = {}
    for full_id, _domain, _item in session.form.all_items():
        name = (session.answered_by.get(full_id) or "").strip()
        if name and full_id in session.visible:
            seen.setdefault(name, None)
    for decision in session.decisions:
        if decision.decided_by and decision.decided_by.strip():
            seen.setdefault(decision.decided_by.strip(), None)
    for by_name in session.views.values():  # also who gave only their own view
        for name in by_name:
            seen.setdefault(name, None)
    return list(seen)


def _by(session: SessionInput, full_id: str, lang: str) -> str:
    """' (ingebracht door X)' as markup for an attributed answer; '' otherwise."""
    if not session.form.attributed:
        return ""
    name = (session.answered_by.get(full_id) or "").strip()
    if not name or full_id not in session.visible:
        return ""
    return f' <font color="#555555">({para(tr("export.report.by", lang, name=name))})</font>'


def _cell(session: SessionInput, full_id: str, item: Item, lang: str) -> str:
    value = session.visible.get(full_id)
    if value is None:
        return tr("export.answer.hidden", lang)
    return answer_label(session.form, item, value, lang)


def _domain_details(session: SessionInput, items: list[Item], lang: str) -> list[list[object]]:
    st = styles()
    rows: list[list[object]] = []
    for domain in session.form.counted_domains():
        parts = []
        for item in items:
            value = session.visible.get(f"{domain.id}.{item.key}")
            if value is None or value == [] or value == "":
                continue
            full_id = f"{domain.id}.{item.key}"
            parts.append(f"<b>{para(label_with_colon(localize(item.text, lang)))}</b> "
                         f"{para(answer_label(session.form, item, value, lang))}"
                         + _by(session, full_id, lang))
        if parts:
            rows.append([Paragraph(para(localize(domain.title, lang)), st.cell_bold),
                         Paragraph("<br/>".join(parts), st.cell)])
    return rows


def _views_part(session: SessionInput, lang: str, width: float) -> list[Flowable]:
    """Multidisciplinary forms: per factor each participant's own view, by name, and apart
    from it the shared conclusion (which alone counts for the suggestion); a missing
    conclusion says so, a view never stands in for it."""
    views = session.views
    if not views:
        return []
    st = styles()
    index = session.form.item_index()
    rows: list[list[object]] = [[Paragraph(para(tr(f"export.report.views.{key}", lang)),
                                           st.cell_bold)
                                 for key in ("factor", "own", "conclusion")]]
    for item_id, by_name in views.items():
        domain, item = index[item_id]
        lines = []
        for name, view in by_name.items():
            line = f"<b>{para(name)}</b>: {para(answer_label(session.form, item, view.value, lang))}"
            if view.note:
                line += f" – {para(view.note)}"
            lines.append(line)
        value = session.visible.get(item_id)
        conclusion = (para(answer_label(session.form, item, value, lang))
                      + _by(session, item_id, lang) if value is not None
                      else f"<i>{para(tr('export.report.views.no_conclusion', lang))}</i>")
        rows.append([Paragraph(para(localize(domain.title, lang)), st.cell_bold),
                     Paragraph("<br/>".join(lines), st.cell), Paragraph(conclusion, st.cell)])
    return [*_heading(tr("export.report.views.title", lang)),
            Paragraph(para(tr("export.report.views.note", lang)), st.small),
            grid_table(rows, [width * 0.22, width * 0.5, width * 0.28])]


def _other_items(session: SessionInput, lang: str) -> list[tuple[str, str, str]]:
    form = session.form
    out = []
    for domain in form.domains:
        own = domain.items if domain.kind == DomainKind.DOMAIN else form.domain_items(domain)
        for item in own:
            value = session.visible.get(f"{domain.id}.{item.key}")
            if value is None or value == [] or value == "":
                continue
            question = f"{localize(domain.title, lang)} – {localize(item.text, lang)}"
            out.append((question, answer_label(form, item, value, lang),
                        _by(session, f"{domain.id}.{item.key}", lang)))
    return out


def _profile_part(session: SessionInput, lang: str, width: float) -> list[Flowable]:
    form = session.form
    profiles = session.scored.profiles
    if not profiles or form.profile is None:
        return []
    st = styles()
    key = form.profile.professional or form.profile.parent
    item = next((i for i in form.matrix if i.key == key), None)
    values = form.scale(item.scale).values() if item is not None and item.scale else [0, 6]
    chart = grouped_bars(
        [domain_title(form, p.domain_id, lang) for p in profiles],
        [[p.parent for p in profiles], [p.professional for p in profiles]],
        [tr("export.report.profile.parent", lang), tr("export.report.profile.professional", lang)],
        width=width, value_min=0, value_max=max(values),
    )
    marked = [domain_title(form, p.domain_id, lang) for p in profiles if p.marked]
    compared = [p for p in profiles if p.parent is not None and p.professional is not None]
    if marked:
        note = tr("export.report.profile.marked", lang, n=form.profile.mark_difference,
                  domains=", ".join(marked))
    elif len(compared) < len(profiles):  # a missing rating never reads as "about the same"
        note = tr("export.report.profile.not_compared", lang, compared=len(compared),
                  total=len(profiles))
    else:
        note = tr("export.report.profile.none_marked", lang)
    return [KeepTogether([Paragraph(para(tr("export.report.profile", lang)), st.heading), chart,
                          Paragraph(para(note), st.small)])]


def _declared_charts(session: SessionInput, lang: str, width: float) -> list[Flowable]:
    """The profile charts the form declares (bars or a spider web): per domain, the visible
    answer to the chart's scale item; an unanswered domain is named as such."""
    form = session.form
    st = styles()
    out: list[Flowable] = []
    for chart in form.charts:
        domains = [d for d in form.counted_domains() if not chart.domains or d.id in chart.domains]
        item = next((i for d in domains for i in form.domain_items(d) if i.key == chart.key),
                    None)
        if item is None or not item.scale:
            continue
        top = max(form.scale(item.scale).values())
        values: list[float | None] = []
        labels: list[str] = []
        for domain in domains:
            value = session.visible.get(f"{domain.id}.{chart.key}")
            number = isinstance(value, int | float) and not isinstance(value, bool)
            values.append(float(value) if number else None)
            why = "" if number else tr("export.answer.declined" if value == DECLINED
                                       else "export.report.not_answered", lang)
            labels.append(domain_title(form, domain.id, lang) + (f" ({why})" if why else ""))
        title = localize(chart.title, lang)
        drawing = (spider_web(labels, values, width=width, value_max=top) if chart.kind == "spider"
                   else grouped_bars(labels, [values], [title], width=width, value_max=top))
        out.append(KeepTogether([Paragraph(para(title), st.heading), drawing]))
    return out


def _outcome_part(session: SessionInput, lang: str) -> list[Flowable]:
    form = session.form
    st = styles()
    if not session.scored.outcomes:
        return []
    out: list[Flowable] = [CondPageBreak(HEADING_ROOM)]
    heading: list[Flowable] = [Paragraph(para(tr("export.report.outcomes", lang)), st.heading)]
    demo = [r for r in session.scored.outcomes if r.demo_thresholds]
    if demo:
        # Said once for the whole document, under the section heading; naming the outcomes
        # when only some of them use example thresholds.
        if len(demo) == len(session.scored.outcomes):
            note = tr("export.report.demo", lang)
        else:
            titles = dict.fromkeys(localize(d.title, lang) for r in demo
                                   if (d := outcome_def(form, r.outcome_id)) is not None)
            note = tr("export.report.demo_some", lang, outcomes=", ".join(titles))
        heading.append(Paragraph(para(note), st.tiny))
    for result in session.scored.outcomes:
        definition = outcome_def(form, result.outcome_id)
        if definition is None:
            continue
        block, heading = heading, []  # the section heading stays with the first outcome
        title = localize(definition.title, lang)
        if result.scope:
            title += " – " + tr("export.report.scope", lang, scope=_scope_title(session, result.scope, lang))
        block.append(Paragraph(f"<b>{para(title)}</b>", st.small))
        if result.suggestion is None:  # below the minimum: no level, only the counts
            block.append(Paragraph(para(_first_upper(no_suggestion_text(result, lang))),
                                   st.small))
        else:
            block.append(Paragraph(para(tr("export.report.suggestion", lang,
                                           level=level_label(definition, result.suggestion,
                                                             lang))), st.small))
        if result.suggestion is None:
            pass  # the rules that fired on a part of the answers explain no suggestion
        elif result.fired:
            block.append(Paragraph(para(tr("export.report.why", lang)), st.small))
            for fired in result.fired:
                domains = sorted({domain_title(form, e.domain_id, lang) for e in fired.evidence})
                text = f"• {para(localize(fired.explain, lang))}"
                if domains:
                    text += " " + para(tr("export.report.evidence", lang, items=", ".join(domains)))
                block.append(Paragraph(text, st.small))
        else:
            block.append(Paragraph(para(tr("export.report.no_rule", lang)), st.small))
        if result.needs_decision:
            decision = session.decision(result.outcome_id, result.scope)
            if decision is None:
                block.append(Paragraph(para(tr("export.report.no_decision", lang)), st.small))
            else:
                block.append(Paragraph(
                    "<b>" + para(tr("export.report.decision", lang,
                                    level=level_label(definition, decision.decided, lang)))
                    + "</b>", st.small))
                if result.suggestion is None:  # nothing was suggested: nothing to deviate from
                    if decision.reason:
                        block.append(Paragraph(para(tr("export.report.reason", lang,
                                                       reason=decision.reason)), st.small))
                else:
                    block.append(Paragraph(para(
                        tr("export.report.overridden", lang, reason=decision.reason or "-")
                        if decision.overridden else tr("export.report.confirmed", lang)),
                        st.small))
                if decision.decided_by:
                    block.append(Paragraph(para(tr("export.report.decided_by", lang,
                                                   name=decision.decided_by)), st.small))
        block.append(Spacer(1, 6))
        out.append(KeepTogether(block))
    return out


def _scope_title(session: SessionInput, scope: str, lang: str) -> str:
    group = next((g for g in session.form.groups if g.id == scope), None)
    return localize(group.title, lang) if group else domain_title(session.form, scope, lang)


def _concept_part(lang: str) -> list[Flowable]:
    """In a draft: the outcome section says only that there is no assessment yet."""
    st = styles()
    return [*_heading(tr("export.report.outcomes", lang)),
            Paragraph(para(tr("export.report.concept_no_outcome", lang)), st.small)]


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]
