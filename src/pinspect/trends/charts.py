"""A unit's trend as charts (:mod:`pinspect.charts`): the standards' ratings, and each case-based
standard's key-question percentages against the band lines, across the unit's inspections.

A value is drawn only where the trend has one to compare: ``same`` and ``equal`` points as
filled markers, ``approximate`` ones (the crosswalk's counterpart does not ask quite the same,
or there are several) as hollow markers and marked "≈" in the table; a point with no
counterpart is a gap in the line and "Not comparable" in the table. The rating axis is the
four-point scale scored as 001 §4.22 scores it (Inadequate 0 … Outstanding 3).
"""

from __future__ import annotations

from pinspect.charts import LineChart, Marker, Series, Tick, band_lines
from pinspect.crosswalks.relationship import Relationship
from pinspect.scale.rating import Rating
from pinspect.trends.series import Comparison, KeyQuestionSeries, Point
from pinspect.trends.trend import OverallPoint, UnitTrend

__all__ = ["NOT_COMPARABLE", "key_question_trend_chart", "point_text", "ratings_trend_chart"]

NOT_COMPARABLE = "Not comparable"
APPROXIMATE = "≈"
# How the earlier element stands to the current one, in words (docs/frameworks-over-time.md).
RELATIONSHIP_WORDS = {
    Relationship.EQUAL: "asks the same",
    Relationship.SUBSET: "asks less",
    Relationship.SUPERSET: "asks more",
    Relationship.INTERSECT: "overlaps",
}


def _positions(trend: UnitTrend) -> tuple[str, ...]:
    return tuple(f"{i.label} ({i.date:%b %Y})" for i in trend.inspections)


def _axis_labels(trend: UnitTrend) -> tuple[str, ...]:
    return tuple(f"{i.date:%b %Y}" for i in trend.inspections)


def _marker(comparison: Comparison) -> Marker:
    return Marker.HOLLOW if comparison is Comparison.APPROXIMATE else Marker.FILLED


def point_text(point: Point) -> str:
    """A point as the table shows it: the value, "≈ value (from …)" when approximate, or why
    there is none."""
    if point.comparison is Comparison.NONE:
        return NOT_COMPARABLE
    if point.figures:
        values = [f"{f.percent:.1f}%" if f.percent is not None else "—" for f in point.figures]
    else:
        values = [r.label if r is not None else "Not rated" for r in point.ratings]
    if point.comparison is Comparison.APPROXIMATE:
        sources = ", ".join(f"{c.id} ({c.relationship.value})" for c in point.counterparts)
        return f"{APPROXIMATE} {' / '.join(values)} (from {sources})"
    return values[0] if values else "—"


def _value(point: Point) -> float | None:
    return None if point.comparison is Comparison.NONE else point.value


def _overall_text(point: OverallPoint) -> str:
    if point.comparison is Comparison.NONE or point.rating is None:
        return NOT_COMPARABLE if point.comparison is Comparison.NONE else "Not rated"
    text = point.rating.label
    if point.score is not None and point.max_score is not None:
        text += f" ({point.score} of {point.max_score})"
    return f"{APPROXIMATE} {text}" if point.comparison is Comparison.APPROXIMATE else text


def _rating_text(value: float | None) -> str:
    return "—" if value is None else Rating(round(value)).label


def ratings_trend_chart(trend: UnitTrend) -> LineChart:
    """Each standard's final rating, and the overall rating, at each inspection."""
    series = [
        Series(
            f"{s.id} {s.name}",
            tuple(_value(p) for p in s.points),
            tuple(_marker(p.comparison) for p in s.points),
            tuple(point_text(p) for p in s.points),
        )
        for s in trend.standards
    ]
    series.append(
        Series(
            "Overall rating",
            tuple(
                None
                if p.comparison is Comparison.NONE or p.rating is None
                else float(p.rating.score)
                for p in trend.overall
            ),
            tuple(_marker(p.comparison) for p in trend.overall),
            tuple(_overall_text(p) for p in trend.overall),
        )
    )
    count = len(trend.inspections)
    return LineChart(
        title=f"Ratings across {count} inspection{'s' if count != 1 else ''}, read in "
        f"{trend.framework_title}",
        description=(
            f"Line chart of each standard's final rating and the overall rating at each of "
            f"{count} inspections, from Inadequate (lowest) to Outstanding (highest). Hollow "
            "markers are approximate comparisons through the crosswalk; a gap means the "
            "earlier framework had nothing comparable. The table beside the chart gives every "
            "rating."
        ),
        positions=_positions(trend),
        axis_labels=_axis_labels(trend),
        series=tuple(series),
        minimum=0.0,
        maximum=3.0,
        ticks=tuple(Tick(float(r.score), r.label) for r in Rating),
        value_text=_rating_text,
        series_heading="Standard",
        spread=True,
        numeric=False,
    )


def key_question_trend_chart(
    trend: UnitTrend, standard_id: str, key_questions: tuple[KeyQuestionSeries, ...]
) -> LineChart:
    """The percentage answered yes for each key question of one case-based standard at each
    inspection, against the band lines (001 §4.8)."""
    standard = next(s for s in trend.standards if s.id == standard_id)
    return LineChart(
        title=f"{standard.id} {standard.name}: key questions across inspections",
        description=(
            f"Line chart of the percentage of cases answered yes for the {len(key_questions)} "
            f"key questions of standard {standard.id} at each inspection, with lines at 50%, "
            "65% and 80%, the lower bounds of the bands Too few, Reasonable majority and Large "
            "majority. Hollow markers are approximate comparisons through the crosswalk; a gap "
            "means no comparable key question. The table beside the chart gives every figure."
        ),
        positions=_positions(trend),
        axis_labels=_axis_labels(trend),
        series=tuple(
            Series(
                kq.id,
                tuple(_value(p) for p in kq.points),
                tuple(_marker(p.comparison) for p in kq.points),
                tuple(point_text(p) for p in kq.points),
            )
            for kq in key_questions
        ),
        minimum=0.0,
        maximum=100.0,
        ticks=(Tick(0.0, "0%"), Tick(100.0, "100%")),
        reference_lines=band_lines(),
        series_heading="Key question",
    )
