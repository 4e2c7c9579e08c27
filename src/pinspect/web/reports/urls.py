from django.urls import path

from pinspect.web.reports import views

app_name = "reports"
urlpatterns = [
    path("<int:inspection_id>/", views.report, name="report"),
    path("<int:inspection_id>/pdf/", views.report_pdf, name="pdf"),
    path("<int:inspection_id>/annex/<str:fmt>/", views.report_annex, name="annex"),
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
