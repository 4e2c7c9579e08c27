from django.urls import path

from pinspect.web.samples import views

app_name = "samples"
urlpatterns = [
    path("<int:inspection_id>/", views.sample, name="sample"),
    path("<int:inspection_id>/draw/", views.draw, name="draw"),
    path("<int:inspection_id>/prepared/", views.prepared, name="prepared"),
    path("<int:inspection_id>/key/", views.key, name="key"),
    path("<int:inspection_id>/replace/", views.replace, name="replace"),
    path("<int:inspection_id>/assign/", views.assign, name="assign"),
]
