"""The locked-down, full-screen self-report window the parent fills in herself.

Language first, then the form's introduction, then one question per screen; every answer is
saved the moment it is given (through the session's one write path, attributed to the
client; each answer its own committed transaction). Closing,
Escape and Alt+F4 ask for the professional's PIN or passphrase (`unlock_check`) and are refused
otherwise. After a long idle time a cover hides her answers until she touches the screen; it
never throws her out. `handed_back(session_id)` is emitted only after a good unlock, and the
window then closes itself.

Wiring (main window): disarm the app's own auto-lock while this window is open (the store must
stay open), hide the main window, `window.showFullScreen()`, and on `handed_back` show a
`ui.selfreport.discussion.DiscussionView` for the same session.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Item, ItemType
from instruments.number_input import parse_number
from services.selfreport_flow import SelfReportFlow
from services.session_writer import CLIENT, SaveFailed
from ui.appearance import adapt
from ui.autolock import AutoLock
from ui.selfreport.fonts import selfreport_font
from ui.selfreport.overlays import IdleCover, LockPanel
from ui.selfreport.pages import HandBackPage, IntroPage, LanguagePage, QuestionPage
from ui.selfreport.speech import Reader, speech_status
from ui.selfreport.style import SELFREPORT_STYLE
from ui.selfreport.text import is_rtl, offered_languages, t
from ui.theme import repolish
from ui.workers import BackgroundOp

if TYPE_CHECKING:
    from services.opened_session import OpenedSession

DEFAULT_IDLE_S = 180.0
# Below this height (a 1024×600 netbook) the buttons are padded less; the text stays as large.
COMPACT_BELOW_PX = 760


class SelfReportWindow(QWidget):
    """Full-screen self-report for one session; see the module docstring."""

    handed_back = Signal(str)

    def __init__(self, opened: OpenedSession, *, unlock_check: Callable[[str], bool],
                 parent: QWidget | None = None, idle_timeout_s: float = DEFAULT_IDLE_S) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("selfReport")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Samenspraak")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setFont(selfreport_font())
        self.setStyleSheet(adapt(SELFREPORT_STYLE))
        self.writer = opened.writer
        self.session_id = opened.session_id
        self.unlock_check = unlock_check
        self.form = opened.form
        self.flow = SelfReportFlow(self.form, self.writer.answers)
        self.lang = "nl"
        self.current: str | None = None  # the question on screen; None on other screens
        self._released = False
        self._check_op: BackgroundOp | None = None
        self.reader = Reader(self)

        self.top = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The window is the screen's size: its pages fit into it (compact below
        # COMPACT_BELOW_PX, the question scrolls), they never make it larger than the screen.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.top)
        self.stack = QStackedWidget(self.top)
        self.lock_panel = LockPanel(self.top)
        self.cover = IdleCover(self.top)
        for widget in (self.stack, self.lock_panel, self.cover):
            self.top.addWidget(widget)

        self.languages = offered_languages(self.form.languages)
        self.language_page = LanguagePage(self.languages, self.stack)
        self.intro_page = IntroPage(self.stack)
        self.question_page = QuestionPage(self.stack)
        self.handback_page = HandBackPage(self.stack)
        for page in (self.language_page, self.intro_page, self.question_page,
                     self.handback_page):
            self.stack.addWidget(page)

        self.language_page.chosen.connect(self.choose_language)
        self.intro_page.back.connect(lambda: self.stack.setCurrentWidget(self.language_page))
        self.intro_page.start.connect(self.begin)
        self.question_page.answered.connect(self.answer)
        self.question_page.back.connect(self.go_back)
        self.question_page.next.connect(self.go_next)
        self.question_page.read_aloud.connect(self.read_aloud)
        self.handback_page.back.connect(self.go_back)
        self.handback_page.professional.connect(self.request_leave)
        self.lock_panel.submitted.connect(self._check_unlock)
        self.lock_panel.cancelled.connect(self._cancel_leave)
        self.cover.touched.connect(self.uncover)

        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence("Alt+F4")):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self._escape)

        self.idle = AutoLock(idle_timeout_s, self)
        self.idle.idle_timeout.connect(self.cover_answers)
        self._filter_installed = False
        self.stack.setCurrentWidget(self.language_page)

    @property
    def completed(self) -> bool:
        return self.writer.completed

    # ----- language and start -----------------------------------------------------------------

    def choose_language(self, lang: str) -> None:
        self.lang = lang
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(lang)
                                else Qt.LayoutDirection.LeftToRight)
        self.intro_page.show_for(self.form, lang, speech_status(lang))
        self.stack.setCurrentWidget(self.intro_page)
        self.intro_page.start_button.setFocus(Qt.FocusReason.OtherFocusReason)  # not "Terug"

    def begin(self) -> None:
        """After the introduction: the first question, or where a resumed form stopped."""
        if self.completed:
            self.show_hand_back()
            return
        target = self.flow.first_unanswered() if self.flow.answers else self.flow.first()
        if target is None:
            self.show_hand_back()
        else:
            self.show_question(target)

    # ----- questions --------------------------------------------------------------------------

    def show_question(self, item_id: str) -> None:
        self.current = item_id
        question = self.flow.question(item_id)
        n, total = self.flow.progress(item_id)
        self.question_page.show_question(
            self.form, question, self.lang, self.flow.answers.get(item_id), n, total,
            last=self.flow.next_after(item_id) is None, speech=speech_status(self.lang) == "ok")
        self.stack.setCurrentWidget(self.question_page)
        self._remember_position(question.domain.id)

    def _remember_position(self, domain_id: str) -> None:
        if domain_id == self.writer.position:
            return
        with contextlib.suppress(SaveFailed):  # the position is a convenience, answers matter
            self.writer.set_position(domain_id)

    def answer(self, value: AnswerValue | None) -> bool:
        """Save her answer at once; the screen shows it only once it is saved."""
        if self.current is None or self.completed:
            return False
        item_id = self.current
        try:
            self.writer.save_answer(item_id, value, by=CLIENT)
        except SaveFailed:  # any store failure: tell her, keep the old answer
            self.question_page.mark(self.flow.answers.get(item_id))
            self.question_page.set_status("error", t("save_failed", self.lang))
            return False
        saved = self.writer.answers.get(item_id)
        self.flow.set_answer(item_id, saved)
        self.question_page.mark(saved)
        n, total = self.flow.progress(item_id)
        self.question_page.progress_label.setText(t("progress", self.lang, n=n, total=total))
        self.question_page.progress_bar.setRange(0, max(total, 1))
        self.question_page.progress_bar.setValue(n)
        last = self.flow.next_after(item_id) is None
        self.question_page.next_button.setText(t("finish" if last else "next", self.lang))
        self.question_page.set_status("saved", t("saved", self.lang))
        return True

    def _save_text(self) -> bool:
        """A text or number question is saved when she moves on; a number that cannot be
        saved keeps her on the question, with the reason."""
        if self.current is None:
            return True
        question = self.flow.question(self.current)
        if question.item.type == ItemType.NUMBER:
            return self._save_number(question.item)
        if question.item.type != ItemType.TEXT:
            return True
        text = self.question_page.text_box.toPlainText().strip()
        if not text or text == self.flow.answers.get(self.current):
            return True
        return self.answer(text)

    def _save_number(self, item: Item) -> bool:
        assert self.current is not None
        parsed = parse_number(item, self.question_page.number_box.text(), self.lang)
        if not parsed.ok:
            self.question_page.set_status("error", parsed.problem)
            self.question_page.number_box.setFocus()
            return False
        before = self.flow.answers.get(self.current)
        if parsed.value is None and before == DECLINED:
            return True  # she chose 'rather not say'; the empty field does not undo it
        if parsed.value == before and type(parsed.value) is type(before):
            return True
        return self.answer(parsed.value)

    def go_next(self) -> None:
        if self.current is None or not self._save_text():
            return
        following = self.flow.next_after(self.current)
        if following is None:
            self.show_hand_back()
        else:
            self.show_question(following)

    def go_back(self) -> None:
        if self.stack.currentWidget() is self.question_page and not self._save_text():
            return
        previous = self.flow.previous_before(self.current)
        if previous is None:
            self.current = None
            self.stack.setCurrentWidget(self.intro_page)
        else:
            self.show_question(previous)

    def show_hand_back(self) -> None:
        self.current = None
        self.handback_page.show_for(self.lang, can_go_back=not self.completed
                                    and bool(self.flow.visible()))
        self.stack.setCurrentWidget(self.handback_page)

    def read_aloud(self) -> None:
        self.reader.speak(self.question_page.spoken_text(self.form), self.lang)

    # ----- idle cover -------------------------------------------------------------------------

    def cover_answers(self) -> None:
        """Hide her answers after a long idle time; nothing is closed or lost."""
        self.reader.stop()
        self.cover.prepare(self.lang)
        self.lock_panel.field.clear()
        self.top.setCurrentWidget(self.cover)

    def uncover(self) -> None:
        self.top.setCurrentWidget(self.stack)
        self.idle.arm()

    @property
    def covered(self) -> bool:
        return self.top.currentWidget() is self.cover

    # ----- leaving: only with the professional's PIN ------------------------------------------

    def _escape(self) -> None:
        if self.top.currentWidget() is self.lock_panel:
            self._cancel_leave()
        elif self.covered:
            self.uncover()
        else:
            self.request_leave()

    def request_leave(self) -> None:
        """Show the professional's unlock panel (closing, Escape, Alt+F4, hand back)."""
        self.reader.stop()
        if self.top.currentWidget() is not self.lock_panel:
            self.lock_panel.prepare(self.lang)
            self.top.setCurrentWidget(self.lock_panel)
        self.lock_panel.field.setFocus()

    def _cancel_leave(self) -> None:
        self.lock_panel.field.clear()
        self.top.setCurrentWidget(self.stack)

    def _check_unlock(self, secret: str) -> None:
        if self._check_op is not None and self._check_op.running:
            return
        self.lock_panel.set_busy(True)
        check = self.unlock_check
        op = BackgroundOp(lambda: bool(check(secret)), self)
        op.on_success(self._unlock_result).on_failure(lambda _exc: self._unlock_result(False))
        self._check_op = op
        op.run()

    def _unlock_result(self, ok: object) -> None:
        if ok is not True:
            self.lock_panel.refuse()
            return
        self.lock_panel.field.clear()
        self.release()
        self.handed_back.emit(self.session_id)
        self.close()

    def release(self) -> None:
        """Let the window close (after a good unlock, or when the app itself shuts down)."""
        self._released = True
        self.idle.disarm()
        self.reader.stop()
        self._remove_filter()

    @property
    def released(self) -> bool:
        return self._released

    # ----- Qt events --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._released and not self._filter_installed:
            app = QApplication.instance()
            if isinstance(app, QObject):
                app.installEventFilter(self.idle)
                self._filter_installed = True
            self.idle.arm()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.set_compact(event.size().height() < COMPACT_BELOW_PX)

    def set_compact(self, compact: bool) -> None:
        """Less padding around the buttons on a low screen (the style's `compact` rules)."""
        if self.property("compact") is compact:
            return
        self.setProperty("compact", compact)
        for widget in [self, *self.findChildren(QWidget)]:
            repolish(widget)

    def _remove_filter(self) -> None:
        app = QApplication.instance()
        if self._filter_installed and isinstance(app, QObject):
            app.removeEventFilter(self.idle)
        self._filter_installed = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._released:
            event.accept()
            return
        event.ignore()
        self.request_leave()
