"""Inspection pages: the list, an overview with progress, and the live results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pinspect.problems import InputError
from pinspect.web.inspections.progress import inspection_progress
from pinspect.web.inspections.results import complete_cases, inspection_result
from pinspect.web.login import login_required
from pinspect.web.permissions import Action, can, permission_required, visible_inspections


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = visible_inspections(request.user).order_by("-window_start", "id")
    return render(request, "inspections/list.html", {"inspections": inspections})


@permission_required(Action.VIEW_INSPECTION)
def overview(request: HttpRequest, inspection) -> HttpResponse:  # type: ignore[no-untyped-def]
    context = {
        "inspection": inspection,
        "progress": inspection_progress(inspection),
        "can_view_audit": can(request.user, Action.VIEW_AUDIT, inspection),
    }
    return render(request, "inspections/overview.html", context)


@permission_required(Action.VIEW_RESULTS)
def results(request: HttpRequest, inspection) -> HttpResponse:  # type: ignore[no-untyped-def]
    errors = []
    data = None
    try:
        data = inspection_result(inspection).as_dict()
    except InputError as error:
        errors = [{"message": str(p)} for p in error.problems]
    case_standards = [s for s in (data or {}).get("standards", []) if s["rated_by"] == "cases"]
    other_standards = [s for s in (data or {}).get("standards", []) if s["rated_by"] != "cases"]
    context = {
        "inspection": inspection,
        "result": data,
        "case_standards": case_standards,
        "other_standards": other_standards,
        "complete": complete_cases(inspection).count(),
        "errors": errors,
        "can_view_inspection": can(request.user, Action.VIEW_INSPECTION, inspection),
    }
    return render(request, "inspections/results.html", context)
