from django.urls import path

from pinspect.web.consistency import views

app_name = "consistency"
urlpatterns = [
    path("mine/", views.my_second_markings, name="mine"),
    path("second-marking/<int:qa_case_id>/", views.second_marking, name="second_marking"),
    path("<int:inspection_id>/", views.sample_page, name="sample"),
    path("<int:inspection_id>/draw/", views.draw_sample, name="draw"),
    path("<int:inspection_id>/agreement/", views.agreement_page, name="agreement"),
    path("<int:inspection_id>/moderate/", views.moderate_disagreement, name="moderate"),
]
