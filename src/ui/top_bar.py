"""The main window's top bar: the app name and the always-present actions (clients, reports,
settings, lock); the client-bearing ones only while the store is open."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n_qt import tr

APP_NAME = "Samenspraak"


class TopBar(QFrame):
    """App name and the always-present actions: clients, settings, lock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topbar")
        self.name = QLabel(APP_NAME)
        self.name.setObjectName("appname")
        self.clients_button = QPushButton()
        self.clients_button.setObjectName("clientsButton")
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("settingsButton")
        self.reports_button = QPushButton()
        self.reports_button.setObjectName("reportsButton")
        self._lang = "nl"
        self._unlocked = False
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)
        layout.addWidget(self.name)
        layout.addStretch(1)
        for button in (self.clients_button, self.reports_button, self.settings_button,
                       self.lock_button):
            layout.addWidget(button)

    def retranslate(self, lang: str) -> None:
        self.clients_button.setText(tr("top.clients", lang))
        self.settings_button.setText(tr("top.settings", lang))
        self.lock_button.setText(tr("top.lock", lang))
        self.lock_button.setToolTip(tr("top.lock_tip", lang))
        self._lang = lang
        if self._unlocked:  # its text is outside the fast `ui` catalog: label it once unlocked
            self._label_reports()

    def _label_reports(self) -> None:
        self.reports_button.setText(tr("exportui.top.reports", self._lang))
        self.reports_button.setToolTip(tr("exportui.top.reports_tip", self._lang))

    def set_unlocked(self, unlocked: bool) -> None:
        self.clients_button.setVisible(unlocked)
        self.lock_button.setVisible(unlocked)
        self.reports_button.setVisible(unlocked)
        self._unlocked = unlocked
        if unlocked:
            self._label_reports()
