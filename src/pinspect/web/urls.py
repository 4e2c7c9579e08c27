"""URLs: pages per app, the JSON API under /api/, the admin for reference data."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from pinspect.web import national_picture
from pinspect.web.api import api
from pinspect.web.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
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
    path("national/", national_picture.national_page, name="national"),
    re_path(
        r"^national/export\.(?P<extension>csv|parquet)$",
        national_picture.national_export,
        name="national-export",
    ),
    path("consistency/", include("pinspect.web.consistency.urls")),
    path("calibration/", include("pinspect.web.calibration.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

# Errors in words, JSON on the API (pinspect.web.errors).
handler400 = "pinspect.web.errors.bad_request"
handler403 = "pinspect.web.errors.permission_denied"
handler404 = "pinspect.web.errors.not_found"
handler500 = "pinspect.web.errors.server_error"
