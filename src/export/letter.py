"""The feedback letter to the referrer (PDF): only what the parent's consent covers.

`letter_content` says what the letter holds (the app previews it); `render_letter` lays it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class LetterPart:
    """One block of the letter's body: a paragraph, or a bullet list under the last one."""

    text: str = ""
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterContent:
    """Everything the letter says, before layout: what the preview shows and the PDF prints."""

    recipient: str
    sender: tuple[str, ...]
    meta: tuple[tuple[str, str], ...]
    subject: str
    body: tuple[LetterPart, ...]
    regards: str
    signature: tuple[str, ...]
    notice: str
    footer: str

    def plain_text(self, lang: str = "nl") -> str:
        """The letter as plain text, in reading order (for a preview on screen)."""
        lines = [tr("export.letter.to", lang), self.recipient, ""]
        lines += [*self.sender, ""] if self.sender else []
        lines += [f"{label}: {value}" for label, value in self.meta]
        lines += ["", self.subject, ""]
        for part in self.body:
            if part.text:
                lines += [part.text]
            lines += [f"  • {b}" for b in part.bullets]
            lines.append("")
        lines += [self.regards, "", *self.signature, "", self.notice]
        return "\n".join(lines).strip() + "\n"


def letter_content(
    session: SessionInput,
    client: ClientInfo,
    consents: Sequence[ConsentInput],
    *,
    recipient: str | None = None,
    lang: str = "nl",
    today: date | None = None,
) -> LetterContent:
    """What the letter says. Raises ConsentRequired without an active consent for the
    recipient (default: the client's referrer)."""
    to = (recipient or client.referrer or "").strip()
    granted = covering_scope(consents, to)
    form = session.form
    head = session.letterhead
    today = today or date.today()
    sender = tuple(x for x in (head.organisation, head.address, head.phone, head.email) if x)
    meta = (
        (tr("export.letter.date", lang), today.strftime("%d-%m-%Y")),
        (tr("export.letter.about", lang), client_identification(client, lang)),
        (tr("export.letter.instrument", lang),
         f"{localize(form.title, lang)} ({tr('export.version', lang)} {form.version})"),
    )
    body = [
        LetterPart(tr("export.letter.greeting", lang, name=to)),
        LetterPart(tr("export.letter.took_place", lang, date=session_date_text(session) or "-",
                      name=client.name, instrument=localize(form.title, lang))),
    ]
    if SCOPE_OUTCOME in granted:
        body += [LetterPart(text) for text in _outcome_texts(session, lang)]
    if SCOPE_DOMAINS in granted:
        domains = domains_needing_help(session)
        if domains:
            body.append(LetterPart(tr("export.letter.domains", lang),
                                   tuple(localize(d.title, lang) for d in domains)))
        else:
            body.append(LetterPart(tr("export.letter.no_domains", lang)))
    if SCOPE_CONVERSATION in granted:
        actions = agreed_actions(session, lang)
        if actions:
            # The same action agreed in several domains is one line for the referrer; which
            # domains it came from is not said (that needs the 'domeinen' consent).
            body.append(LetterPart(tr("export.letter.followup", lang),
                                   tuple(dict.fromkeys(a.text for a in actions))))
        else:
            body.append(LetterPart(tr("export.letter.no_followup", lang)))
    body += [LetterPart(tr("export.letter.consent", lang)),
             LetterPart(tr("export.letter.contact", lang))]
    return LetterContent(
        recipient=to, sender=sender, meta=meta, subject=tr("export.letter.subject", lang),
        body=tuple(body), regards=tr("export.letter.regards", lang),
        signature=tuple(x for x in (head.professional, head.role, head.organisation) if x),
        notice=localize(form.notice, lang), footer=tr("export.letter.footer", lang),
    )


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
    content = letter_content(session, client, consents, recipient=recipient, lang=lang,
                             today=today)
    return render_letter(content, author=session.letterhead.professional, lang=lang)


def render_letter(content: LetterContent, *, author: str = "", lang: str = "nl") -> bytes:
    """Lay out the letter's content as PDF bytes."""
    st = styles()
    story: list[Flowable] = []
    sender = list(content.sender)
    sender_lines = [f"<b>{para(sender[0])}</b>"] + [para(x) for x in sender[1:]] if sender else []
    to_lines = [tr("export.letter.to", lang), f"<b>{para(content.recipient)}</b>"]
    top = Table(
        [[Paragraph("<br/>".join(to_lines), st.body),
          Paragraph("<br/>".join(sender_lines), st.small)]],
        colWidths=[content_width() * 0.55, content_width() * 0.45],
    )
    top.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                  ("FONTNAME", (0, 0), (-1, -1), st.body.fontName)])
    story += [top, Spacer(1, 14)]
    for label, value in content.meta:
        story.append(Paragraph(f"{para(label)}: {para(value)}", st.small))
    story += [Spacer(1, 10), Paragraph(para(content.subject), st.heading)]
    for part in content.body:
        if part.text:
            story.append(Paragraph(para(part.text), st.body))
        if part.bullets:
            story.append(_bullets(list(part.bullets), st.body))
    story += [Spacer(1, 8), Paragraph(para(content.regards), st.body)]
    signature = "<br/>".join(para(x) for x in content.signature)
    story += [Spacer(1, 18), Paragraph(signature, st.body), Spacer(1, 18)]
    story.append(Paragraph(para(content.notice), st.notice))

    decorate = running_header("", "", content.footer, tr("export.page", lang))
    return build_pdf(story, title=content.subject, author=author, on_page=decorate)


def _outcome_texts(session: SessionInput, lang: str) -> list[str]:
    out: list[str] = []
    for outcome in session.form.outcomes:
        if not outcome.decision:
            continue
        decision = session.decision(outcome.id, None)
        definition = outcome_def(session.form, outcome.id)
        if decision is None or definition is None:
            out.append(tr("export.letter.no_outcome", lang,
                          outcome=localize(outcome.title, lang)))
            continue
        out.append(tr("export.letter.outcome", lang, outcome=localize(outcome.title, lang),
                      level=level_label(definition, decision.decided, lang)))
    return out


def _bullets(lines: list[str], style: object) -> ListFlowable:
    items = [ListItem(Paragraph(para(line), style), leftIndent=12) for line in lines]
    return ListFlowable(items, bulletType="bullet", start="•", leftIndent=12,
                        bulletFontName="DejaVuSans")
