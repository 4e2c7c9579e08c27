from django.apps import AppConfig


class SamplesConfig(AppConfig):
    name = "pinspect.web.samples"
    label = "samples"
