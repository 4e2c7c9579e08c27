"""Inspection pages: the list, an overview with progress, and the live results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pinspect.frameworks.model import RatedBy
from pinspect.problems import InputError
from pinspect.ratings.breakdown import Breakdown, GroupKeyQuestion, GroupResult
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.standard import StandardResult
from pinspect.report.content import OutcomeRow
from pinspect.settings import Settings
from pinspect.web.assessments.models import ATTRIBUTE_NAMES
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.models import Inspection
from pinspect.web.inspections.progress import inspection_progress
from pinspect.web.inspections.results import complete_cases, inspection_result
from pinspect.web.inspections.task_list import task_groups
from pinspect.web.installation import installation_settings
from pinspect.web.login import login_required
from pinspect.web.permissions import (
    Action,
    can,
    permission_required,
    units_led_by,
    visible_inspections,
)


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = visible_inspections(request.user).order_by("-window_start", "id")
    context = {
        "inspections": inspections,
        "can_create": units_led_by(request.user).exists(),
    }
    return render(request, "inspections/list.html", context)


@permission_required(Action.VIEW_INSPECTION)
def overview(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    headline, groups = task_groups(inspection, request.user)
    progress = inspection_progress(inspection)
    texts = {
        kq.id: kq.text
        for standard in inspection.framework.standards
        for kq in standard.key_questions
    }
    context = {
        "inspection": inspection,
        "progress": progress,
        "key_question_rows": [
            {**row, "text": texts.get(row["key_question"], "")} for row in progress.by_key_question
        ],
        "headline": headline,
        "groups": groups,
        "drawn": headline.cases > 0,
        "may_manage": can(request.user, Action.MANAGE_INSPECTION, inspection),
        "can_view_audit": can(request.user, Action.VIEW_AUDIT, inspection),
        "can_view_evidence": can(request.user, Action.VIEW_EVIDENCE, inspection),
        "can_view_report": can(request.user, Action.VIEW_REPORT, inspection),
    }
    return render(request, "inspections/overview.html", context)


MAX_BREAKDOWN_ATTRIBUTES = 2


@dataclass(frozen=True)
class StandardGroup:
    """Case-based standards shown together: the inspection's own, or (national inspections,
    002 decision 7) the inspected cases' standards as one data set, indicative only."""

    title: str | None
    note: str | None
    standards: tuple[StandardResult, ...]


@dataclass(frozen=True)
class BreakdownRow:
    """One key question of a breakdown: its cell in every group, in column order."""

    id: str
    cells: tuple[GroupKeyQuestion, ...]


@dataclass(frozen=True)
class BreakdownTable:
    """One breakdown as a table: a row per key question, a column per group. Suppression is
    the engine's (a cell's ``suppressed``, a group's ``cases`` None); nothing is recomputed."""

    by: tuple[str, ...]
    title: str
    columns: tuple[GroupResult, ...]
    rows: tuple[BreakdownRow, ...]
    breakdown: Breakdown


def standard_groups(result: InspectionResult) -> list[StandardGroup]:
    """The case-based standards, then the national inspection's case data set (if any)."""
    groups = [
        StandardGroup(
            title=None,
            note=None,
            standards=tuple(s for s in result.standards if s.rated_by is RatedBy.CASES),
        )
    ]
    case_data = result.case_data
    if case_data is not None:
        groups.append(
            StandardGroup(
                title=f"Cases inspected against {case_data.framework} (indicative)",
                note=case_data.note,
                standards=tuple(s for s in case_data.standards if s.rated_by is RatedBy.CASES),
            )
        )
    return [g for g in groups if g.standards]


def breakdown_table(breakdown: Breakdown) -> BreakdownTable:
    groups = breakdown.groups
    first = groups[0].key_questions if groups else ()
    rows = tuple(
        BreakdownRow(id=kq.id, cells=tuple(group.key_questions[index] for group in groups))
        for index, kq in enumerate(first)
    )
    title = " and ".join(_attribute_label(name) for name in breakdown.by)
    return BreakdownTable(
        by=breakdown.by, title=title, columns=groups, rows=rows, breakdown=breakdown
    )


