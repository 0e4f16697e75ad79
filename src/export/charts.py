"""Small bar charts for the PDFs (reportlab.graphics), with DejaVu labels."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from export.fonts import register_fonts, shape

PARENT_COLOUR = colors.HexColor("#4f8fc0")
PROFESSIONAL_COLOUR = colors.HexColor("#e3943b")
SINGLE_COLOUR = colors.HexColor("#4f8fc0")


def _label(text: str, limit: int = 34) -> str:
    text = shape(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def grouped_bars(
    labels: Sequence[str],
    series: Sequence[Sequence[float | None]],
    names: Sequence[str],
    *,
    width: float,
    value_max: float,
    value_min: float = 0,
    step: float = 1,
    title: str = "",
) -> Drawing:
    """Horizontal bars: one row per label, one bar per series (e.g. parent vs professional)."""
    regular, bold = register_fonts()
    row = 7 * len(series) + 6
    plot_height = max(row * len(labels), 20)
    legend_height = 16 if len(series) > 1 else 0
    title_height = 16 if title else 0
    height = plot_height + 24 + legend_height + title_height
    drawing = Drawing(width, height, initialFontName=regular, initialFontSize=7)
    chart = HorizontalBarChart()
    chart.x = 150
    chart.y = 18
    chart.width = width - chart.x - 10
    chart.height = plot_height
    chart.data = [[v if v is not None else 0 for v in values] for values in series]
    # Top row first, as in the table above the chart.
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.categoryNames = [_label(lbl) for lbl in labels]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = value_min
    chart.valueAxis.valueMax = value_max
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d" if step >= 1 else "%s"
    chart.barWidth = 6
    chart.groupSpacing = 6
    chart.barSpacing = 1
    palette = [PARENT_COLOUR, PROFESSIONAL_COLOUR] if len(series) > 1 else [SINGLE_COLOUR]
    for i in range(len(series)):
        chart.bars[i].fillColor = palette[i % len(palette)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    if legend_height:
        legend = Legend()
        legend.fontName = regular
        legend.fontSize = 7
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 70
        legend.dxTextSpace = 4
        legend.x = chart.x
        legend.y = chart.y + plot_height + 12
        legend.colorNamePairs = list(zip(palette, [shape(n) for n in names], strict=False))
        drawing.add(legend)
    if title:
        drawing.add(String(0, height - 12, shape(title), fontName=bold, fontSize=9))
    return drawing


def nice_step(maximum: float) -> float:
    """A value-axis step giving about five ticks."""
    if maximum <= 5:
        return 1
    raw = maximum / 5
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)
