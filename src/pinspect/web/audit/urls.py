from django.urls import path

from pinspect.web.audit import views

app_name = "audit"
urlpatterns = [
    path("inspections/<int:inspection_id>/", views.inspection_trail, name="inspection"),
    path("cases/<int:case_id>/", views.case_trail, name="case"),
]
