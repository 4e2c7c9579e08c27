"""The panel's record in the admin: read only (decisions are taken on the panel page, where
they are checked and audited; nothing is deleted)."""

from __future__ import annotations

from django.contrib import admin

from pinspect.web.panel.models import PanelDecision, PanelSignOff
from pinspect.web.read_only_admin import ReadOnlyAdmin


@admin.register(PanelDecision)
class PanelDecisionAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "target", "decision", "final_rating", "decided_at")
    list_filter = ("decision",)


@admin.register(PanelSignOff)
class PanelSignOffAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "signed_by", "signed_at", "reopened_at")
