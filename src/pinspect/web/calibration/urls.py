from django.urls import path

from pinspect.web.calibration import views

app_name = "calibration"
urlpatterns = [
    path("", views.my_calibration, name="mine"),
    path("mark/<int:exercise_id>/", views.mark_exercise, name="mark"),
    path("exercises/", views.exercises_page, name="exercises"),
    path("exercises/create/", views.create, name="create"),
    path("exercises/<int:exercise_id>/", views.exercise_page, name="exercise"),
    path("exercises/<int:exercise_id>/publish/", views.publish_exercise, name="publish"),
]
