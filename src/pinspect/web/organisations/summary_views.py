"""The unit summary page: `/units/{id}/summary/`, the page of `GET /api/units/{id}/summary`."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pinspect.ratings.summary import INDICATIVE_NOTE, RATING_ORDER, RatingDistribution
from pinspect.web.login import login_required
from pinspect.web.organisations.unit_summary import (
    FrameworkSummary,
    summary_unit_for,
    unit_summaries,
)

COLUMNS = (*(r.label for r in RATING_ORDER), "Not rated")


@dataclass(frozen=True)
class DistributionRow:
    """A standard (or the overall rating) and how many inspections had each rating, in
    ``COLUMNS`` order."""

    id: str
    name: str
    counts: tuple[int, ...]


def _row(label: str, name: str, ratings: RatingDistribution) -> DistributionRow:
    counts = (*(ratings.count(r) for r in RATING_ORDER), ratings.not_rated)
    return DistributionRow(id=label, name=name, counts=counts)


def distribution_rows(framework: FrameworkSummary) -> list[DistributionRow]:
    """The framework's summary as table rows; none when the summary is not shown."""
    summary = framework.summary
    if not summary.shown or summary.overall is None:
        return []
    rows = [_row(s.id, s.name, s.ratings) for s in summary.standards]
    rows.append(_row("Overall", "", summary.overall))
    return rows


@login_required
def unit_summary(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = summary_unit_for(request.user, unit_id)
    context = {
        "unit": unit,
        "columns": COLUMNS,
        "note": INDICATIVE_NOTE,
        "frameworks": [
            {"summary": f, "rows": distribution_rows(f)} for f in unit_summaries(unit, request.user)
        ],
    }
    return render(request, "organisations/summary.html", context)
