"""Where the triangle and its factor buttons go in a given area (pure arithmetic, no widgets):
the first side along the left edge, the second along the right edge, the third under the base."""

from __future__ import annotations

import math
from dataclasses import dataclass

MARGIN = 12
LABEL_HEIGHT = 58  # room for a side's title, summary and suggestion
BASE_COLUMNS = 3
GAP = 8
# The heights a factor button takes, highest first: as high as the space allows.
BUTTON_HEIGHTS = (64, 58, 52, 46, 40)


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


@dataclass(frozen=True)
class TriangleLayout:
    apex: tuple[float, float]
    left: tuple[float, float]
    right: tuple[float, float]
    buttons: tuple[tuple[Rect, ...], ...]  # per side, in factor order
    labels: tuple[Rect, Rect, Rect]  # left side, right side, base side
    button_size: tuple[int, int]


def button_width(width: int, least: int = 130) -> int:
    """The width of a factor button in a triangle `width` wide (at least `least`, which a
    caller raises so that the longest word of a name fits)."""
    return max(least, min(220, (width - 2 * MARGIN) // 4 + 16))


def base_columns(width: int, bw: int, n_base: int) -> int:
    """How many buttons of the base side go in one row."""
    return max(1, min(n_base, BASE_COLUMNS, (width - 2 * MARGIN + GAP) // (bw + GAP)))


def triangle_layout(width: int, height: int, counts: tuple[int, int, int],
                    least_width: int = 130) -> TriangleLayout:
    """Place the triangle and one button per factor inside width × height."""
    n_left, n_right, n_base = counts
    bw = button_width(width, least_width)
    base_cols = base_columns(width, bw, n_base)
    base_rows = max(1, math.ceil(n_base / base_cols)) if n_base else 0
    top = MARGIN + LABEL_HEIGHT
    # The triangle's height is what is left after the base label and the base buttons.
    bh = 64
    for candidate in BUTTON_HEIGHTS:
        bh = candidate
        tri_h = height - top - MARGIN - LABEL_HEIGHT - base_rows * (bh + GAP)
        per_side = max(n_left, n_right, 1)
        if tri_h / per_side >= bh + 4:
            break
    tri_h = max(80, height - top - MARGIN - LABEL_HEIGHT - base_rows * (bh + GAP))
    cx = width / 2
    half = max(60.0, min(width / 2 - MARGIN - bw - 10, tri_h * 0.62))
    apex = (cx, float(top))
    base_y = top + tri_h
    left = (cx - half, float(base_y))
    right = (cx + half, float(base_y))

    def along(n: int, side: int) -> tuple[Rect, ...]:
        rects = []
        for i in range(n):
            frac = (i + 0.5) / n
            y = top + frac * tri_h - bh / 2
            # The edge where the button's lower corner is: nearest to the slanted line.
            low = min(1.0, frac + bh / 2 / tri_h)
            edge_x = cx - low * half if side < 0 else cx + low * half
            x = edge_x - bw - 10 if side < 0 else edge_x + 10
            x = max(MARGIN, min(width - MARGIN - bw, x))
            rects.append(Rect(round(x), round(y), bw, bh))
        return tuple(rects)

    base_top = base_y + LABEL_HEIGHT
    base_rects = []
    for i in range(n_base):
        row, col = divmod(i, base_cols)
        in_row = min(base_cols, n_base - row * base_cols)
        row_w = in_row * bw + (in_row - 1) * GAP
        x = cx - row_w / 2 + col * (bw + GAP)
        base_rects.append(Rect(round(x), round(base_top + row * (bh + GAP)), bw, bh))
    label_w = max(160, round(cx - MARGIN - 10))
    labels = (
        Rect(MARGIN, MARGIN, label_w, LABEL_HEIGHT - 6),
        Rect(width - MARGIN - label_w, MARGIN, label_w, LABEL_HEIGHT - 6),
        Rect(MARGIN, round(base_y + 4), width - 2 * MARGIN, LABEL_HEIGHT - 6),
    )
    return TriangleLayout(apex, left, right,
                          (along(n_left, -1), along(n_right, 1), tuple(base_rects)),
                          labels, (bw, bh))


def needed_height(counts: tuple[int, int, int], button_height: int = 40,
                  columns: int = BASE_COLUMNS) -> int:
    """A height at which every button gets `button_height` (one of BUTTON_HEIGHTS), with
    `columns` buttons in a row of the base side."""
    per_side = max(counts[0], counts[1], 1)
    base_rows = math.ceil(counts[2] / columns) if counts[2] else 0
    return (2 * MARGIN + 2 * LABEL_HEIGHT + per_side * (button_height + 4)
            + base_rows * (button_height + GAP))


def button_height_for(content: int) -> int:
    """The lowest of BUTTON_HEIGHTS that holds `content` px (the highest when none does)."""
    return min((h for h in BUTTON_HEIGHTS if h >= content), default=BUTTON_HEIGHTS[0])
