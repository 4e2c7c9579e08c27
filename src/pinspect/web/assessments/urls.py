from django.urls import path

from pinspect.web.assessments import views

app_name = "assessments"
urlpatterns = [
    path("mine/", views.my_cases, name="mine"),
    path("<int:case_id>/", views.assess_case, name="case"),
    path("<int:case_id>/start/", views.start_case, name="start"),
    path("<int:case_id>/standards/<str:standard_id>/", views.assess_standard, name="standard"),
]
