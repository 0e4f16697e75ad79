"""Consent to share, recorded as such: who gave it, for which recipient and which content. The
panel lists the consents already recorded for the session and records new ones."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from export.consent import KIND_REFERRER
from services.completion_check import JGZ_RECORD
from services.conversation import SaveFailed, SessionController
from ui.dialog_parts import column
from ui.session.page_parts import (
    SessionPart,
    add_action_button,
    add_label,
    set_state,
    status_label,
    summary_label,
)
from ui.session.text import t

# The scope words the export layer understands (export.consent): the conversation and agreed
# follow-up, the professional's decision, the domains where help is needed.
SCOPE_WORDS = ("gesprek", "uitkomst", "domeinen")


class ConsentPanel(QFrame, SessionPart):
    """Consent to share with the referrer (what exactly) and with the JGZ record."""

    def __init__(self, controller: SessionController, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bind_session("consentPanel", controller, lang)
        layout = column(self, (18, 12, 18, 12), 6)
        add_label(layout, self, t("consent.title", lang), "stepTitle")
        add_label(layout, self, t("consent.explain", lang), "itemHelp", wrap=True)
        self.recorded = summary_label(self)
        layout.addWidget(self.recorded)
        self.given_by = QLineEdit(self)
        self.given_by.setObjectName("consentGivenBy")
        self.given_by.setPlaceholderText(t("consent.given_by", lang))
        layout.addWidget(self.given_by)

        referrer_row = QHBoxLayout()
        self.to_referrer = QCheckBox(t("consent.to_referrer", lang), self)
        self.to_referrer.setObjectName("consentReferrer")
        self.referrer = QLineEdit(self)
        self.referrer.setObjectName("consentRecipient")
        self.referrer.setPlaceholderText(t("consent.referrer_name", lang))
        referrer_row.addWidget(self.to_referrer)
        referrer_row.addWidget(self.referrer, 1)
        layout.addLayout(referrer_row)
        scope_row = QHBoxLayout()
        scope_row.setContentsMargins(34, 0, 0, 0)
        self.scopes: dict[str, QCheckBox] = {}
        for word in SCOPE_WORDS:
            box = QCheckBox(t(f"consent.scope.{word}", lang), self)
            box.setObjectName(f"scope_{word}")
            box.setChecked(True)
            scope_row.addWidget(box)
            self.scopes[word] = box
        # Consent to share at all covers that the conversation took place.
        self.scopes["gesprek"].setEnabled(False)
        scope_row.addStretch(1)
        layout.addLayout(scope_row)
        self.to_record = QCheckBox(t("consent.to_record", lang), self)
        self.to_record.setObjectName("consentRecord")
        layout.addWidget(self.to_record)

        self.record_button = add_action_button(layout, self, t("consent.record", lang),
                                               "recordConsent", self.record)
        self.status = status_label(self)
        layout.addWidget(self.status)
        self.status.hide()
        self._referrer_loaded = False

    def _set_status(self, state: str, text: str) -> None:
        set_state(self.status, state, text)

    def refresh(self) -> None:
        try:
            if not self._referrer_loaded:
                self.referrer.setText(self.controller.referrer())
                self._referrer_loaded = True
            records = [c for c in self.controller.consents() if c.active]
        except SaveFailed as exc:
            self._set_status("error", t("consent.read_failed", self.lang, reason=str(exc)))
            return
        lines = []
        for c in records:
            scope = ", ".join(t(f"consent.scope.{w.strip()}", self.lang)
                              for w in c.scope.split(",") if w.strip())
            lines.append(t("consent.recorded_line", self.lang, recipient=c.recipient,
                           scope=scope, given_by=c.given_by,
                           at=c.given_at.strftime("%d-%m-%Y %H:%M")))
        self.recorded.setText("\n".join(lines) if lines else t("consent.none", self.lang))

    def record(self) -> None:
        """Record a consent for each ticked recipient."""
        given_by = self.given_by.text().strip()
        wanted: list[tuple[str, str, str]] = []
        if self.to_referrer.isChecked():
            recipient = self.referrer.text().strip()
            if not recipient:
                self._set_status("error", t("consent.referrer_missing", self.lang))
                self.referrer.setFocus()
                return
            words = [w for w, box in self.scopes.items() if box.isChecked()]
            # The consent for the referrer is recorded as such: only under it may the
            # feedback letter go out.
            wanted.append((recipient, ",".join(words), KIND_REFERRER))
        if self.to_record.isChecked():
            wanted.append((JGZ_RECORD, ",".join(SCOPE_WORDS), ""))
        if not wanted:
            self._set_status("error", t("consent.choose", self.lang))
            return
        if not given_by:
            self._set_status("error", t("consent.who", self.lang))
            self.given_by.setFocus()
            return
        for recipient, scope, kind in wanted:
            try:
                self.controller.add_consent(given_by, recipient, scope, kind)
            except SaveFailed as exc:
                self._set_status("error", t("item.not_saved", self.lang, reason=str(exc)))
                self.refresh()
                return
        self.to_referrer.setChecked(False)
        self.to_record.setChecked(False)
        self._set_status("saved", t("consent.saved", self.lang))
        self.refresh()
