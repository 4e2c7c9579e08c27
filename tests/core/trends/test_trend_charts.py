"""A unit's trend as charts: values drawn only where they compare, approximate ones marked."""

from __future__ import annotations

from pinspect.charts import Marker, render_svg
from pinspect.crosswalks import CrosswalkCatalogue
from pinspect.frameworks import Catalogue
from pinspect.trends.charts import NOT_COMPARABLE, key_question_trend_chart, ratings_trend_chart
from tests.core.trends.test_unit_trend import _pdu_2021, _pdu_2023, _trend, crosswalks

__all__ = ["crosswalks"]  # the module fixture, shared


def test_equal_values_are_filled_approximate_hollow_and_missing_ones_gaps(
    catalogue: Catalogue, crosswalks: CrosswalkCatalogue
) -> None:
    """docs/frameworks-over-time.md: only an equal pair compares directly; others are ≈."""
    trend = _trend(
        catalogue,
        crosswalks,
        ("2021", _pdu_2021(catalogue)),
        ("2023", _pdu_2023(catalogue, (14, 6))),
    )
    standard = "P2.3"
    key_questions = tuple(k for k in trend.key_questions if k.standard == standard)
    chart = key_question_trend_chart(trend, standard, key_questions)
    assert [line.value for line in chart.reference_lines] == [50.0, 65.0, 80.0]
    for series, kq in zip(chart.series, key_questions, strict=True):
        earlier, latest = kq.points
        assert series.values[1] == latest.percent
        assert series.marker(1) is Marker.FILLED
        if earlier.comparison.value == "none":
            assert series.values[0] is None
            assert series.cells[0] == NOT_COMPARABLE
        elif earlier.comparison.value == "approximate":
            assert series.marker(0) is Marker.HOLLOW
            assert series.cells[0].startswith("≈ ")
        else:
            assert series.marker(0) is Marker.FILLED
    assert any(s.marker(0) is Marker.HOLLOW for s in chart.series)


def test_the_ratings_chart_has_every_standard_and_the_overall_rating_in_words(
    catalogue: Catalogue, crosswalks: CrosswalkCatalogue
) -> None:
    trend = _trend(
        catalogue,
        crosswalks,
        ("2023", _pdu_2023(catalogue, (14, 6))),
        ("2025", _pdu_2023(catalogue, (17, 3))),
    )
    chart = ratings_trend_chart(trend)
    table = chart.table()
    assert [row[0] for row in table.rows][-1] == "Overall rating"
    assert len(table.rows) == len(trend.standards) + 1
    assert table.rows[3] == ("P2.1 Assessment", ("Good", "Outstanding"))
    svg = render_svg(chart, "r")
    assert "Requires improvement" in svg  # the axis in words
    assert "style=" not in svg
