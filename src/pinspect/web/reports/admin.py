"""Recommendations and publications in the admin: read only (they are written on the report
pages, where they are checked and audited). The pseudonym key is never shown."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.contrib import admin

from pinspect.web.reports.models import Publication, Recommendation


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Recommendation)
class RecommendationAdmin(_ReadOnly):
    list_display = ("inspection", "addressed_to", "created_at", "withdrawn_at")


@admin.register(Publication)
class PublicationAdmin(_ReadOnly):
    list_display = ("inspection", "published_by", "published_at")
