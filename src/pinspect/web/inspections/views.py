"""Inspection pages: the list, an overview with progress, and the live results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pinspect.problems import InputError
from pinspect.ratings.serialisation import inspection_json
from pinspect.scale.rating import Band, Rating
from pinspect.web.assessments.models import ATTRIBUTE_NAMES
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


MAX_BREAKDOWN_ATTRIBUTES = 2
_BANDS = {band.label: band for band in Band}


def _next_rating(label: str | None) -> str | None:
    """The rating one step above ``label`` on the four-point scale (001 §4.1)."""
    if label is None:
        return None
    rating = Rating.parse(label)
    return None if rating is Rating.OUTSTANDING else Rating(rating + 1).label


def _chance(p: float | None) -> str | None:
    """A probability in words a reader can weigh: "about 23 in 100"."""
    if p is None:
        return None
    in_100 = round(p * 100)
    if in_100 == 0:
        return "less than 1 in 100"
    if in_100 == 100:
        return "almost certain (more than 99 in 100)"
    return f"about {in_100} in 100"


def _standard_section(standard: dict[str, Any]) -> dict[str, Any]:
    """One case-based standard of ``as_dict()``, with its what-if and fragility in words.

    The numbers are the engine's (``next_band_needs``, ``p_rating_differs``, ``fragile``);
    this only names the key questions at the standard's rating and the rating above it.
    """
    computed = standard["computed_rating"]
    lowest = [kq["id"] for kq in standard["key_questions"] if kq["rating"] == computed]
    key_questions = []
    for kq in standard["key_questions"]:
        next_band = None
        if kq["next_band_needs"] is not None and kq["band"] is not None:
            band = Band(_BANDS[kq["band"]] + 1)
            next_band = {
                "needs": kq["next_band_needs"],
                "band": band.label,
                "rating": band.rating.label,
            }
        key_questions.append({**kq, "next_band": next_band})
    what_if = None
    if standard["next_band_needs"] is not None and computed is not None:
        what_if = {
            "needs": standard["next_band_needs"],
            "on": lowest,
            "rating": _next_rating(computed),
        }
    return {
        **standard,
        "key_questions": key_questions,
        "lowest": lowest,
        "what_if": what_if,
        "chance": _chance(standard["p_rating_differs"]),
    }


def _standard_groups(
    standards: list[dict[str, Any]], case_data: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The case-based standards, then (national inspections, 002 decision 7) the inspected
    cases' standards as one data set, indicative only."""
    groups = [
        {
            "title": None,
            "note": None,
            "standards": [_standard_section(s) for s in standards if s["rated_by"] == "cases"],
        }
    ]
    if case_data:
        groups.append(
            {
                "title": f"Cases inspected against {case_data['framework']} (indicative)",
                "note": case_data["note"],
                "standards": [
                    _standard_section(s) for s in case_data["standards"] if s["rated_by"] == "cases"
                ],
            }
        )
    return [g for g in groups if g["standards"]]


def _group_label(values: dict[str, str | None]) -> str:
    return ", ".join(value if value is not None else "not recorded" for value in values.values())


def _breakdown_table(breakdown: dict[str, Any]) -> dict[str, Any]:
    """One breakdown of ``as_dict()`` as a table: a row per key question, a column per group.
    Suppression is the engine's (``suppressed``, ``cases`` None); nothing is recomputed."""
    groups = breakdown["groups"]
    columns = [{"label": _group_label(g["values"]), "cases": g["cases"]} for g in groups]
    rows = []
    for index, kq in enumerate(groups[0]["key_questions"] if groups else []):
        cells = []
        for group in groups:
            cell = group["key_questions"][index]
            applicable = None if cell["suppressed"] else cell["yes"] + cell["no"]
            cells.append({**cell, "applicable": applicable})
        rows.append({"id": kq["id"], "cells": cells})
    title = " and ".join(_attribute_label(name) for name in breakdown["by"])
    return {"by": breakdown["by"], "title": title, "columns": columns, "rows": rows}


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
def results(request: HttpRequest, inspection) -> HttpResponse:  # type: ignore[no-untyped-def]
    """Provisional (or published) results from the rating engine, with sub-group breakdowns
    for the case attributes chosen in ``?by=`` (one or two)."""
    recorded = _recorded_attributes(inspection)
    by, errors, unrecorded = _chosen_attributes(request, recorded)
    data = None
    try:
        data = inspection_json(inspection_result(inspection, by=by))
    except InputError as error:
        errors += [{"message": str(p)} for p in error.problems]
    standards = (data or {}).get("standards", [])
    case_data = (data or {}).get("case_data")
    settings = (data or {}).get("settings", {})
    level = settings.get("confidence_level")
    context = {
        "inspection": inspection,
        "result": data,
        "standard_groups": _standard_groups(standards, case_data),
        "other_standards": [s for s in standards if s["rated_by"] != "cases"],
        "overall_chance": _chance(((data or {}).get("overall") or {}).get("p_rating_differs")),
        "settings": settings,
        "interval_label": f"{level * 100:g}% interval" if level else "Interval",
        "breakdowns": [_breakdown_table(b) for b in (data or {}).get("breakdowns", [])],
        "attribute_choices": [(n, _attribute_label(n)) for n in recorded],
        "chosen": [*by, *unrecorded],
        "unrecorded": [_attribute_label(n) for n in unrecorded],
        "complete": complete_cases(inspection).count(),
        "errors": errors,
        "can_view_inspection": can(request.user, Action.VIEW_INSPECTION, inspection),
    }
    status = 400 if errors and data is not None else 200
    return render(request, "inspections/results.html", context, status=status)
