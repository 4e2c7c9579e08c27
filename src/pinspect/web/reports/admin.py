"""Recommendations and publications in the admin: read only (they are written on the report
pages, where they are checked and audited). The pseudonym key is never shown."""

from __future__ import annotations

from django.contrib import admin

from pinspect.web.read_only_admin import ReadOnlyAdmin
from pinspect.web.reports.models import Publication, Recommendation


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "addressed_to", "created_at", "withdrawn_at")


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "published_by", "published_at")
