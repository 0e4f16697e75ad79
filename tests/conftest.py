"""Shared test setup: offscreen Qt and paths to the shipped forms."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
FORMS_DIR = ROOT / "forms"
