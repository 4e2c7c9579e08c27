"""The panel's view across inspections: loads the other published inspections for the core.

Seed 001 §4.17: the panel ensures ratings "are sufficiently consistent, across inspections."
This module only loads data: the published inspections of the same framework and of the
frameworks the crosswalks join to it (the core's ``comparable_frameworks``), each rated as
its results page rates it, handed to
:func:`~pinspect.consistency.across_inspections.across_inspections` with the inspection under
decision. A published inspection's ratings are public once its report is out; a link to its
report is given only where the user may read it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pinspect.consistency.across_inspections import (
    PanelComparison,
    StandardAcrossInspections,
    across_inspections,
    comparable_frameworks,
)
from pinspect.crosswalks import bundled_crosswalks
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.settings import Settings
from pinspect.trends.trend import PublishedInspection
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.inspections.results import published_result
from pinspect.web.installation import installation_settings
from pinspect.web.permissions import Action, can, one_request

__all__ = ["AcrossRow", "PanelView", "panel_view", "standard_rows"]


@dataclass(frozen=True)
class PanelView:
    """The core's comparison and, per other inspection's label, its report address (None when
    the user may not read the report)."""

    comparison: PanelComparison
    reports: dict[str, str | None]


def _date(inspection: Any) -> Any:
    publication = getattr(inspection, "publication", None)
    return publication.published_at.date() if publication is not None else inspection.window_end


def panel_view(
    inspection: Any, result: InspectionResult, user: Any, settings: Settings | None = None
) -> PanelView:
    """001 §4.17: the inspection's standards beside the other published inspections'."""
    settings = settings or installation_settings()
    frameworks = catalogue()
    crosswalks = bundled_crosswalks()
    others = list(
        Inspection.objects.filter(
            status=Status.PUBLISHED,
            framework_id__in=comparable_frameworks(inspection.framework_id, frameworks, crosswalks),
        )
        .exclude(pk=inspection.pk)
        .select_related("unit", "publication")
        .order_by("window_end", "pk")
    )
    titles = [o.title for o in others]
    published = []
    reports: dict[str, str | None] = {}
    with one_request():
        for other in others:
            label = other.title if titles.count(other.title) == 1 else f"{other.title} ({other.pk})"
            published.append(
                PublishedInspection(label, _date(other), published_result(other, settings))
            )
            reports[label] = (
                f"/reports/{other.pk}/" if can(user, Action.VIEW_REPORT, other) else None
            )
    comparison = across_inspections(
        result,
        published,
        frameworks=frameworks,
        crosswalks=crosswalks,
        divergence_steps=settings.domain_divergence_steps,
    )
    return PanelView(comparison, reports)


@dataclass(frozen=True)
class AcrossRow:
    """One row of a standard's table across inspections, in words."""

    label: str
    date: Any
    framework: str
    rating: str
    approximate: bool
    report: str | None
    percents: tuple[str, ...]
    current: bool = False


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _rating_text(point: Any) -> str:
    if not point.counterparts:
        return "No counterpart"
    if len(point.ratings) > 1:
        return "; ".join(
            f"{'Not rated' if r is None else r.label} ({c.id})"
            for c, r in zip(point.counterparts, point.ratings, strict=True)
        )
    return "Not rated" if point.rating is None else str(point.rating.label)


def standard_rows(view: PanelView, standard: StandardAcrossInspections) -> list[AcrossRow]:
    """This inspection first (the rating under decision, its percentages), then each other
    published inspection: its final rating and, for a case-based standard, its key-question
    percentages; '≈' where the crosswalk says the element does not ask quite the same."""
    frameworks = {i.label: i.framework for i in view.comparison.inspections}
    dates = {i.label: i.date for i in view.comparison.inspections}
    rows = [
        AcrossRow(
            label="This inspection",
            date=None,
            framework=view.comparison.framework,
            rating="Not rated"
            if standard.under_decision is None
            else standard.under_decision.label,
            approximate=False,
            report=None,
            percents=tuple(_percent(k.percent) for k in standard.key_questions),
            current=True,
        )
    ]
    for index, point in enumerate(standard.others):
        percents = tuple(
            ("≈ " if not s.points[index].comparison.comparable else "")
            + _percent(s.points[index].percent)
            for s in standard.other_key_questions
        )
        rows.append(
            AcrossRow(
                label=point.inspection,
                date=dates.get(point.inspection),
                framework=frameworks.get(point.inspection, ""),
                rating=_rating_text(point),
                approximate=not point.comparison.comparable and bool(point.counterparts),
                report=view.reports.get(point.inspection),
                percents=percents,
            )
        )
    return rows
