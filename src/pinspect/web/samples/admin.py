"""Sample draws and replacements are listed read-only: they change only through the sample
pages, where permissions and the audit trail apply."""

from __future__ import annotations

from django.contrib import admin

from pinspect.web.read_only_admin import ReadOnlyAdmin
from pinspect.web.samples.models import Replacement, SampleDraw


@admin.register(SampleDraw)
class SampleDrawAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "method", "sample", "seed", "sample_cases", "drawn_at")


@admin.register(Replacement)
class ReplacementAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "withdrawn", "replacement", "replaced_by", "replaced_at")
