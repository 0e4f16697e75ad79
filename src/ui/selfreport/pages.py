"""The screens she sees: language, introduction, one question at a time, and hand back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Form, ItemType, localize
from instruments.number_input import number_hint, number_shown
from services.selfreport_flow import Question
from ui.dialog_parts import column
from ui.selfreport.labels import text_label
from ui.selfreport.pictogram import pictogram_pixmap
from ui.selfreport.text import is_rtl, language_name, loc, t
from ui.theme import repolish

CHECK = "\u2713  "
PICTOGRAM_PX = 96
# More answers than this are laid out in columns (a 0-10 mark in one row), so they fit.
ONE_COLUMN_MAX = 6


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class LanguagePage(QWidget):
    """The first screen: every language by its own name."""

    chosen = Signal(str)

    def __init__(self, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self, (60, 40, 60, 40), 18)
        layout.addStretch(1)
        title = "   \u00b7   ".join(t("language.title", lang) for lang in languages)
        self.title = text_label(title, "srDomain", self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.buttons: dict[str, QPushButton] = {}
        for lang in languages:
            button = _button(language_name(lang), "srLanguage", self)
            button.setAccessibleName(language_name(lang))
            # Each name is laid out in its own direction, whatever the window's direction.
            button.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight)
            button.clicked.connect(lambda _=False, code=lang: self.chosen.emit(code))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.buttons[lang] = button
        layout.addStretch(2)


class IntroPage(QWidget):
    """Why these questions, who sees the answers, and that she decides what is shared."""

    start = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self, (80, 40, 80, 30), 16)
        self.title = text_label("", "srTitle", self)
        self.form_title = text_label("", "srDomain", self)
        self.body = text_label("", "srBody", self)
        # The form's notice (licence, source) is for the professional, not shown to her; in
        # its place a note when her language cannot be read aloud here.
        self.speech_note = text_label("", "srSmall", self)
        self.speech_note.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.form_title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        layout.addWidget(self.speech_note)
        nav = QHBoxLayout()
        self.back_button = _button("", "srBack", self)
        self.start_button = _button("", "srPrimary", self)
        self.back_button.clicked.connect(self.back)
        self.start_button.clicked.connect(self.start)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.start_button)
        layout.addLayout(nav)

    def show_for(self, form: Form, lang: str, speech: str = "ok") -> None:
        """`speech`: 'ok', or 'no_voice' / 'no_engine' for a note why nothing is read aloud."""
        self.title.setText(t("intro.title", lang))
        self.form_title.setText(loc(form.title, lang))
        self.body.setText(loc(form.introduction or form.description, lang))
        self.speech_note.setText("" if speech == "ok" else t(f"speech.{speech}", lang))
        self.speech_note.setVisible(speech != "ok")
        self.back_button.setText(t("back", lang))
        self.start_button.setText(t("intro.start", lang))


class QuestionPage(QWidget):
    """One question: pictogram, topic, the question, very large answer buttons, "I would
    rather not say" where allowed, progress, back and next."""

    answered = Signal(object)  # the answer value
    back = Signal()
    next = Signal()
    read_aloud = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question: Question | None = None
        self.lang = "nl"
        outer = column(self, (60, 10, 60, 10), 6)

        top = QHBoxLayout()
        self.progress_label = text_label("", "srProgress", self)
        self.progress_label.setWordWrap(False)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("srProgressBar")
        self.progress_bar.setTextVisible(False)
        self.speak_button = _button("", "srSpeak", self)
        self.speak_button.clicked.connect(self.read_aloud)
        top.addWidget(self.progress_label)
        top.addWidget(self.progress_bar, 1)
        top.addWidget(self.speak_button)
        outer.addLayout(top)

        # The question and its answers scroll when they do not fit (large text size, a long
        # translation); the progress above and the buttons below always stay on screen.
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("srQuestionScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget(self.scroll)
        self.body.setObjectName("srQuestionBody")
        layout = column(self.body, (0, 0, 0, 0), 6)

        head = QHBoxLayout()
        head.setSpacing(20)
        self.pictogram = QLabel(self)
        self.pictogram.setObjectName("srPictogram")
        self.pictogram.setFixedSize(PICTOGRAM_PX, PICTOGRAM_PX)
        head.addWidget(self.pictogram, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(4)
        self.domain_title = text_label("", "srDomain", self)
        self.question_text = text_label("", "srQuestion", self)
        self.help_text = text_label("", "srHelp", self)
        words.addWidget(self.domain_title)
        words.addWidget(self.question_text)
        words.addWidget(self.help_text)
        head.addLayout(words, 1)
        layout.addLayout(head)

        self.answers_box = QGridLayout()
        self.answers_box.setSpacing(4)
        layout.addLayout(self.answers_box)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.answer_buttons: list[QPushButton] = []
        # A number: the field, its unit after it, and what may be typed under it.
        number_row = QHBoxLayout()
        number_row.setSpacing(14)
        self.number_box = QLineEdit(self)
        self.number_box.setObjectName("srNumber")
        self.number_box.setFixedWidth(180)
        self.number_box.returnPressed.connect(self.next)
        self.number_unit = text_label("", "srQuestion", self)
        self.number_unit.setWordWrap(False)
        number_row.addWidget(self.number_box)
        number_row.addWidget(self.number_unit)
        number_row.addStretch(1)
        layout.addLayout(number_row)
        self.number_hint = text_label("", "srHelp", self)
        layout.addWidget(self.number_hint)
        self.text_box = QPlainTextEdit(self)
        self.text_box.setObjectName("srText")
        self.text_box.setMaximumHeight(160)
        self.text_box.hide()
        layout.addWidget(self.text_box)
        self.decline_button = _button("", "srDecline", self)
        self.decline_button.setCheckable(True)
        self.decline_button.clicked.connect(lambda: self.answered.emit(DECLINED))
        layout.addWidget(self.decline_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)

        # "Opgeslagen" between back and next: the row is there anyway.
        self.status = text_label("", "srStatus", self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nav = QHBoxLayout()
        nav.setSpacing(16)
        self.back_button = _button("", "srBack", self)
        self.next_button = _button("", "srPrimary", self)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.back_button)
        nav.addWidget(self.status, 1)
        nav.addWidget(self.next_button)
        outer.addLayout(nav)

    # ----- filling the screen ------------------------------------------------------------------

    def options(self, form: Form, question: Question, lang: str) -> list[tuple[str, AnswerValue]]:
        """The answer buttons' words and values for a question."""
        item = question.item
        if item.type in (ItemType.SCALE, ItemType.CHOICE, ItemType.MULTI_CHOICE) and item.scale:
            return [(loc(p.label, lang), p.value) for p in form.scale(item.scale).points]
        if item.type == ItemType.YES_NO:
            return [(t("yes", lang), True), (t("no", lang), False)]
        return []

    def show_question(self, form: Form, question: Question, lang: str,
                      value: AnswerValue | None, n: int, total: int, *, last: bool,
                      speech: bool) -> None:
        self.question = question
        self.lang = lang
        self.progress_label.setText(t("progress", lang, n=n, total=total))
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(n)
        self.speak_button.setText(t("read_aloud", lang))
        self.speak_button.setVisible(speech)
        pixmap = pictogram_pixmap(question.domain.pictogram, PICTOGRAM_PX)
        self.pictogram.setVisible(pixmap is not None)
        if pixmap is not None:
            self.pictogram.setPixmap(pixmap)
        self.domain_title.setText(loc(question.domain.title, lang))
        self.question_text.setText(loc(question.item.text, lang))
        help_text = loc(question.item.help, lang)
        self.help_text.setText(help_text)
        self.help_text.setVisible(bool(help_text))

        for button in self.answer_buttons:
            self.group.removeButton(button)
            self.answers_box.removeWidget(button)
            button.hide()  # gone from the screen now, not only after the next event loop turn
            button.deleteLater()
        self.answer_buttons = []
        item = question.item
        multi = item.type == ItemType.MULTI_CHOICE
        self.group.setExclusive(not multi)  # several answers may be chosen at once
        options = self.options(form, question, lang)
        columns = 1
        if len(options) > ONE_COLUMN_MAX:
            short = all(len(words) <= 3 for words, _ in options)
            columns = len(options) if short else 2
        for n, (words, option) in enumerate(options):
            button = _button(words, "srAnswer", self)
            button.setCheckable(True)
            button.setProperty("words", words)
            button.setProperty("answer", option)
            button.setProperty("rtl", is_rtl(lang))
            if multi:
                button.clicked.connect(lambda _=False: self.answered.emit(self.chosen_values()))
            else:
                button.clicked.connect(lambda _=False, v=option: self.answered.emit(v))
            self.group.addButton(button)
            self.answers_box.addWidget(button, n // columns, n % columns)
            button.show()  # at once, not after the next event loop turn
            self.answer_buttons.append(button)
        is_text = item.type == ItemType.TEXT
        self.text_box.setVisible(is_text)
        self.text_box.setPlaceholderText(t("text.placeholder", lang))
        self.text_box.setPlainText(value if is_text and isinstance(value, str)
                                   and value != DECLINED else "")
        is_number = item.type == ItemType.NUMBER
        for widget in (self.number_box, self.number_unit, self.number_hint):
            widget.setVisible(is_number)
        if is_number:
            unit = localize(item.unit, lang)
            self.number_unit.setText(unit)
            self.number_hint.setText(number_hint(item, lang))
            self.number_box.setAccessibleName(
                f"{loc(item.text, lang)} ({unit})" if unit else loc(item.text, lang))
            self.number_box.setAccessibleDescription(number_hint(item, lang))
            self.show_number(value)
        self.decline_button.setText(t("decline", lang))
        self.decline_button.setVisible(question.item.allow_decline)
        self.back_button.setText(t("back", lang))
        self.next_button.setText(t("finish", lang) if last else t("next", lang))
        self.set_status("", "")
        self.mark(value)

    def chosen_values(self) -> list[int] | None:
        """The ticked answers of a multi-choice question, in scale order (None: none)."""
        values = [int(b.property("answer")) for b in self.answer_buttons if b.isChecked()]
        return values or None

    def show_number(self, value: AnswerValue | None) -> None:
        """The saved number in the field (empty without one)."""
        item = self.question.item if self.question else None
        shown = ""
        if item is not None and isinstance(value, int | float) and not isinstance(value, bool):
            shown = number_shown(item, value, self.lang)
        self.number_box.setText(shown)

    def mark(self, value: AnswerValue | None) -> None:
        """Show which answer is chosen (check mark plus border) and whether she may go on."""
        for button in self.answer_buttons:
            answer = button.property("answer")
            if isinstance(value, list):
                chosen = answer in value
            else:
                chosen = value is not None and value != DECLINED and answer == value \
                    and type(answer) is type(value)
            button.setChecked(chosen)
            button.setText((CHECK if chosen else "") + str(button.property("words")))
        declined = value == DECLINED
        self.decline_button.setChecked(declined)
        self.decline_button.setText((CHECK if declined else "") + t("decline", self.lang))
        item = self.question.item if self.question else None
        may_skip = item is not None and (item.type in (ItemType.TEXT, ItemType.NUMBER) or (
            not item.allow_decline and not item.required))
        self.next_button.setEnabled(value is not None or may_skip)

    def set_status(self, state: str, text: str) -> None:
        self.status.setText(text)
        self.status.setProperty("state", state)
        repolish(self.status)

    def spoken_text(self, form: Form) -> str:
        """The question and its answer options, for reading aloud."""
        if self.question is None:
            return ""
        parts = [loc(self.question.item.text, self.lang)]
        if self.question.item.type == ItemType.NUMBER:
            parts.append(number_hint(self.question.item, self.lang))
        parts += [words for words, _ in self.options(form, self.question, self.lang)]
        if self.question.item.allow_decline:
            parts.append(t("decline", self.lang))
        return ".\n".join(parts)


class HandBackPage(QWidget):
    """The last screen: thank you, please give the laptop back."""

    back = Signal()
    professional = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self, (80, 40, 80, 30), 20)
        layout.addStretch(1)
        self.title = text_label("", "srTitle", self)
        self.body = text_label("", "srBody", self)
        self.change = text_label("", "srHelp", self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.change)
        layout.addStretch(2)
        card = QFrame(self)
        card.setObjectName("srCard")
        row = QHBoxLayout(card)
        row.setContentsMargins(20, 12, 20, 12)
        self.back_button = _button("", "srBack", card)
        self.professional_button = _button("", "srProfessional", card)
        self.back_button.clicked.connect(self.back)
        self.professional_button.clicked.connect(self.professional)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.professional_button)
        layout.addWidget(card)

    def show_for(self, lang: str, *, can_go_back: bool) -> None:
        self.title.setText(t("handback.title", lang))
        self.body.setText(t("handback.body", lang))
        self.change.setText(t("handback.change", lang))
        self.change.setVisible(can_go_back)
        self.back_button.setText(t("back", lang))
        self.back_button.setVisible(can_go_back)
        self.professional_button.setText(t("handback.professional", lang))
