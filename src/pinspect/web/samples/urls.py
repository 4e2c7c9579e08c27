from django.urls import path

from pinspect.web.samples import views

app_name = "samples"
urlpatterns = [
    path("<int:inspection_id>/", views.sample, name="sample"),
    path("<int:inspection_id>/draw/", views.draw, name="draw"),
    # The draw runs in the background (pinspect.web.samples.draw_job): its page and progress.
    path("<int:inspection_id>/draw/job/", views.draw_job, name="draw_job"),
    path(
        "<int:inspection_id>/draw/job/progress/",
        views.draw_job_progress,
        name="draw_job_progress",
    ),
    path("<int:inspection_id>/prepared/", views.prepared, name="prepared"),
    path("<int:inspection_id>/key/", views.key, name="key"),
    path("<int:inspection_id>/replace/", views.replace, name="replace"),
    path("<int:inspection_id>/assign/", views.assign, name="assign"),
]
