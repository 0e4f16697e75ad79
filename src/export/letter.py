"""The feedback letter to the referrer (PDF): only what the parent's consent covers.

`letter_content` says what the letter holds (the app previews it); `render_letter` lays it out.
A letter is made only from a completed session with its decisions, only for the recipient of an
active consent of the referrer kind, and only when a professional can sign it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table

from export.consent import (
    SCOPE_CONVERSATION,
    SCOPE_DOMAINS,
    SCOPE_OUTCOME,
    referrer_scope,
    same_recipient,
)
from export.fonts import para
from export.inputs import ClientInfo, ConsentInput, Professional, SessionInput
from export.pdfdoc import build_pdf, content_width, running_header, styles
from export.refusals import DRAFT, NO_DECISION, NO_PROFESSIONAL, LetterRefused
from export.summary import (
    agreed_actions,
    domains_needing_help,
    letter_domain_title,
    letter_level_label,
    outcome_def,
    session_date_text,
    short_title,
)
from instruments.answers import DECLINED
from instruments.i18n import tr
from instruments.model import localize
from instruments.summary import rating_items


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
    notice: str  # kept for callers; a letter carries no licence notice (always "")
    footer: str
    recipient_lines: tuple[str, ...] = ()  # under the name: role, practice
    signer: str = ""  # who signs (the PDF author)
    # What the professional should know before sending (shown in the preview, not printed).
    warnings: tuple[str, ...] = ()

    def address_line(self, lang: str = "nl") -> str:
        """'Aan: J. Bakker, verloskundige, Verloskundigenpraktijk De Wieg' (what is known)."""
        return tr("export.letter.to_line", lang,
                  who=", ".join((self.recipient, *self.recipient_lines)))

    def plain_text(self, lang: str = "nl") -> str:
        """The letter as plain text, in reading order (for a preview on screen)."""
        lines = [self.address_line(lang), ""]
        lines += [*self.sender, ""] if self.sender else []
        lines += [f"{label}: {value}" for label, value in self.meta]
        lines += ["", self.subject, ""]
        for part in self.body:
            if part.text:
                lines += [part.text]
            lines += [f"  • {b}" for b in part.bullets]
            lines.append("")
        lines += [self.regards, "", *self.signature]
        return "\n".join(lines).strip() + "\n"


def recipient_details(client: ClientInfo, recipient: str) -> tuple[str, ...]:
    """The referrer's role and practice as stored with the client, for a letter to the
    client's referrer only (another recipient's role is not known, and never made up); a
    detail that only repeats the name is left out."""
    if not (client.referrer and same_recipient(recipient, client.referrer)):
        return ()
    details: list[str] = []
    for detail in (client.referrer_role, client.referrer_practice):
        text = " ".join(detail.split())
        if text and not same_recipient(text, recipient) and not any(
                same_recipient(text, seen) for seen in details):
            details.append(text)
    return tuple(details)


def salutation(client: ClientInfo, recipient: str, lang: str) -> str:
    """'Beste J. Bakker,'; a recipient known to be the practice itself (its name is the
    stored practice) is greeted as a colleague, never as if the practice were a person."""
    practice = client.referrer_practice.strip()
    if practice and same_recipient(practice, recipient):
        return tr("export.letter.greeting_colleague", lang)
    return tr("export.letter.greeting", lang, name=recipient)


def check_letter_allowed(session: SessionInput) -> None:
    """Raise LetterRefused for a draft, or for a session whose suggestions still wait for the
    professional's decision: a letter reports a finished conversation only."""
    if session.is_draft:
        raise LetterRefused(DRAFT, "the conversation is not completed (a draft)")
    for result in session.scored.outcomes:
        if result.needs_decision and session.decision(result.outcome_id, result.scope) is None:
            raise LetterRefused(NO_DECISION, "the professional has not decided every outcome")


def _signer(session: SessionInput) -> tuple[Professional, bool]:
    """Who signs, and whether that is who held the conversation. The recorded conductor
    signs; a session without one is signed by the sender of the letterhead, in words that do
    not claim the sender held it. Nobody named: LetterRefused."""
    conductor = session.conductor
    if conductor is not None and conductor.name.strip():
        return conductor, True
    head = session.letterhead
    if head.professional.strip():
        return Professional(name=head.professional.strip(), role=head.role,
                            organisation=head.organisation, phone=head.phone,
                            email=head.email), False
    raise LetterRefused(NO_PROFESSIONAL, "no professional's name is known to sign the letter")


