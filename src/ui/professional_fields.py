"""The professional's own details, asked at the first start and kept in the settings: name,
role, organisation, AGB code and BIG number (optional), phone and e-mail. A session records
them at its start as who held it; the letter is signed with them."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from ui.i18n_qt import tr

# (settings field, label key, placeholder key or ""), in the order they are asked.
FIELDS = (
    ("professional", "settings.professional", "settings.professional_placeholder"),
    ("role", "settings.role", "settings.role_placeholder"),
    ("organisation", "settings.organisation", "settings.organisation_placeholder"),
    ("agb", "settings.agb", "settings.optional"),
    ("big", "settings.big", "settings.optional"),
    ("phone", "settings.phone", ""),
    ("email", "settings.email", ""),
)
LINE_MAX = 200  # the store keeps at most this many characters of each


def profile_complete(values: dict[str, str]) -> bool:
    """Name, role and organisation given, and a phone number or an e-mail address."""
    filled = {name: " ".join(str(values.get(name, "")).split()) for name, _l, _p in FIELDS}
    email_ok = not filled["email"] or "@" in filled["email"]
    return (all(filled[name] for name in ("professional", "role", "organisation"))
            and bool(filled["phone"] or filled["email"]) and email_ok)


class ProfessionalFields(QWidget):
    """The fields, each a QLineEdit named after its settings field (`edits[name]`)."""

    def __init__(self, values: dict[str, str], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("professionalFields")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setVerticalSpacing(10)
        self.form.setHorizontalSpacing(14)
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for name, _label, _placeholder in FIELDS:
            edit = QLineEdit(values.get(name, ""))
            edit.setObjectName(f"profile_{name}")
            edit.setMaxLength(LINE_MAX)
            label = QLabel()
            label.setBuddy(edit)
            self.form.addRow(label, edit)
            self.edits[name], self.labels[name] = edit, label
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        for name, label_key, placeholder_key in FIELDS:
            self.labels[name].setText(tr(label_key, lang))
            self.edits[name].setPlaceholderText(tr(placeholder_key, lang) if placeholder_key
                                                else "")

    def values(self) -> dict[str, str]:
        return {name: " ".join(edit.text().split()) for name, edit in self.edits.items()}

    def complete(self) -> bool:
        return profile_complete(self.values())
