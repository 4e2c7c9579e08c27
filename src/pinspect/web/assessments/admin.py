"""Case answers are not in the admin: they change only through the assessment page and the
API, where permissions, optimistic locking and the audit trail apply. Sampled cases are
listed read-only (reference, stratum, assignment, status; no answers)."""

from __future__ import annotations

from django.contrib import admin

from pinspect.web.assessments.models import SampledCase
from pinspect.web.read_only_admin import ReadOnlyAdmin


@admin.register(SampledCase)
class SampledCaseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "inspection", "stratum", "assigned_to", "status", "version")
    list_filter = ("status",)
    exclude = ("attributes",)