def letter_content(
    session: SessionInput,
    client: ClientInfo,
    consents: Sequence[ConsentInput],
    *,
    recipient: str | None = None,
    lang: str = "nl",
    today: date | None = None,
) -> LetterContent:
    """What the letter says. Raises LetterRefused (ConsentRequired for the consent) for a
    draft, an undecided session, a recipient without an active consent of the referrer kind
    (default recipient: the client's referrer) or when nobody can sign."""
    check_letter_allowed(session)
    to = (recipient or client.referrer or "").strip()
    granted, _chosen = referrer_scope(consents, to, client.referrer)
    signer, held_it = _signer(session)
    head = session.letterhead
    today = today or date.today()
    organisation = head.organisation or signer.organisation
    phone = signer.phone or head.phone
    email = signer.email or head.email
    sender = tuple(x for x in (organisation, head.address, phone, email) if x)
    recipient_lines = recipient_details(client, to)
    meta = (
        (tr("export.letter.date", lang), today.strftime("%d-%m-%Y")),
        (tr("export.letter.about", lang), client_identification(client, lang)),
    )
    instrument = instrument_phrase(session, lang)
    when = session_date_text(session) or "-"
    if held_it:
        took_place = tr("export.letter.took_place", lang, date=when, name=client.name,
                        instrument=instrument)
    else:
        took_place = tr("export.letter.took_place_other", lang, date=when, name=client.name,
                        instrument=instrument)
    body = [
        LetterPart(salutation(client, to, lang)),
        LetterPart(took_place),
    ]
    if SCOPE_OUTCOME in granted:
        body += _outcome_parts(session, lang)
    if SCOPE_DOMAINS in granted:
        body += _domain_parts(session, lang)
    if SCOPE_CONVERSATION in granted:
        actions = agreed_actions(session, lang)
        if actions:
            # The same action agreed in several domains is one line for the referrer; which
            # domains it came from is not said (that needs the 'domeinen' consent).
            body.append(LetterPart(tr("export.letter.followup", lang),
                                   tuple(dict.fromkeys(a.text for a in actions))))
        else:
            body.append(LetterPart(tr("export.letter.no_followup", lang)))
    body.append(LetterPart(tr("export.letter.consent", lang, name=client.name)))
    warnings: list[str] = []
    if not held_it:
        warnings.append(tr("export.letter.warn.no_conductor", lang, name=signer.name))
    contact = [x for x in (phone, email) if x]
    if contact:
        body.append(LetterPart(tr("export.letter.contact", lang,
                                  details=tr("export.letter.or", lang).join(contact))))
    else:
        body.append(LetterPart(tr("export.letter.contact_no_details", lang)))
        warnings.append(tr("export.letter.warn.no_contact", lang))
    signature = tuple(x for x in (signer.name, signer.role, organisation, phone, email) if x)
    return LetterContent(
        recipient=to, sender=sender, meta=meta, subject=tr("export.letter.subject", lang),
        body=tuple(body), regards=tr("export.letter.regards", lang), signature=signature,
        notice="", footer=tr("export.letter.footer", lang), recipient_lines=recipient_lines,
        signer=signer.name, warnings=tuple(warnings),
    )


def _domain_parts(session: SessionInput, lang: str) -> list[LetterPart]:
    """The domains needing help. 'None needs help' only when every domain's need was rated:
    an unrated or declined domain never reads as fine, and a form without need ratings (the
    GIZ) says nothing here (its decision speaks)."""
    form = session.form
    ratings = rating_items(form)
    if not ratings:
        return []
    out: list[LetterPart] = []
    domains = domains_needing_help(session)
    if domains:
        out.append(LetterPart(tr("export.letter.domains", lang),
                              tuple(letter_domain_title(form, d, lang) for d in domains)))
    visible = session.visible
    unrated = [d for d, ids in ratings
               if not any(i in visible and visible[i] != DECLINED for i in ids)]
    if unrated:
        out.append(LetterPart(tr("export.letter.domains_unrated", lang, n=len(unrated))))
    elif not domains:
        out.append(LetterPart(tr("export.letter.no_domains", lang)))
    return out


