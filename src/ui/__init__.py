"""The Qt user interface and the `samenspraak` command line."""

import os

# Qt's raster engine hands every large fill (a page's background is one) to a thread pool and
# waits for it; on a two-core laptop that hand-off costs more than the fill itself, and most
# when other work shares the cores (a page turn: median 10.4 -> 7.3 ms, its p95 more). Qt reads
# this once, at the first such fill; every Qt use is in this package, so it is set before any.
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
