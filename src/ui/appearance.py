"""How large and how contrasted the app draws: the text size (100–150 %, Ctrl+plus and
Ctrl+minus) and the high-contrast theme (on, off, or following the system where Qt reports
it). Style sheets pass through `adapt` so every px/pt font size and colour follows."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

MIN_SCALE, MAX_SCALE, STEP = 100, 150, 10
CONTRASTS = ("system", "high", "normal")

# Normal colour -> high-contrast colour: black text, white surfaces, dark blue accents.
HIGH_CONTRAST = {
    "#1b1f24": "#000000", "#1d232b": "#000000", "#3d4650": "#000000", "#4a5560": "#000000",
    "#5a6470": "#000000", "#6b737b": "#333333", "#14385f": "#000040", "#1f4e86": "#00306b",
    "#1f4e79": "#00306b", "#f7f6f2": "#ffffff", "#f7f8fa": "#ffffff", "#eef1f5": "#ffffff",
    "#e9ecef": "#ffffff", "#f1f3f5": "#ffffff", "#8a949e": "#000000", "#a9b4c2": "#000000",
    "#d5dbe3": "#000000", "#d5d9dd": "#000000", "#dce8f3": "#cfe3ff", "#e3edf9": "#cfe3ff",
}

_state = {"scale": MIN_SCALE, "contrast": "system"}
_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)(px|pt)")
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def clamp_scale(percent: int) -> int:
    return max(MIN_SCALE, min(MAX_SCALE, int(percent)))


def text_scale() -> int:
    return _state["scale"]  # type: ignore[return-value]


def set_text_scale(percent: int) -> int:
    _state["scale"] = clamp_scale(percent)
    return text_scale()


def set_contrast(choice: str) -> None:
    _state["contrast"] = choice if choice in CONTRASTS else "system"


def system_wants_high_contrast() -> bool:
    """What the system says, where Qt reports it (Qt 6.10+ accessibility hints)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    preference = getattr(accessibility(), "contrastPreference", None)
    high = getattr(Qt, "ContrastPreference", None)
    if preference is None or high is None:
        return False
    return bool(preference() == high.HighContrast)


def current_contrast() -> str:
    return _state["contrast"]  # type: ignore[return-value]


def follow_system_contrast(then: Callable[[], None]) -> None:
    """When the system's contrast preference changes (where Qt reports it) and the setting
    follows the system: apply the theme again, then call `then` (redraw what draws itself)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    signal = getattr(accessibility(), "contrastPreferenceChanged", None) if accessibility else None

    def changed(*_: object) -> None:
        if _state["contrast"] == "system":
            from ui.theme import reapply_theme

            reapply_theme()
            then()

    if signal is not None:
        signal.connect(changed)


def high_contrast() -> bool:
    choice = _state["contrast"]
    return choice == "high" or (choice == "system" and system_wants_high_contrast())


def scaled(px: float) -> int:
    """A pixel size at the current text size."""
    return round(px * text_scale() / 100)


def adapt(css: str) -> str:
    """`css` with its font sizes at the current text size and, in high contrast, its colours
    replaced by their high-contrast ones."""
    factor = text_scale() / 100
    if factor != 1:
        css = _SIZE.sub(lambda m: f"font-size: {round(float(m.group(1)) * factor)}{m.group(2)}",
                        css)
    if high_contrast():
        css = _HEX.sub(lambda m: HIGH_CONTRAST.get(m.group(0).lower(), m.group(0)), css)
    return css


def colour(hex_colour: str) -> str:
    """One theme colour as drawn now (for widgets that paint themselves)."""
    return HIGH_CONTRAST.get(hex_colour.lower(), hex_colour) if high_contrast() else hex_colour
