from django.urls import path

from pinspect.web.organisations import summary_views, trend, views

app_name = "organisations"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("import/", views.unit_import, name="import"),
    path("<int:unit_id>/summary/", summary_views.unit_summary, name="summary"),
    path("<int:unit_id>/trend/", trend.unit_trend_page, name="trend"),
]
