"""Units: the list and the CSV import (site staff only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pinspect.problems import InputError
from pinspect.web.installation import file_limits
from pinspect.web.login import login_required
from pinspect.web.organisations.forms import UnitImportForm
from pinspect.web.organisations.importer import import_units
from pinspect.web.organisations.models import Unit
from pinspect.web.permissions import Action, can


def _require_staff(request: HttpRequest) -> None:
    if not can(request.user, Action.MANAGE_UNITS, None):
        raise PermissionDenied


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    units = Unit.objects.select_related("parent").order_by("level", "code")
    return render(request, "organisations/list.html", {"units": units})


@login_required
def unit_import(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        form = UnitImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = request.FILES.get("file")
            name = (upload.name if upload is not None else None) or "units.csv"
            try:
                units = import_units(
                    form.cleaned_data["file"], actor=request.user, file=name, limits=file_limits()
                )
            except InputError as error:
                errors = [{"anchor": "id_file", "message": str(p)} for p in error.problems]
            else:
                messages.success(request, f"{len(units)} units imported")
                return redirect("organisations:list")
        errors = [
            {"anchor": "id_file", "message": str(m)} for m in form.errors.get("file", [])
        ] + errors
    else:
        form = UnitImportForm()
    status = 400 if errors else 200
    return render(
        request, "organisations/import.html", {"form": form, "errors": errors}, status=status
    )
