"""Store errors: one clear, translatable line each, never holding client data."""

from __future__ import annotations

import os

from instruments.i18n import DEFAULT_LANGUAGE, tr


def message_language() -> str:
    """The language of error messages: SAMENSPRAAK_LANG when set, else Dutch."""
    return os.environ.get("SAMENSPRAAK_LANG", DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


class StoreError(Exception):
    """Base of every store error. `key` and `values` let a UI show it in another language."""

    default_key = "store.error.generic"

    def __init__(self, message: str | None = None, *, key: str | None = None,
                 **values: object) -> None:
        self.key = key or self.default_key
        self.values = values
        self._literal = message is not None
        super().__init__(message if message is not None else tr(self.key, message_language(),
                                                                 **values))

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in `lang` (a literal message is returned as given)."""
        return str(self) if self._literal else tr(self.key, lang, **self.values)


class WrongPassphrase(StoreError):
    """The passphrase does not unlock this store (or backup)."""

    default_key = "store.error.wrong_passphrase"


class StoreNotFound(StoreError):
    """There is no store in the given folder."""

    default_key = "store.error.not_found"


class StoreExists(StoreError):
    """A store (or file) is already there and is never overwritten."""

    default_key = "store.error.exists"


class StoreDamaged(StoreError):
    """The store or backup fails to open or fails its integrity check; it was not modified."""

    default_key = "store.error.damaged"


class ConsentMissing(StoreError):
    """Something needs an active consent that is not there."""

    default_key = "store.error.consent_missing"


class RecordNotFound(StoreError):
    """No client, session or consent with the given id."""

    default_key = "store.error.record_not_found"


class ErasureIncomplete(StoreError):
    """The erasure is committed, but another connection still holds old pages: copies of the
    erased data stay in the store's files until it lets go (retried at close and next open)."""

    default_key = "store.error.erasure_incomplete"


class InvalidInput(StoreError):
    """A value the store refuses: a BSN failing the 11-test, a date in the future, ..."""

    default_key = "store.error.invalid"
