"""Small bar and spider-web charts for the PDFs (reportlab.graphics), with DejaVu labels."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Circle, Drawing, Polygon, PolyLine, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from export.fonts import register_fonts, shape

PARENT_COLOUR = colors.HexColor("#4f8fc0")
PROFESSIONAL_COLOUR = colors.HexColor("#e3943b")
SINGLE_COLOUR = colors.HexColor("#4f8fc0")
AXIS_GREY = colors.HexColor("#555555")
LABEL_SIZE = 7
LABEL_LEADING = 8.2
LABEL_COLUMN = 150  # points left of the bars for the category labels


def wrap_label(text: str, width: float, font: str, size: float = LABEL_SIZE) -> list[str]:
    """The label in lines of at most `width` points, broken between words (a word longer than
    a line is broken inside); never shortened, so two labels never print as the same text."""
    lines: list[str] = []
    current = ""
    for word in shape(text).split():
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while stringWidth(word, font, size) > width:
            cut = len(word)
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]


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
    value_title: str = "",
    category_title: str = "",
    value_format: Callable[[float], str] | None = None,
) -> Drawing:
    """Horizontal bars: one row per label, one bar per series (e.g. parent vs professional).

    Labels wrap over as many lines as they need; `value_title` names the value axis (below
    it), `category_title` the labels (above them); `value_format` writes the tick numbers."""
    regular, bold = register_fonts()
    wrapped = [wrap_label(lbl, LABEL_COLUMN - 10, regular) for lbl in labels]
    most_lines = max((len(w) for w in wrapped), default=1)
    row = max(7 * len(series) + 6, most_lines * LABEL_LEADING + 4)
    plot_height = max(row * len(labels), 20)
    legend_height = 16 if len(series) > 1 else 0
    title_height = 16 if title else 0
    axis_title_height = 12 if value_title else 0
    category_title_height = 12 if category_title else 0
    bottom = 18 + axis_title_height
    height = (plot_height + bottom + 6 + legend_height + title_height
              + category_title_height)
    drawing = Drawing(width, height, initialFontName=regular, initialFontSize=LABEL_SIZE)
    chart = HorizontalBarChart()
    chart.x = LABEL_COLUMN
    chart.y = bottom
    chart.width = width - chart.x - 10
    chart.height = plot_height
    chart.data = [[v if v is not None else 0 for v in values] for values in series]
    # Top row first, as in the table above the chart.
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.categoryNames = ["\n".join(lines) for lines in wrapped]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.leading = LABEL_LEADING
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = value_min
    chart.valueAxis.valueMax = value_max
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = value_format or ("%d" if step >= 1 else "%s")
    chart.barWidth = 6
    chart.groupSpacing = 6
    chart.barSpacing = 1
    palette = [PARENT_COLOUR, PROFESSIONAL_COLOUR] if len(series) > 1 else [SINGLE_COLOUR]
    for i in range(len(series)):
        chart.bars[i].fillColor = palette[i % len(palette)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    if value_title:
        drawing.add(String(chart.x + chart.width / 2, 2, shape(value_title), fontName=regular,
                           fontSize=LABEL_SIZE, fillColor=AXIS_GREY, textAnchor="middle"))
    if category_title:
        drawing.add(String(chart.x - 4, chart.y + plot_height + legend_height + 4,
                           shape(category_title), fontName=bold, fontSize=LABEL_SIZE,
                           fillColor=AXIS_GREY, textAnchor="end"))
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


def spider_web(labels: Sequence[str], values: Sequence[float | None], *, width: float,
               value_max: float, title: str = "") -> Drawing:
    """A spider web of one value per label (e.g. a mark per dimension), 0 in the middle and
    `value_max` at the rim. An unanswered spoke is dashed and carries no point: the shape is
    drawn through the answered spokes only, so a missing answer never reads as a 0."""
    regular, bold = register_fonts()
    size = min(width, 300.0)
    title_height = 16 if title else 0
    drawing = Drawing(width, size + title_height, initialFontName=regular,
                      initialFontSize=LABEL_SIZE)
    chart = SpiderChart()
    chart.x, chart.y = (width - size) / 2 + 50, 30
    chart.width = chart.height = size - 60
    # The chart draws the web and the labels; its own strand (which knows no gaps) is hidden.
    chart.data = [[0.0 for _ in values]]
    chart.labels = [shape(label) for label in labels]
    chart.strands[0].fillColor = None
    chart.strands[0].strokeColor = None
    chart.strands[0].strokeWidth = 0
    chart.spokes.strokeColor = AXIS_GREY
    for index, value in enumerate(values):
        if value is None:
            chart.spokes[index].strokeDashArray = (2, 2)
    chart.spokeLabels.fontName = regular
    chart.spokeLabels.fontSize = LABEL_SIZE
    chart.fillColor = None
    drawing.add(chart)
    points = spider_points(values, value_max, centre=(chart.x + chart.width / 2,
                                                      chart.y + chart.height / 2),
                           radius=min(chart.width, chart.height) / 2,
                           start_degrees=chart.startAngle,
                           clockwise=chart.direction == "clockwise")
    answered = [p for p in points if p is not None]
    if len(answered) >= 3:
        drawing.add(Polygon([c for p in answered for c in p], strokeColor=SINGLE_COLOUR,
                            strokeWidth=1.2,
                            fillColor=colors.Color(0.31, 0.56, 0.75, alpha=0.35)))
    elif len(answered) == 2:
        drawing.add(PolyLine([c for p in answered for c in p], strokeColor=SINGLE_COLOUR,
                             strokeWidth=1.2))
    for x, y in answered:
        drawing.add(Circle(x, y, 2, fillColor=SINGLE_COLOUR, strokeColor=None))
    if title:
        drawing.add(String(0, size + title_height - 12, shape(title), fontName=bold, fontSize=9))
    return drawing


def spider_points(values: Sequence[float | None], value_max: float, *,
                  centre: tuple[float, float], radius: float, start_degrees: float = 90,
                  clockwise: bool = False) -> list[tuple[float, float] | None]:
    """Where each value sits on its spoke (None for an unanswered one), spokes spread evenly
    from `start_degrees` as the spider chart spreads them."""
    count = len(values)
    step = (-1 if clockwise else 1) * 2 * math.pi / count if count else 0.0
    out: list[tuple[float, float] | None] = []
    for index, value in enumerate(values):
        if value is None:
            out.append(None)
            continue
        share = max(0.0, min(1.0, value / value_max)) if value_max else 0.0
        angle = math.radians(start_degrees) + index * step
        out.append((centre[0] + math.cos(angle) * radius * share,
                    centre[1] + math.sin(angle) * radius * share))
    return out
