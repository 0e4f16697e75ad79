"""The spider web draws its shape through the answered spokes only: an unanswered dimension is
a dashed spoke without a point, never a point in the middle that reads as a 0."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Polygon

from export.charts import spider_points, spider_web


def _shapes(drawing: object, kind: type) -> list:
    return [s for s in getattr(drawing, "contents", []) if isinstance(s, kind)]


def test_an_unanswered_spoke_has_no_point_and_the_shape_skips_it() -> None:
    values = [7.0, 4.0, None, 6.0, 3.0]
    drawing = spider_web(list("ABCDE"), values, width=400, value_max=10)
    polygons = _shapes(drawing, Polygon)
    assert len(polygons) == 1 and len(polygons[0].points) == 2 * 4
    assert len(_shapes(drawing, Circle)) == 4
    chart = drawing.contents[0]
    assert chart.spokes[2].strokeDashArray == (2, 2)
    assert chart.spokes[0].strokeDashArray is None


def test_points_sit_on_their_spoke_at_their_share_of_the_maximum() -> None:
    points = spider_points([10.0, None, 5.0, 0.0], 10, centre=(0.0, 0.0), radius=100)
    assert points[1] is None
    x0, y0 = points[0]  # type: ignore[misc]
    assert abs(x0) < 1e-9 and abs(y0 - 100) < 1e-9  # the first spoke points up, full length
    x2, y2 = points[2]  # type: ignore[misc]
    assert abs(x2) < 1e-9 and abs(y2 + 50) < 1e-9  # opposite, half way
    assert points[3] == (0.0, 0.0) or all(abs(c) < 1e-9 for c in points[3])  # type: ignore[union-attr]


def test_with_fewer_than_three_answers_no_area_is_filled() -> None:
    drawing = spider_web(list("ABCD"), [5.0, None, None, None], width=400, value_max=10)
    assert _shapes(drawing, Polygon) == [] and len(_shapes(drawing, Circle)) == 1