def outcome_rows(result: InspectionResult) -> list[OutcomeRow]:
    """The outcome key questions of the standards that are not rated, with their counts."""
    framework = catalogue().get(result.framework)
    standards = framework.standards if framework is not None else ()
    texts = {kq.id: kq.text for standard in standards for kq in standard.key_questions}
    rows = []
    for standard in result.standards:
        for kq in standard.key_questions:
            counts = kq.outcomes
            if counts is None:
                continue
            rows.append(OutcomeRow.of(kq.id, texts.get(kq.id, ""), counts))
    return rows


def results_context(result: InspectionResult | None, settings: Settings) -> dict[str, Any]:
    """What the results page shows of one typed result (None: nothing could be rated)."""
    if result is None:
        return {"result": None, "settings": settings, "standard_groups": [], "breakdowns": []}
    level = result.settings.get("confidence_level")
    return {
        "result": result,
        "settings": settings,
        "standard_groups": standard_groups(result),
        "other_standards": [s for s in result.standards if s.rated_by is not RatedBy.CASES],
        "outcome_rows": outcome_rows(result),
        "interval_label": f"{level * 100:g}% interval" if level else "Interval",
        "breakdowns": [breakdown_table(b) for b in result.breakdowns],
    }


def _recorded_attributes(inspection: Any) -> list[str]:
    """The case attributes at least one complete case of the sample has a value for."""
    recorded: set[str] = set()
    for values in complete_cases(inspection).values_list("attributes", flat=True):
        recorded.update(name for name, value in (values or {}).items() if value)
    return [name for name in ATTRIBUTE_NAMES if name in recorded]


def _chosen_attributes(
    request: HttpRequest, recorded: list[str]
) -> tuple[list[str], list[dict[str, str]], list[str]]:
    """``?by=`` (once or twice): the attributes to break down by, form errors, and the chosen
    attributes no complete case records yet."""
    chosen: list[str] = []
    errors: list[dict[str, str]] = []
    for position, raw in enumerate(request.GET.getlist("by")[:MAX_BREAKDOWN_ATTRIBUTES], 1):
        name = raw.strip()
        if not name or name in chosen:
            continue
        if name not in ATTRIBUTE_NAMES:
            errors.append(
                {
                    "anchor": f"by-{position}",
                    "message": "Choose a case attribute from the list ("
                    + ", ".join(_attribute_label(n) for n in ATTRIBUTE_NAMES)
                    + ")",
                }
            )
            continue
        chosen.append(name)
    if len(request.GET.getlist("by")) > MAX_BREAKDOWN_ATTRIBUTES:
        errors.append({"anchor": "by-1", "message": "Choose one or two case attributes"})
    unrecorded = [name for name in chosen if name not in recorded]
    return [name for name in chosen if name in recorded], errors, unrecorded


def _attribute_label(name: str) -> str:
    return name.replace("_", " ")


@permission_required(Action.VIEW_RESULTS)
def results(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    """Provisional (or published) results from the rating engine, with sub-group breakdowns
    for the case attributes chosen in ``?by=`` (one or two)."""
    recorded = _recorded_attributes(inspection)
    by, errors, unrecorded = _chosen_attributes(request, recorded)
    result = None
    try:
        result = inspection_result(inspection, by=by)
    except InputError as error:
        errors += [{"message": str(p)} for p in error.problems]
    context = {
        "inspection": inspection,
        **results_context(result, installation_settings()),
        "attribute_choices": [(n, _attribute_label(n)) for n in recorded],
        "chosen": [*by, *unrecorded],
        "unrecorded": [_attribute_label(n) for n in unrecorded],
        "complete": complete_cases(inspection).count(),
        "errors": errors,
        "can_view_inspection": can(request.user, Action.VIEW_INSPECTION, inspection),
        "can_view_report": can(request.user, Action.VIEW_REPORT, inspection),
    }
    status = 400 if errors and result is not None else 200
    return render(request, "inspections/results.html", context, status=status)
