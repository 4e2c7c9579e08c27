"""Unit summaries: the published inspections of a unit and the units below it, summarised per
framework by the core (:func:`pinspect.ratings.summary.summarise`).

Who may see a unit's summary: site staff, and viewers of the unit or of a unit above it (a
``UnitViewer`` row on the unit's chain) — the people who may already see every published
inspection the summary covers. Everyone else is told the unit does not exist (404), so unit
ids cannot be probed. The page and its JSON twin use :func:`summary_unit_for` and
:func:`unit_summaries` (the JSON through :func:`unit_summary_data`), so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any

from pinspect.frameworks.model import Framework
from pinspect.ratings.serialisation import unit_summary_json
from pinspect.ratings.summary import UnitSummary, summarise
from pinspect.settings import Settings
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.inspections.results import published_result
from pinspect.web.installation import installation_settings
from pinspect.web.organisations.models import Unit
from pinspect.web.permissions import Action, can, one_request, unit_for

__all__ = [
    "FrameworkSummary",
    "IncludedInspection",
    "may_see_unit_summary",
    "summary_unit_for",
    "unit_summaries",
    "unit_summary_data",
]


def may_see_unit_summary(user: Any, unit: Any) -> bool:
    """Site staff, or a viewer of ``unit`` or of a unit above it (the permissions module's
    rule for :attr:`Action.VIEW_UNIT_SUMMARY`)."""
    return can(user, Action.VIEW_UNIT_SUMMARY, unit)


def summary_unit_for(user: Any, unit_id: int) -> Any:
    """The unit, if the user may see its summary; 404 otherwise (no 403: ids are not probed)."""
    return unit_for(user, unit_id, Action.VIEW_UNIT_SUMMARY)


@dataclass(frozen=True)
class IncludedInspection:
    """A published inspection a summary covers, and its report's address if the user may
    read it."""

    inspection: Any
    report: str | None


@dataclass(frozen=True)
class FrameworkSummary:
    """One framework's published inspections below a unit and the core's summary of them."""

    framework: Framework
    inspections: tuple[IncludedInspection, ...]
    summary: UnitSummary


def unit_summaries(
    unit: Any, user: Any, settings: Settings | None = None
) -> list[FrameworkSummary]:
    """Per framework, the published inspections of the unit and the units below it and the
    core's summary of their results (each rated as its results page rates it: proposals,
    departures, R1.2.2 aggregation). A report link is given only where the user may read the
    report."""
    settings = settings or installation_settings()
    published = (
        Inspection.objects.filter(
            unit_id__in=Unit.ids_at_and_below({unit.pk}), status=Status.PUBLISHED
        )
        .select_related("unit")
        .order_by("framework_id", "window_start", "pk")
    )
    summaries = []
    with one_request():
        for _, group in groupby(published, key=lambda i: i.framework_id):
            inspections = list(group)
            results = [
                replace(published_result(i, settings), inspection=str(i.pk)) for i in inspections
            ]
            summaries.append(
                FrameworkSummary(
                    framework=inspections[0].framework,
                    inspections=tuple(
                        IncludedInspection(
                            inspection=i,
                            report=f"/reports/{i.pk}/"
                            if can(user, Action.VIEW_REPORT, i)
                            else None,
                        )
                        for i in inspections
                    ),
                    summary=summarise(results, settings=settings),
                )
            )
    return summaries


def _inspection_json(included: IncludedInspection) -> dict[str, Any]:
    inspection = included.inspection
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
        "report": included.report,
    }


def unit_summary_data(unit: Any, user: Any, settings: Settings | None = None) -> dict[str, Any]:
    """The JSON of the unit summary page: the unit, and per framework the inspections included
    and :func:`pinspect.ratings.serialisation.unit_summary_json` of their summary."""
    parent = unit.parent
    return {
        "unit": {
            "id": unit.pk,
            "code": unit.code,
            "name": unit.name,
            "level": unit.level,
            "parent": None if parent is None else {"id": parent.pk, "name": parent.name},
        },
        "frameworks": [
            {
                "framework": {"id": f.framework.id, "title": f.framework.title},
                "inspections": [_inspection_json(i) for i in f.inspections],
                "summary": unit_summary_json(f.summary),
            }
            for f in unit_summaries(unit, user, settings)
        ],
    }
