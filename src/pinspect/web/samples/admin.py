"""Sample draws and replacements are listed read-only: they change only through the sample
pages, where permissions and the audit trail apply."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.contrib import admin

from pinspect.web.samples.models import Replacement, SampleDraw


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(SampleDraw)
class SampleDrawAdmin(_ReadOnly):
    list_display = ("inspection", "method", "sample", "seed", "sample_cases", "drawn_at")


@admin.register(Replacement)
class ReplacementAdmin(_ReadOnly):
    list_display = ("inspection", "withdrawn", "replacement", "replaced_by", "replaced_at")
