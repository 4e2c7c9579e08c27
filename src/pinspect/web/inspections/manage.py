"""Inspection management pages: creating an inspection, the status (set-up → fieldwork →
panel, or back with a reason) and the team (add and remove members, change roles). Lead
inspector and admin only (``MANAGE_INSPECTION``); every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pinspect.web.inspections.creation import create_inspection
from pinspect.web.inspections.creation_form import CreateInspectionForm, date_inputs
from pinspect.web.inspections.gates import facts_of, gate_for
from pinspect.web.inspections.lifecycle import (
    GateShutError,
    StatusMoveError,
    move_status,
    moves_from,
)
from pinspect.web.inspections.management_forms import (
    AddMemberForm,
    ChangeRoleForm,
    RemoveMemberForm,
    StatusForm,
)
from pinspect.web.inspections.models import Membership, Role, Status
from pinspect.web.inspections.team import (
    TeamChangeError,
    add_member,
    candidates,
    change_role,
    remove_member,
)
from pinspect.web.login import login_required
from pinspect.web.permissions import Action, permission_required, units_led_by

__all__ = ["create", "status", "team"]


def _errors(form: Any, prefix_anchor: str = "id_") -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []
    for name, found in form.errors.items():
        anchor = f"{prefix_anchor}{name}" if name in form.fields else ""
        if name == "target":
            anchor = "id_target_0"
        errors.extend({"anchor": anchor, "message": str(m)} for m in found)
    return errors


@login_required
def create(request: HttpRequest) -> HttpResponse:
    """Create an inspection (site staff, or a person allowed to lead inspections of a unit)."""
    if not units_led_by(request.user).exists():
        raise PermissionDenied
    form = CreateInspectionForm(user=request.user)
    if request.method == "POST":
        form = CreateInspectionForm(request.POST, user=request.user)
        if form.is_valid():
            inspection = create_inspection(
                form.save(commit=False), lead=form.cleaned_data["lead"], actor=request.user
            )
            messages.success(request, f"{inspection.title} created: it is in set-up")
            return redirect("inspections:overview", inspection_id=inspection.pk)
    errors = _errors(form) if form.is_bound else []
    for error in errors:
        for prefix in ("start", "end"):
            if error["anchor"] == f"id_window_{prefix}" or error["anchor"] == f"id_{prefix}_day":
                error["anchor"] = f"id_{prefix}_day"
    context = {"form": form, "errors": errors, "date_inputs": date_inputs(form)}
    return render(request, "inspections/create.html", context, status=400 if errors else 200)


@permission_required(Action.MANAGE_INSPECTION)
def status(request: HttpRequest, inspection: Any) -> HttpResponse:
    moves = moves_from(inspection.status)
    form = StatusForm(initial={"expected": inspection.status})
    code = 200
    if request.method == "POST":
        form = StatusForm(request.POST)
        if form.is_valid():
            try:
                moved = move_status(
                    inspection,
                    expected=form.cleaned_data["expected"],
                    target=form.cleaned_data["target"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except GateShutError as shut:
                for reason in shut.refusal.reasons:
                    form.add_error("target", reason)
            except StatusMoveError as refused:
                form.add_error(refused.field, str(refused))
            else:
                messages.success(request, f"The inspection is now in {moved.get_status_display()}")
                return redirect("inspections:status", inspection_id=inspection.pk)
        code = 400
    facts = facts_of(inspection)
    gates = [
        {"move": move, "refusal": gate_for(move.target, facts)}
        for move in moves
        if not move.backward
    ]
    context = {
        "inspection": inspection,
        "form": form,
        "moves": moves,
        "gates": gates,
        "errors": _errors(form) if form.is_bound else [],
        "published": inspection.status == Status.PUBLISHED,
    }
    return render(request, "inspections/status.html", context, status=code)


@permission_required(Action.MANAGE_INSPECTION)
def team(request: HttpRequest, inspection: Any) -> HttpResponse:
    add_form = AddMemberForm()
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "add":
                add_form = AddMemberForm(request.POST)
                if add_form.is_valid():
                    member = add_member(
                        inspection,
                        username=add_form.cleaned_data["username"],
                        role=add_form.cleaned_data["role"],
                        actor=request.user,
                    )
                    messages.success(request, f"{member.user.username} added to the team")
                    return redirect("inspections:team", inspection_id=inspection.pk)
                errors = _errors(add_form)
            elif action == "change":
                change_form = ChangeRoleForm(request.POST)
                if change_form.is_valid():
                    member = change_role(
                        inspection,
                        membership_id=change_form.cleaned_data["membership"],
                        role=change_form.cleaned_data["role"],
                        actor=request.user,
                    )
                    messages.success(
                        request,
                        f"{member.user.username} is now {member.get_role_display().lower()}",
                    )
                    return redirect("inspections:team", inspection_id=inspection.pk)
                errors = [{"anchor": "", "message": "Choose a member and a role"}]
            elif action == "remove":
                remove_form = RemoveMemberForm(request.POST)
                if remove_form.is_valid():
                    username = remove_member(
                        inspection,
                        membership_id=remove_form.cleaned_data["membership"],
                        actor=request.user,
                    )
                    messages.success(request, f"{username} removed from the team")
                    return redirect("inspections:team", inspection_id=inspection.pk)
                errors = [{"anchor": "", "message": "Choose a member to remove"}]
            else:
                errors = [{"anchor": "", "message": "Choose what to change"}]
        except TeamChangeError as refused:
            anchor = "id_username" if refused.field == "username" else ""
            if action == "add":
                add_form.add_error(refused.field, str(refused))
            errors = [{"anchor": anchor, "message": str(refused)}]
    members = Membership.objects.filter(inspection=inspection).select_related("user")
    query = request.GET.get("q", "").strip()[:150]
    context = {
        "inspection": inspection,
        "query": query,
        "candidates": candidates(inspection, query),
        "members": sorted(members, key=lambda m: (Role.values.index(m.role), m.user.username)),
        "roles": Role.choices,
        "add_form": add_form,
        "errors": errors,
    }
    return render(request, "inspections/team.html", context, status=400 if errors else 200)
