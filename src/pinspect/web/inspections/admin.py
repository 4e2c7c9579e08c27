"""Inspections and their teams in the admin; every change to a team or a status is audited."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction

from pinspect.web.audit.record import record_changes
from pinspect.web.inspections.forms import InspectionForm
from pinspect.web.inspections.models import Inspection, Membership


class MembershipInline(admin.TabularInline[Membership, Inspection]):
    model = Membership
    extra = 1


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin[Inspection]):
    form = InspectionForm
    list_display = ("title", "unit", "framework_id", "status", "mock", "window_start")
    list_filter = ("status", "mock", "framework_id")
    inlines = (MembershipInline,)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: Any, obj: Any = None) -> tuple[str, ...]:
        """A new inspection's status is checked by the model (set-up only); an existing one's
        moves only through the gates of its status page, never here."""
        return ("status",) if obj is not None else ()

    def save_model(self, request: Any, obj: Inspection, form: Any, change: bool) -> None:
        with transaction.atomic():
            old = {}
            if change:
                before = Inspection.objects.get(pk=obj.pk)
                old = {f: getattr(before, f) for f in InspectionForm.Meta.fields}
                old["unit"] = before.unit_id
            super().save_model(request, obj, form, change)
            new = {f: getattr(obj, f) for f in InspectionForm.Meta.fields}
            new["unit"] = obj.unit_id
            record_changes(actor=request.user, inspection=obj, obj=obj, old=old, new=new)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            inspection = form.instance
            for deleted in [f.instance for f in formset.deleted_forms if f.instance.pk]:
                record_changes(
                    actor=request.user,
                    inspection=inspection,
                    obj=deleted,
                    old={"user": deleted.user.username, "role": deleted.role},
                    new={},
                )
            before = {m.pk: m.role for m in Membership.objects.filter(inspection=inspection)}
            super().save_formset(request, form, formset, change)
            for member in formset.new_objects + [m for m, _ in formset.changed_objects]:
                record_changes(
                    actor=request.user,
                    inspection=inspection,
                    obj=member,
                    old={}
                    if member.pk not in before
                    else {"user": member.user.username, "role": before[member.pk]},
                    new={"user": member.user.username, "role": member.role},
                )
