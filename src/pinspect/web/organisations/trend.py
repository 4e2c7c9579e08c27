"""A unit's trend: `/units/{id}/trend/` and its JSON twin (``?format=json``).

The web only loads: the unit's published inspections (mock inspections left out: a provider's
inspection of itself is not the inspectorate's published judgement), each rated as its results
page rates it, handed to the core's :func:`pinspect.trends.unit_trend`, which reads them in the
latest inspection's framework through the bundled crosswalks; the charts come from
:mod:`pinspect.trends.charts`. Who may see it: whoever may see the unit's summary (site staff
and viewers of the unit or a unit above it); everyone else is told the unit does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from pinspect.charts import LineChart
from pinspect.crosswalks.catalogue import bundled_crosswalks
from pinspect.settings import Settings
from pinspect.trends import PublishedInspection, UnitTrend, unit_trend
from pinspect.trends.charts import key_question_trend_chart, point_text, ratings_trend_chart
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.inspections.results import published_result
from pinspect.web.installation import installation_settings
from pinspect.web.login import login_required
from pinspect.web.organisations.unit_summary import summary_unit_for
from pinspect.web.permissions import one_request

__all__ = ["StandardChart", "trend_of", "unit_trend_page"]


def trend_of(unit: Any, settings: Settings | None = None) -> UnitTrend | None:
    """The trend of the unit's published inspections (None when it has none)."""
    settings = settings or installation_settings()
    published = list(
        Inspection.objects.filter(unit=unit, status=Status.PUBLISHED, mock=False).order_by(
            "window_end", "pk"
        )
    )
    if not published:
        return None
    seen: set[str] = set()
    inspections = []
    with one_request():
        for inspection in published:
            label = inspection.title
            if label in seen:
                label = f"{label} ({inspection.window_end:%d %B %Y})"
            seen.add(label)
            inspections.append(
                PublishedInspection(
                    label=label,
                    date=inspection.window_end,
                    result=published_result(inspection, settings),
                )
            )
    return unit_trend(
        inspections, frameworks=catalogue(), crosswalks=bundled_crosswalks(), unit=unit.name
    )


@dataclass(frozen=True)
class StandardChart:
    """A case-based standard's key-question chart on the trend page."""

    id: str
    name: str
    chart: LineChart

    @property
    def chart_id(self) -> str:
        return "trend-" + "".join(c if c.isalnum() else "-" for c in self.id)


def _standard_charts(trend: UnitTrend) -> list[StandardChart]:
    charts = []
    for standard in trend.standards:
        key_questions = tuple(k for k in trend.key_questions if k.standard == standard.id)
        if key_questions:
            charts.append(
                StandardChart(
                    standard.id,
                    standard.name,
                    key_question_trend_chart(trend, standard.id, key_questions),
                )
            )
    return charts


def _retired(trend: UnitTrend) -> list[tuple[str, list[str]]]:
    """Standards and key questions of earlier editions with no counterpart now, as rows."""
    rows = [
        (f"{s.id} {s.name}", [point_text(p) for p in s.points]) for s in trend.retired_standards
    ]
    rows.extend(
        (f"{k.id} {k.text}", [point_text(p) for p in k.points]) for k in trend.retired_key_questions
    )
    return rows


@login_required
def unit_trend_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = summary_unit_for(request.user, unit_id)
    trend = trend_of(unit)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "unit": {"id": unit.pk, "code": unit.code, "name": unit.name},
                "trend": None if trend is None else trend.as_dict(),
            }
        )
    context = {
        "unit": unit,
        "trend": trend,
        "ratings_chart": None if trend is None else ratings_trend_chart(trend),
        "standard_charts": [] if trend is None else _standard_charts(trend),
        "retired": [] if trend is None else _retired(trend),
    }
    return render(request, "organisations/trend.html", context)
