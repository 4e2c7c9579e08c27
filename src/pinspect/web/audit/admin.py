"""Audit events in the admin: read-only, never deleted."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.contrib import admin

from pinspect.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "inspection", "object_type", "object_id", "field")
    list_filter = ("object_type",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
