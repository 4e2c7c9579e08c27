from django.urls import path

from pinspect.web.evidence import judgement_pages, views

app_name = "evidence"
urlpatterns = [
    path("<int:inspection_id>/", views.evidence_log, name="log"),
    path("<int:inspection_id>/add/", views.add_evidence, name="add"),
    path("<int:inspection_id>/documents/upload/", views.upload_document, name="upload"),
    path("<int:inspection_id>/documents/<int:item_id>/", views.document, name="document"),
    path("<int:inspection_id>/items/<int:item_id>/", views.item_page, name="item"),
    path("<int:inspection_id>/survey/", views.survey_results, name="survey"),
    path("<int:inspection_id>/survey/import/", views.import_survey_page, name="survey_import"),
    # The import runs in the background (pinspect.web.evidence.survey_job): its page, progress.
    path("<int:inspection_id>/survey/import/job/", views.survey_job, name="survey_job"),
    path(
        "<int:inspection_id>/survey/import/job/progress/",
        views.survey_job_progress,
        name="survey_job_progress",
    ),
    path("<int:inspection_id>/prompts/", views.prompt_evidence, name="prompts"),
    path("<int:inspection_id>/judgements/", judgement_pages.judgement_index, name="judgements"),
    path(
        "<int:inspection_id>/judgements/<str:standard_id>/",
        judgement_pages.judgement_page,
        name="judgement",
    ),
]
