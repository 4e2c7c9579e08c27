"""Charts: one definition draws an accessible, CSP-clean SVG and the table beside it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pinspect.charts import (
    Bar,
    BarChart,
    InlineBar,
    KeyQuestionBar,
    LineChart,
    Marker,
    ReferenceLine,
    Series,
    Tick,
    band_lines,
    key_question_chart,
    render_svg,
    render_table,
)
from pinspect.scale.rating import Band

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    # The markup is HTML-embedded SVG; give it the namespace to parse it as XML.
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def _chart() -> BarChart:
    return key_question_chart(
        "Standard P 2.1: key questions",
        [
            KeyQuestionBar("P 2.1.1", "Does assessment <focus> on engagement?", 72.5, Band(2)),
            KeyQuestionBar("P 2.1.2", "Does assessment keep people safe?", 48.0, Band(0)),
            KeyQuestionBar("P 2.1.3", "Hidden", None, None, note="Suppressed"),
        ],
    )


def test_band_lines_are_the_lower_bounds_of_the_bands_of_001_4_8() -> None:
    """001 §4.8: "Minority: <50% Too few: 50-64% Reasonable majority: 65-79% Large majority:
    80%+" — lines at 50, 65 and 80."""
    assert [line.value for line in band_lines()] == [50.0, 65.0, 80.0]
    assert [line.label for line in band_lines()] == ["50%", "65%", "80%"]


def test_a_bar_chart_is_an_image_named_by_its_title_and_description() -> None:
    root = _parse(render_svg(_chart(), "kq P 2.1"))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Standard P 2.1: key questions"
    assert desc.text is not None
    assert "Lowest: P 2.1.2 at 48.0%" in desc.text


def test_the_band_lines_are_drawn_where_a_reader_expects_them() -> None:
    """The 80% line sits at 80% of the plot's width, the bar of 72.5% stops short of it."""
    root = _parse(render_svg(_chart(), "c"))
    lines = [e for e in root.iter(f"{SVG}line") if e.get("stroke-dasharray")]
    xs = sorted(float(e.get("x1", "0")) for e in lines)
    left, plot = 120.0, 440.0
    assert xs == [left + plot * 0.5, left + plot * 0.65, left + plot * 0.8]
    bars = [e for e in root.iter(f"{SVG}rect") if e.get("fill") == "#1d70b8"]
    assert [float(e.get("width", "0")) for e in bars] == [plot * 0.725, plot * 0.48]


def test_no_inline_style_and_every_text_escaped() -> None:
    """A strict CSP refuses style attributes; text is data, never markup."""
    svg = render_svg(
        BarChart("<b>t</b>", "d & e", (Bar("<script>", 10.0),), reference_lines=()), "x"
    )
    assert "style=" not in svg
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<b>" not in svg
    _parse(svg)  # well formed


def test_the_table_beside_the_chart_holds_every_figure_in_words() -> None:
    table = _chart().table()
    assert table.columns == ("Key question", "Yes %", "Band")
    assert table.rows[0] == (
        "P 2.1.1 Does assessment <focus> on engagement?",
        ("72.5%", "Reasonable majority"),
    )
    assert table.rows[2][1][0] == "Suppressed"
    html = render_table(table)
    assert "&lt;focus&gt;" in html
    assert html.count('<th scope="row"') == 3
    assert "<caption>Standard P 2.1: key questions</caption>" in html


def test_a_line_chart_breaks_where_there_is_no_value_and_marks_approximate_points() -> None:
    chart = LineChart(
        "Trend",
        "Three inspections",
        ("2019", "2022", "2025"),
        (
            Series("P 2.1.1", (60.0, None, 70.0)),
            Series("P 2.1.2", (50.0, 55.0, 75.0), (Marker.HOLLOW, Marker.FILLED, Marker.FILLED)),
        ),
        ticks=(Tick(0, "0%"), Tick(100, "100%")),
        reference_lines=(ReferenceLine(65, "65%"),),
    )
    root = _parse(render_svg(chart, "t"))
    paths = [e for e in root.iter(f"{SVG}path") if e.get("fill") == "none"]
    # The first series has no two consecutive values: no line, only its two markers.
    assert len(paths) == 1
    hollow = [e for e in root.iter() if e.get("fill") == "#ffffff"]
    assert len(hollow) == 1
    table = chart.table()
    assert table.columns == ("Series", "2019", "2022", "2025")
    assert table.rows[0] == ("P 2.1.1", ("60.0%", "—", "70.0%"))


def test_the_inline_bar_is_the_report_tables_bar() -> None:
    svg = render_svg(InlineBar(62.5, "P 2.1.1 answered yes"))
    assert 'aria-label="P 2.1.1 answered yes: 62.5%"' in svg
    assert 'width="125.0"' in svg
    assert svg.count("<line ") == 3
    assert render_svg(InlineBar(None, "x")) == ""
    assert render_svg(InlineBar(40.0, "x", ticks=False)).count("<line ") == 0
