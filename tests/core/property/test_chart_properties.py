"""Charts draw what their tables say, for any figures (001 §4.8 band lines)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from pinspect.charts import KeyQuestionBar, key_question_chart, render_svg

SVG = "{http://www.w3.org/2000/svg}"
percent = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))


class TestBarsMatchTheirTable:
    """001 §4.8: each key question's percentage is drawn to scale against the band lines,
    and its table row prints the same percentage."""

    @settings(max_examples=60)
    @given(st.lists(percent, min_size=1, max_size=12), st.text(max_size=20))
    def test_each_bar_is_as_long_as_its_percentage(
        self, values: list[float | None], text: str
    ) -> None:
        bars = [KeyQuestionBar(f"K{i}", text, v) for i, v in enumerate(values)]
        chart = key_question_chart(text or "t", bars)
        svg = render_svg(chart, "p")
        root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
        drawn = [
            float(e.get("width", "0"))
            for e in root.iter(f"{SVG}rect")
            if e.get("fill") == "#1d70b8"
        ]
        expected = [440 * v / 100 for v in values if v is not None]
        assert len(drawn) == len(expected)
        for width, wanted in zip(drawn, expected, strict=True):
            assert abs(width - wanted) <= 0.05
        cells = [row[1][0] for row in chart.table().rows]
        assert cells == ["—" if v is None else f"{v:.1f}%" for v in values]
