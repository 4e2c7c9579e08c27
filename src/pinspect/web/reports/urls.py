from django.urls import path

from pinspect.web.jobs import views as jobs
from pinspect.web.reports import views

app_name = "reports"
urlpatterns = [
    path("<int:inspection_id>/", views.report, name="report"),
    # The PDF and the data annex are made in the background (pinspect.web.jobs).
    path("<int:inspection_id>/pdf/", jobs.pdf_page, name="pdf"),
    path("<int:inspection_id>/pdf/progress/", jobs.pdf_progress, name="pdf_progress"),
    path("<int:inspection_id>/pdf/file/", jobs.pdf_download, name="pdf_file"),
    path("<int:inspection_id>/annex/<str:fmt>/", jobs.annex_page, name="annex"),
    path(
        "<int:inspection_id>/annex/<str:fmt>/progress/", jobs.annex_progress, name="annex_progress"
    ),
    path("<int:inspection_id>/annex/<str:fmt>/file/", jobs.annex_download, name="annex_file"),
    path("<int:inspection_id>/recommendations/", views.recommendations, name="recommendations"),
    path(
        "<int:inspection_id>/recommendations/<int:recommendation_id>/",
        views.recommendation,
        name="recommendation",
    ),
    path(
        "<int:inspection_id>/recommendations/<int:recommendation_id>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path("<int:inspection_id>/publish/", views.publication, name="publish"),
]
