"""Audit events in the admin: read-only, never deleted."""

from __future__ import annotations

from django.contrib import admin

from pinspect.web.audit.models import AuditEvent
from pinspect.web.read_only_admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "inspection", "object_type", "object_id", "field")
    list_filter = ("object_type",)
