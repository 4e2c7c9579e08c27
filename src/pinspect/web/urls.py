"""URLs: pages per app, the JSON API under /api/, the admin for reference data."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from pinspect.web.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="inspections:list"), name="home"),
    path("accounts/", include("pinspect.web.accounts.urls")),
    path("inspections/", include("pinspect.web.inspections.urls")),
    path("cases/", include("pinspect.web.assessments.urls")),
    path("units/", include("pinspect.web.organisations.urls")),
    path("audit/", include("pinspect.web.audit.urls")),
    path("samples/", include("pinspect.web.samples.urls")),
    path("evidence/", include("pinspect.web.evidence.urls")),
    path("panel/", include("pinspect.web.panel.urls")),
    path("reports/", include("pinspect.web.reports.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
