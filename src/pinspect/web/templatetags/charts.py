"""``{% load charts %}``: a chart of :mod:`pinspect.charts` and its data table, in GOV.UK style.

The same chart definitions draw the report (through its Jinja helper); here only the table's
class names differ. The SVG and the table escape every text they hold.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pinspect.charts import BarChart, LineChart, StackedBarChart, render_svg, render_table
from pinspect.charts.progress import InspectorProgress, case_progress_chart
from pinspect.charts.table import GOVUK
from pinspect.frameworks.model import Framework
from pinspect.ratings import charts as ratings_charts
from pinspect.ratings.breakdown import Breakdown
from pinspect.ratings.standard import StandardResult
from pinspect.ratings.summary import UnitSummary
from pinspect.sampling import charts as sampling_charts
from pinspect.sampling.charts import StratumShare
from pinspect.web.attribute_words import group_words
from pinspect.web.frameworks import catalogue

__all__ = [
    "breakdown_charts",
    "chart",
    "distribution_chart",
    "progress_chart",
    "sample_chart",
    "standard_chart",
]

register = template.Library()


@register.simple_tag
def chart(
    definition: BarChart | LineChart | StackedBarChart, chart_id: str, *, with_table: bool = True
) -> SafeString:
    """The chart, then its table beside it (side by side on a wide screen, the table below
    on a narrow one). ``with_table=False`` where the page already shows the same figures in
    a fuller table right beside the chart."""
    svg = render_svg(definition, chart_id)
    if not with_table:
        return mark_safe(
            f'<figure class="pinspect-chart-figure" data-chart-pair="{escape(chart_id)}">'
            f"{svg}</figure>"
        )
    table = render_table(definition.table(), GOVUK, data_chart=chart_id)
    return mark_safe(
        f'<div class="pinspect-chart-pair" data-chart-pair="{escape(chart_id)}">'
        f'<figure class="pinspect-chart-figure">{svg}</figure>'
        f'<div class="pinspect-chart-table">{table}</div></div>'
    )


def _texts(framework_id: str) -> dict[str, str]:
    """Key question id → text, of the framework and of the one its cases are inspected
    against (a national inspection's, 002 decision 7); none for an unknown framework."""
    framework = catalogue().get(framework_id)
    if framework is None:
        return {}
    frameworks = [framework]
    if framework.case_inspection is not None:
        frameworks.append(catalogue()[framework.case_inspection.framework])
    return {kq.id: kq.text for f in frameworks for s in f.standards for kq in s.key_questions}


@register.simple_tag
def standard_chart(standard: StandardResult, framework: str, prefix: str) -> SafeString:
    """A case-based standard's key questions against the band lines (``framework``: the id of
    the framework the standard belongs to); the results page's own key-question table sits
    beside it."""
    chart_id = f"{prefix}-{standard.id}"
    return chart(
        ratings_charts.standard_chart(standard, _texts(framework)), chart_id, with_table=False
    )


@register.simple_tag
def breakdown_charts(breakdown: Breakdown, framework: str, prefix: str) -> SafeString:
    """One chart per key question of the breakdown, each with its table."""
    texts = _texts(framework)
    groups = breakdown.groups
    ids = [kq.id for kq in groups[0].key_questions] if groups else []
    return mark_safe(
        "".join(
            chart(
                ratings_charts.breakdown_chart(breakdown, kq_id, texts.get(kq_id, ""), group_words),
                f"{prefix}-{index}",
            )
            for index, kq_id in enumerate(ids)
        )
    )


@register.simple_tag
def sample_chart(strata: list[dict[str, Any]], chart_id: str) -> SafeString:
    """The sample's strata against the population (rows of the analysis kept with the draw);
    the page's analysis table of the strata sits beside it."""
    shares = [
        StratumShare(
            name=str(row["stratum"]),
            population=int(row["population"]),
            population_percent=float(row["original_percent"]),
            drawn=int(row["drawn"]),
            sample_percent=float(row["achieved_percent"]),
        )
        for row in strata
    ]
    return chart(sampling_charts.sample_chart(shares), chart_id, with_table=False)


@register.simple_tag
def progress_chart(by_inspector: list[dict[str, Any]], chart_id: str) -> SafeString:
    """Case progress per inspector (rows of the overview's progress); the overview's table of
    the same counts sits beside it."""
    rows = [
        InspectorProgress(
            inspector=str(row["inspector"]),
            complete=int(row["complete"]),
            in_progress=int(row["in_progress"]),
            not_started=int(row["assigned"]) - int(row["complete"]) - int(row["in_progress"]),
        )
        for row in by_inspector
    ]
    return chart(case_progress_chart(rows), chart_id, with_table=False)


@register.simple_tag
def distribution_chart(summary: UnitSummary, framework: Framework, chart_id: str) -> SafeString:
    """A unit summary's final ratings per standard; the summary's table sits beside it."""
    return chart(
        ratings_charts.rating_distribution_chart(summary, framework.title),
        chart_id,
        with_table=False,
    )
