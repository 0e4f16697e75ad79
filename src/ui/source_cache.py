"""Dropping the module sources PySide6 reads on every import.

PySide6's `__feature__` import hook decides whether a newly imported module uses PySide6 by
reading its source (`inspect.getsource`), which leaves the lines of every module imported after
PySide6 in `linecache`: some 450 files, about 18 MB of Python strings that nothing needs (a
traceback reads the lines again when it is formatted). Dropping them after the heavy imports
(the form catalog, a session screen) lets the memory be reused.
"""

from __future__ import annotations

import linecache


def drop_module_sources() -> None:
    """Forget the cached source lines (see the module doc)."""
    linecache.clearcache()
