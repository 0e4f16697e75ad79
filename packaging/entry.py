"""Entry script of the bundled app: the `samenspraak` command (`ui.cli.main:main`)."""

from __future__ import annotations

import sys

from ui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
