"""The ratings panel page: every rated standard and the overall rating, a decision form per
row, sign-off and reopening (001 §4.16, §4.17, §4.24)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pinspect.problems import InputError
from pinspect.web.inspections.results import inspection_result
from pinspect.web.panel.across import PanelView, panel_view, standard_rows
from pinspect.web.panel.decisions import (
    PanelError,
    PanelRow,
    panel_members,
    panel_rows,
    record_decision,
    reopen,
    sign_off,
    undecided,
)
from pinspect.web.panel.departures import current_sign_off
from pinspect.web.panel.forms import DecisionForm, ReopenForm
from pinspect.web.panel.models import PanelSignOff
from pinspect.web.panel.rating_chart import rating_chart
from pinspect.web.permissions import Action, can, permission_required


def anchor(target: str) -> str:
    """The HTML id prefix of a target's form (error summary links point at it)."""
    return "decision-" + target.replace(".", "-")


def _across_context(view: PanelView | None, target: str) -> dict[str, Any] | None:
    """001 §4.17: the standard beside the same standard in other published inspections."""
    if view is None:
        return None
    standard = next((s for s in view.comparison.standards if s.id == target), None)
    if standard is None:
        return None
    return {
        "standard": standard,
        "key_question_ids": [k.id for k in standard.key_questions],
        "rows": standard_rows(view, standard),
        "chart": rating_chart(standard),
        "compared": len(standard.compared),
    }


def _correlation_rows(view: PanelView | None) -> list[dict[str, Any]]:
    """001 §4.14: one row per judged standard, one cell per case-based standard."""
    if view is None:
        return []
    correlation = view.comparison.correlation
    return [
        {"judged": j, "pairs": [correlation.pair(j.id, c.id) for c in correlation.case_based]}
        for j in correlation.judged
    ]


def _row_context(
    row: PanelRow,
    members: list[Any],
    user: Any,
    form: DecisionForm | None,
    view: PanelView | None = None,
) -> dict[str, Any]:
    others = [m for m in members if m.pk != user.pk]
    data: Any = form.data if form is not None else {}
    errors = form.errors if form is not None else {}
    decision = row.decision
    return {
        "row": row,
        "anchor": anchor(row.target),
        "standard": row.standard,
        "key_questions": () if row.standard is None else row.standard.key_questions,
        "decided_by": []
        if decision is None
        else sorted(u.username for u in decision.decided_by.all()),
        "others": [
            {
                "pk": str(m.pk),
                "username": m.username,
                "checked": str(m.pk) in data.getlist("present"),
            }
            for m in others
        ]
        if form is not None
        else [{"pk": str(m.pk), "username": m.username, "checked": False} for m in others],
        "value": {
            "decision": data.get("decision", ""),
            "final": data.get("final", ""),
            "reason": data.get("reason", ""),
        },
        "errors": {name: list(messages_) for name, messages_ in errors.items()},
        "across": _across_context(view, row.target),
    }


def _page(
    request: HttpRequest,
    inspection: Any,
    *,
    form: DecisionForm | None = None,
    errors: list[dict[str, str]] | None = None,
    reopen_form: ReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page_errors = list(errors or [])
    result = None
    rows: list[PanelRow] = []
    view: PanelView | None = None
    try:
        result = inspection_result(inspection)
        rows = panel_rows(inspection, result)
        view = panel_view(inspection, result, request.user)
    except InputError as error:
        page_errors += [{"message": str(p)} for p in error.problems]
    members = panel_members(inspection)
    failed = form.data.get("target") if form is not None else None
    signed = current_sign_off(inspection)
    context = {
        "inspection": inspection,
        "rows": [
            _row_context(r, members, request.user, form if r.target == failed else None, view)
            for r in rows
        ],
        "overall": None if result is None else result.overall,
        "correlation": None if view is None else view.comparison.correlation,
        "correlation_rows": _correlation_rows(view),
        "other_inspections": None if view is None else view.comparison.inspections,
        "overall_reason": None if result is None else result.overall_reason,
        "missing": undecided(rows),
        "signed": signed,
        "history": PanelSignOff.objects.filter(inspection=inspection).select_related(
            "signed_by", "reopened_by"
        ),
        "can_decide": can(request.user, Action.DECIDE_PANEL, inspection),
        "can_view_inspection": can(request.user, Action.VIEW_INSPECTION, inspection),
        "can_view_audit": can(request.user, Action.VIEW_AUDIT, inspection),
        "errors": page_errors,
        "reopen_form": reopen_form or ReopenForm(),
    }
    return render(request, "panel/panel.html", context, status=status)


@permission_required(Action.VIEW_PANEL)
def panel(request: HttpRequest, inspection: Any) -> HttpResponse:
    return _page(request, inspection)


@require_POST
@permission_required(Action.DECIDE_PANEL)
def decide(request: HttpRequest, inspection: Any) -> HttpResponse:
    form = DecisionForm(panel_members(inspection), request.POST)
    target = str(request.POST.get("target", ""))
    prefix = anchor(target)
    if form.is_valid():
        try:
            record_decision(
                inspection,
                form.cleaned_data["target"],
                depart=form.cleaned_data["decision"] == "departed",
                final=form.cleaned_data["final"],
                reason=form.cleaned_data["reason"],
                user=request.user,
                present=form.present_members(),
            )
        except PanelError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"Decision on {target} recorded")
            return redirect(reverse("panel:panel", args=[inspection.pk]) + f"#{prefix}")
    errors = [
        {"message": str(message), "anchor": f"{prefix}-{name}" if name != "__all__" else prefix}
        for name, problems in form.errors.items()
        for message in problems
    ]
    return _page(request, inspection, form=form, errors=errors, status=400)


@require_POST
@permission_required(Action.DECIDE_PANEL)
def sign(request: HttpRequest, inspection: Any) -> HttpResponse:
    try:
        sign_off(inspection, request.user)
    except PanelError as error:
        return _page(
            request,
            inspection,
            errors=[{"message": error.message, "anchor": "sign-off"}],
            status=400,
        )
    messages.success(request, "The panel's ratings are signed off and locked")
    return redirect("panel:panel", inspection_id=inspection.pk)


@require_POST
@permission_required(Action.DECIDE_PANEL)
def reopen_sign_off(request: HttpRequest, inspection: Any) -> HttpResponse:
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            reopen(inspection, request.user, form.cleaned_data["reason"])
        except PanelError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, "The panel's ratings are reopened")
            return redirect("panel:panel", inspection_id=inspection.pk)
    errors = [
        {"message": str(message), "anchor": "reopen-reason"}
        for problems in form.errors.values()
        for message in problems
    ]
    return _page(request, inspection, errors=errors, reopen_form=form, status=400)
