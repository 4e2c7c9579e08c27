"""Charts drawn on the server as SVG, each with the data table that goes beside it.

One definition per chart serves the report (HTML and PDF, through a Jinja helper) and the web
pages (through a Django template tag): a chart is a typed value (:class:`BarChart`,
:class:`LineChart`, :class:`InlineBar`) built from a result, :func:`render_svg` draws it, and
:meth:`BarChart.table` / :meth:`LineChart.table` give the figures as a :class:`ChartTable`
that :func:`render_table` writes as an HTML table. The SVG is accessible (``role="img"``, a
``<title>`` and ``<desc>`` named by ``aria-labelledby``) and safe under a strict content
security policy: no ``style`` attribute, no script; colours are SVG presentation attributes.
Every text is escaped. See docs/charts.md.
"""

from pinspect.charts.bands import KeyQuestionBar, band_lines, key_question_chart
from pinspect.charts.model import (
    Bar,
    BarChart,
    InlineBar,
    LineChart,
    Marker,
    ReferenceLine,
    Segment,
    Series,
    StackedBar,
    StackedBarChart,
    Tick,
)
from pinspect.charts.svg import render_svg
from pinspect.charts.table import ChartTable, TableClasses, render_table

__all__ = [
    "Bar",
    "BarChart",
    "ChartTable",
    "InlineBar",
    "KeyQuestionBar",
    "LineChart",
    "Marker",
    "ReferenceLine",
    "Segment",
    "Series",
    "StackedBar",
    "StackedBarChart",
    "TableClasses",
    "Tick",
    "band_lines",
    "key_question_chart",
    "render_svg",
    "render_table",
]
