from django.urls import path

from pinspect.web.inspections import manage, views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", manage.create, name="create"),
    path("<int:inspection_id>/", views.overview, name="overview"),
    path("<int:inspection_id>/results/", views.results, name="results"),
    path("<int:inspection_id>/status/", manage.status, name="status"),
    path("<int:inspection_id>/team/", manage.team, name="team"),
]
