"""The form catalog behind the main window, loaded off the GUI thread once the store is open
(and again when the forms folder changes): form titles for the client page, the choice of forms
for a new session and for period exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from ui.workers import BackgroundOp

if TYPE_CHECKING:
    from instruments.loader import FormCatalog, FormProblem


class CatalogLoading(QObject):
    """Holds the loaded catalog (None until loaded)."""

    def __init__(self, sources: Callable[[], tuple[str, bool]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The organisation's forms folder ("" for none) and whether the shipped example forms
        # are offered too.
        self._sources = sources
        self.catalog: tuple[FormCatalog, list[FormProblem]] | None = None
        self._op: BackgroundOp | None = None

    def forget(self) -> None:
        """The forms folder changed: the next use loads again."""
        self.catalog = None

    def load(self, then: Callable[[], None] | None = None) -> None:
        """Load in the background; `then` runs once it has loaded."""
        folder_text, examples = self._sources()
        folder = folder_text or None

        def load() -> Any:
            from instruments.loader import load_catalog

            return load_catalog(folder, examples=examples)

        def done(result: Any) -> None:
            from ui.source_cache import drop_module_sources

            self.catalog = result
            drop_module_sources()  # the loader's imports (pydantic, PyYAML) are done
            if then is not None:
                then()

        self._op = BackgroundOp(load, self).on_success(done).run()

    def form_title(self, form_id: str, version: str, lang: str) -> str:
        """A form's title in `lang` (its id until the catalog has loaded)."""
        if self.catalog is None:
            return form_id
        from instruments.model import localize

        catalog = self.catalog[0]
        loaded = catalog.get(form_id, version) or catalog.latest(form_id)
        return localize(loaded.form.title, lang) if loaded else form_id

    def latest_forms(self, lang: str) -> list[tuple[str, str]]:
        """(id, title) of the latest version of every form."""
        if self.catalog is None:
            return []
        from instruments.model import localize

        catalog = self.catalog[0]
        return [(form_id, localize(latest.form.title, lang))
                for form_id in catalog.ids() if (latest := catalog.latest(form_id))]
