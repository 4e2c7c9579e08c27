"""The panel's record in the admin: read only (decisions are taken on the panel page, where
they are checked and audited; nothing is deleted)."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.contrib import admin

from pinspect.web.panel.models import PanelDecision, PanelSignOff


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(PanelDecision)
class PanelDecisionAdmin(_ReadOnly):
    list_display = ("inspection", "target", "decision", "final_rating", "decided_at")
    list_filter = ("decision",)


@admin.register(PanelSignOff)
class PanelSignOffAdmin(_ReadOnly):
    list_display = ("inspection", "signed_by", "signed_at", "reopened_at")
