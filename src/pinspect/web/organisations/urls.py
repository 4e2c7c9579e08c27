from django.urls import path

from pinspect.web.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("import/", views.unit_import, name="import"),
]
