"""The report as one standalone HTML document: Jinja2 templates, CSS inline, charts as SVG.

Autoescaping is on for every template, so text written by people (recommendations, reasons,
survey answers, attribute values) can never become markup. The document loads nothing from
outside: no web fonts, no scripts, no images other than inline SVG.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from pinspect.charts import BarChart, InlineBar, LineChart, render_svg, render_table
from pinspect.report.content import RatingRow, Report
from pinspect.scale.rating import Rating

__all__ = ["render_html"]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _pct0(value: float) -> str:
    """A proportion as a whole percentage: 0.8 → 80%."""
    return f"{value:.0%}"


def _interval(value: tuple[float, float] | None) -> str:
    return "—" if value is None else f"{value[0]:.1f}–{value[1]:.1f}%"


def _rating_class(rating: Rating | None) -> str:
    if rating is None:
        return "rating-none"
    return "rating-" + rating.key.replace(" ", "-")


def _long_date(value: date | datetime) -> str:
    text = f"{value.day} {value:%B %Y}"
    if isinstance(value, datetime):
        text += f" {value:%H:%M}"
    return text


def _groupby_first(items: Iterable[Any], attribute: str) -> list[tuple[str, list[Any]]]:
    """Group items by an attribute in the order each value first appears (Jinja's groupby
    sorts, which would reorder the lead inspector's recommendations)."""
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(getattr(item, attribute), []).append(item)
    return list(groups.items())


def _domain_groups(rows: Sequence[RatingRow]) -> list[tuple[RatingRow, list[RatingRow]]]:
    groups: list[tuple[RatingRow, list[RatingRow]]] = []
    for row in rows:
        if row.kind == "domain":
            groups.append((row, []))
        elif row.kind == "standard" and groups:
            groups[-1][1].append(row)
    return groups


def _inline_bar(percent: float | None, label: str, ticks: bool = True) -> Markup:
    """The small bar of a table cell, drawn by the charts package (one definition with the
    web); nothing when there is no percentage."""
    return Markup(render_svg(InlineBar(percent, label, ticks)))


def _chart(chart: BarChart | LineChart, chart_id: str) -> Markup:
    """A chart and, after it, its data table (the report's table style)."""
    svg = render_svg(chart, chart_id)
    table = render_table(chart.table(), data_chart=chart_id)
    return Markup(f'<figure class="chart">{svg}</figure>\n{table}')


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pinspect.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    environment.filters.update(
        pct=_pct,
        pct0=_pct0,
        interval=_interval,
        rating_class=_rating_class,
        long_date=_long_date,
        groupby_first=_groupby_first,
    )
    environment.globals.update(inline_bar=_inline_bar, chart=_chart)
    return environment


def render_html(report: Report) -> str:
    """The complete report as a standalone, accessible HTML document."""
    template = _environment().get_template("report.html")
    return template.render(
        report=report,
        overall_rows=[row for row in report.ratings if row.kind == "overall"],
        domain_groups=_domain_groups(report.ratings),
        confidence=f"{report.confidence_level:.0%}",
    )
