"""Opens the export dialogs over the main window: one session's, or a period's."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from export.inputs import Letterhead
    from ui.main_window import MainWindow


class ExportLauncher:
    """The per-session and per-period export dialogs, with the letterhead from the settings."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def letterhead(self) -> Letterhead:
        from export.inputs import Letterhead

        settings = self.window.settings
        return Letterhead(organisation=settings.organisation, professional=settings.professional,
                          role=settings.role, phone=settings.phone, email=settings.email)

    def session(self, session_id: str) -> None:
        """The per-session export dialog (letter, report, FHIR, BDS)."""
        window = self.window
        if window.store is None:
            return
        from services.export_jobs import SessionExporter
        from ui.export_dialog import ExportDialog

        exporter = SessionExporter(window.store, session_id, self.letterhead())
        dialog = ExportDialog(exporter, window.lang, window)
        dialog.changed.connect(window.router.store_changed)
        window.export_dialog = window.open_dialog(dialog)

    def period(self) -> None:
        """The period export dialog (management report, research CSV / SPSS)."""
        window = self.window
        if window.store is None:
            return
        if window.catalog.catalog is None:
            window.load_catalog(then=self.period)
            return
        from ui.period_export_dialog import PeriodExportDialog

        forms = window.catalog.latest_forms(window.lang)
        window.export_dialog = window.open_dialog(
            PeriodExportDialog(window.store, forms, self.letterhead(), window.lang, window,
                               forms_dir=window.settings.forms_folder or None))
