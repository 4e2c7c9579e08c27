"""The unit summary page: `/units/{id}/summary/`, the page of `GET /api/units/{id}/summary`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pinspect.web.login import login_required
from pinspect.web.organisations.unit_summary import summary_unit_for, unit_summary_data

COLUMNS = ("Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated")


def _row(label: str, name: str, ratings: dict[str, int]) -> dict[str, Any]:
    return {"id": label, "name": name, "counts": [ratings[c] for c in COLUMNS]}


def _display(framework: dict[str, Any]) -> dict[str, Any]:
    """The framework's summary as table rows (the counts in ``COLUMNS`` order)."""
    summary = framework["summary"]
    rows = []
    if summary["shown"]:
        rows = [_row(s["id"], s["name"], s["ratings"]) for s in summary["standards"]]
        rows.append(_row("Overall", "", summary["overall"]))
    return {**framework, "rows": rows}


@login_required
def unit_summary(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = summary_unit_for(request.user, unit_id)
    data = unit_summary_data(unit, request.user)
    context = {
        "unit": unit,
        "data": data,
        "columns": COLUMNS,
        "frameworks": [_display(f) for f in data["frameworks"]],
    }
    return render(request, "organisations/summary.html", context)
