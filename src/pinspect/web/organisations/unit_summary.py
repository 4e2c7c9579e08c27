"""Unit summaries: the published inspections of a unit and the units below it, summarised per
framework by the core (:func:`pinspect.ratings.summary.summarise`).

Who may see a unit's summary: site staff, and viewers of the unit or of a unit above it (a
``UnitViewer`` row on the unit's chain) — the people who may already see every published
inspection the summary covers. Everyone else is told the unit does not exist (404), so unit
ids cannot be probed. The page and its JSON twin use :func:`summary_unit_for` and
:func:`unit_summary_data`, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from typing import Any

from pinspect.ratings.serialisation import unit_summary_json
from pinspect.ratings.summary import summarise
from pinspect.settings import Settings
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.inspections.results import inspection_result
from pinspect.web.organisations.models import Unit
from pinspect.web.permissions import Action, can, one_request, unit_for

__all__ = ["may_see_unit_summary", "summary_unit_for", "unit_summary_data"]


def may_see_unit_summary(user: Any, unit: Any) -> bool:
    """Site staff, or a viewer of ``unit`` or of a unit above it (the permissions module's
    rule for :attr:`Action.VIEW_UNIT_SUMMARY`)."""
    return can(user, Action.VIEW_UNIT_SUMMARY, unit)


def summary_unit_for(user: Any, unit_id: int) -> Any:
    """The unit, if the user may see its summary; 404 otherwise (no 403: ids are not probed)."""
    return unit_for(user, unit_id, Action.VIEW_UNIT_SUMMARY)


def _inspection(inspection: Any, user: Any) -> dict[str, Any]:
    return {
        "id": inspection.pk,
        "title": inspection.title,
        "unit": {
            "id": inspection.unit.pk,
            "code": inspection.unit.code,
            "name": inspection.unit.name,
            "level": inspection.unit.level,
        },
        "window": [inspection.window_start.isoformat(), inspection.window_end.isoformat()],
        "report": (
            f"/reports/{inspection.pk}/" if can(user, Action.VIEW_REPORT, inspection) else None
        ),
    }


def unit_summary_data(unit: Any, user: Any, settings: Settings | None = None) -> dict[str, Any]:
    """The unit, and per framework the published inspections included and the core's summary
    of their results (each rated as its results page rates it: proposals, departures, R1.2.2
    aggregation). A report link is given only where the user may read the report."""
    settings = settings or Settings()
    published = (
        Inspection.objects.filter(
            unit_id__in=Unit.ids_at_and_below({unit.pk}), status=Status.PUBLISHED
        )
        .select_related("unit")
        .order_by("framework_id", "window_start", "pk")
    )
    frameworks = []
    with one_request():
        for framework_id, group in groupby(published, key=lambda i: i.framework_id):
            inspections = list(group)
            results = [
                replace(inspection_result(i, settings), inspection=str(i.pk)) for i in inspections
            ]
            framework = inspections[0].framework
            frameworks.append(
                {
                    "framework": {"id": framework_id, "title": framework.title},
                    "inspections": [_inspection(i, user) for i in inspections],
                    "summary": unit_summary_json(summarise(results, settings=settings)),
                }
            )
    parent = unit.parent
    return {
        "unit": {
            "id": unit.pk,
            "code": unit.code,
            "name": unit.name,
            "level": unit.level,
            "parent": None if parent is None else {"id": parent.pk, "name": parent.name},
        },
        "frameworks": frameworks,
    }
