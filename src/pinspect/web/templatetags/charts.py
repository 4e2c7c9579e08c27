"""``{% load charts %}``: a chart of :mod:`pinspect.charts` and its data table, in GOV.UK style.

The same chart definitions draw the report (through its Jinja helper); here only the table's
class names differ. The SVG and the table escape every text they hold.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pinspect.charts import BarChart, LineChart, render_svg, render_table
from pinspect.charts.table import GOVUK

__all__ = ["chart"]

register = template.Library()


@register.simple_tag
def chart(definition: BarChart | LineChart, chart_id: str) -> SafeString:
    """The chart, then its table beside it (side by side on a wide screen, the table below
    on a narrow one)."""
    svg = render_svg(definition, chart_id)
    table = render_table(definition.table(), GOVUK, data_chart=chart_id)
    return mark_safe(
        f'<div class="pinspect-chart-pair" data-chart-pair="{escape(chart_id)}">'
        f'<figure class="pinspect-chart-figure">{svg}</figure>'
        f'<div class="pinspect-chart-table">{table}</div></div>'
    )
