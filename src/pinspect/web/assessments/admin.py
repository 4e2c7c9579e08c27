"""Case answers are not in the admin: they change only through the assessment page and the
API, where permissions, optimistic locking and the audit trail apply. Sampled cases are
listed read-only (reference, stratum, assignment, status; no answers)."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.contrib import admin

from pinspect.web.assessments.models import SampledCase


@admin.register(SampledCase)
class SampledCaseAdmin(admin.ModelAdmin):
    list_display = ("reference", "inspection", "stratum", "assigned_to", "status", "version")
    list_filter = ("status",)
    exclude = ("attributes",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