def instrument_phrase(session: SessionInput, lang: str) -> str:
    """How a referrer names the instrument: 'de GIZ (...)', 'preSPARK', never a title in 'u'."""
    form = session.form
    key = f"export.letter.instrument.{form.instrument}"
    text = tr(key, lang)
    return text if text != key else short_title(form, lang)


def build_letter(
    session: SessionInput,
    client: ClientInfo,
    consents: Sequence[ConsentInput],
    *,
    recipient: str | None = None,
    lang: str = "nl",
    today: date | None = None,
) -> bytes:
    """The letter as PDF bytes; refusals as `letter_content`."""
    content = letter_content(session, client, consents, recipient=recipient, lang=lang,
                             today=today)
    return render_letter(content, author=content.signer, lang=lang)


def render_letter(content: LetterContent, *, author: str = "", lang: str = "nl") -> bytes:
    """Lay out the letter's content as PDF bytes."""
    st = styles()
    story: list[Flowable] = []
    sender = list(content.sender)
    sender_lines = [f"<b>{para(sender[0])}</b>"] + [para(x) for x in sender[1:]] if sender else []
    # "Aan: J. Bakker, verloskundige" with the practice on the line below, as an address.
    details = list(content.recipient_lines)
    practice = details.pop() if len(details) > 1 else ""
    first = ", ".join([f"<b>{para(content.recipient)}</b>", *(para(x) for x in details)])
    to_lines = [tr("export.letter.to_line", lang, who=first), *([para(practice)] if practice
                                                                else [])]
    top = Table(
        [[Paragraph("<br/>".join(to_lines), st.body),
          Paragraph("<br/>".join(sender_lines), st.small)]],
        # The frame pads 6 points on each side: the address block starts where the text does.
        colWidths=[(content_width() - 12) * 0.55, (content_width() - 12) * 0.45],
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
    story += [Spacer(1, 18), Paragraph(signature, st.body)]

    decorate = running_header("", "", content.footer, tr("export.page", lang))
    return build_pdf(story, title=content.subject, author=author, on_page=decorate)


def _outcome_parts(session: SessionInput, lang: str) -> list[LetterPart]:
    """The professional's decisions in the referrer's words: one sentence for a form-wide
    outcome, a list for one decided per side or domain (the GIZ's three sides)."""
    form = session.form
    decided = [o for o in form.outcomes if o.decision]
    several = len(decided) > 1
    out: list[LetterPart] = []
    for outcome in decided:
        definition = outcome_def(form, outcome.id)
        if definition is None:
            continue
        title = localize(outcome.title, lang)
        results = [r for r in session.scored.outcomes if r.outcome_id == outcome.id]
        scoped = [r for r in results if r.scope is not None]
        if not scoped:
            decision = session.decision(outcome.id, None)
            if decision is None:
                continue
            level = _lower_first(letter_level_label(definition, decision.decided, lang))
            key = "export.letter.outcome_named" if several else "export.letter.outcome"
            out.append(LetterPart(tr(key, lang, outcome=_lower_first(title), level=level)))
            continue
        lines = []
        for result in scoped:
            decision = session.decision(outcome.id, result.scope)
            if decision is None:
                continue
            lines.append(tr("export.letter.outcome_line", lang,
                            scope=_scope_title(session, result.scope or "", lang),
                            level=_lower_first(letter_level_label(definition, decision.decided,
                                                                  lang))))
        if lines:
            out.append(LetterPart(tr("export.letter.outcome_list", lang,
                                     outcome=_lower_first(title)), tuple(lines)))
    return out


def _scope_title(session: SessionInput, scope: str, lang: str) -> str:
    group = next((g for g in session.form.groups if g.id == scope), None)
    if group is not None:
        return localize(group.title, lang)
    domain = next((d for d in session.form.domains if d.id == scope), None)
    return letter_domain_title(session.form, domain, lang) if domain else scope


def _lower_first(text: str) -> str:
    """'Hoog risico' -> 'hoog risico' inside a sentence (no closing full stop of its own);
    'GOM', 'ALPHA-NL' stay."""
    text = text.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _bullets(lines: list[str], style: object) -> ListFlowable:
    items = [ListItem(Paragraph(para(line), style), leftIndent=12) for line in lines]
    return ListFlowable(items, bulletType="bullet", start="•", leftIndent=12,
                        bulletFontName="DejaVuSans")
