"""The feedback letter to the referrer (PDF): only what the parent's consent covers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table

from export.consent import SCOPE_CONVERSATION, SCOPE_DOMAINS, SCOPE_OUTCOME, covering_scope
from export.fonts import para
from export.inputs import ClientInfo, ConsentInput, SessionInput
from export.pdfdoc import build_pdf, content_width, running_header, styles
from export.summary import (
    agreed_actions,
    domains_needing_help,
    level_label,
    outcome_def,
    session_date_text,
)
from instruments.i18n import tr
from instruments.model import localize


def client_identification(client: ClientInfo, lang: str) -> str:
    """The client as identified for the referrer: name and birth date or due date, no BSN."""
    if client.birth_date:
        return tr("export.client.born", lang, name=client.name,
                  date=client.birth_date.strftime("%d-%m-%Y"))
    if client.due_date:
        return tr("export.client.due", lang, name=client.name,
                  date=client.due_date.strftime("%d-%m-%Y"))
    return client.name


def build_letter(
    session: SessionInput,
    client: ClientInfo,
    consents: Sequence[ConsentInput],
    *,
    recipient: str | None = None,
    lang: str = "nl",
    today: date | None = None,
) -> bytes:
    """The letter as PDF bytes. Raises ConsentRequired without an active consent for the
    recipient (default: the client's referrer)."""
    to = (recipient or client.referrer or "").strip()
    granted = covering_scope(consents, to)
    st = styles()
    form = session.form
    head = session.letterhead
    today = today or date.today()
    story: list[Flowable] = []

    sender = [f"<b>{para(head.organisation)}</b>"] if head.organisation else []
    sender += [para(x) for x in (head.address, head.phone, head.email) if x]
    to_lines = [tr("export.letter.to", lang), f"<b>{para(to)}</b>"]
    top = Table(
        [[Paragraph("<br/>".join(to_lines), st.body), Paragraph("<br/>".join(sender), st.small)]],
        colWidths=[content_width() * 0.55, content_width() * 0.45],
    )
    top.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                  ("FONTNAME", (0, 0), (-1, -1), st.body.fontName)])
    story += [top, Spacer(1, 14)]
    meta = [
        (tr("export.letter.date", lang), today.strftime("%d-%m-%Y")),
        (tr("export.letter.about", lang), client_identification(client, lang)),
        (tr("export.letter.instrument", lang),
         f"{localize(form.title, lang)} ({tr('export.version', lang)} {form.version})"),
    ]
    for label, value in meta:
        story.append(Paragraph(f"{para(label)}: {para(value)}", st.small))
    story += [Spacer(1, 10), Paragraph(para(tr("export.letter.subject", lang)), st.heading)]
    story.append(Paragraph(para(tr("export.letter.greeting", lang, name=to)), st.body))
    story.append(Paragraph(para(tr(
        "export.letter.took_place", lang, date=session_date_text(session) or "-",
        name=client.name, instrument=localize(form.title, lang),
    )), st.body))

    if SCOPE_OUTCOME in granted:
        story += _outcome_part(session, lang, st.body)
    if SCOPE_DOMAINS in granted:
        domains = domains_needing_help(session)
        if domains:
            story.append(Paragraph(para(tr("export.letter.domains", lang)), st.body))
            story.append(_bullets([localize(d.title, lang) for d in domains], st.body))
        else:
            story.append(Paragraph(para(tr("export.letter.no_domains", lang)), st.body))
    if SCOPE_CONVERSATION in granted:
        actions = agreed_actions(session, lang)
        if actions:
            story.append(Paragraph(para(tr("export.letter.followup", lang)), st.body))
            story.append(_bullets([a.text for a in actions], st.body))
        else:
            story.append(Paragraph(para(tr("export.letter.no_followup", lang)), st.body))
    story.append(Paragraph(para(tr("export.letter.consent", lang)), st.body))
    story.append(Paragraph(para(tr("export.letter.contact", lang)), st.body))
    story += [Spacer(1, 8), Paragraph(para(tr("export.letter.regards", lang)), st.body)]
    signature = "<br/>".join(para(x) for x in (head.professional, head.role, head.organisation) if x)
    story += [Spacer(1, 18), Paragraph(signature, st.body), Spacer(1, 18)]
    story.append(Paragraph(para(localize(form.notice, lang)), st.notice))

    decorate = running_header("", "", tr("export.letter.footer", lang),
                              tr("export.page", lang))
    return build_pdf(story, title=tr("export.letter.subject", lang), author=head.professional,
                     on_page=decorate)


def _outcome_part(session: SessionInput, lang: str, style: object) -> list[Flowable]:
    out: list[Flowable] = []
    for outcome in session.form.outcomes:
        if not outcome.decision:
            continue
        decision = session.decision(outcome.id, None)
        definition = outcome_def(session.form, outcome.id)
        if decision is None or definition is None:
            out.append(Paragraph(para(tr("export.letter.no_outcome", lang,
                                         outcome=localize(outcome.title, lang))), style))
            continue
        out.append(Paragraph(para(tr(
            "export.letter.outcome", lang, outcome=localize(outcome.title, lang),
            level=level_label(definition, decision.decided, lang),
        )), style))
    return out


def _bullets(lines: list[str], style: object) -> ListFlowable:
    items = [ListItem(Paragraph(para(line), style), leftIndent=12) for line in lines]
    return ListFlowable(items, bulletType="bullet", start="•", leftIndent=12,
                        bulletFontName="DejaVuSans")
