"""Where the store lives by default: SAMENSPRAAK_STORE, else `store` in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "SAMENSPRAAK_STORE"


def default_store_folder() -> Path:
    """The one default for the app and the command line (platformdirs user data folder)."""
    configured = os.environ.get(STORE_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("samenspraak", appauthor=False) / "store"


ERASURES_ENV = "SAMENSPRAAK_ERASURES"


def user_erasure_ledger() -> Path:
    """The user's own erasure ledger, outside every store folder (so a store restored into a
    new folder still finds the erasures made since its backup): SAMENSPRAAK_ERASURES, else
    `erasures.json` in the user data folder."""
    configured = os.environ.get(ERASURES_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("samenspraak", appauthor=False) / "erasures.json"
