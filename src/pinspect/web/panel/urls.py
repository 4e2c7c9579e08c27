from django.urls import path

from pinspect.web.panel import views

app_name = "panel"
urlpatterns = [
    path("<int:inspection_id>/", views.panel, name="panel"),
    path("<int:inspection_id>/decisions/", views.decide, name="decide"),
    path("<int:inspection_id>/sign-off/", views.sign, name="sign_off"),
    path("<int:inspection_id>/reopen/", views.reopen_sign_off, name="reopen"),
]
