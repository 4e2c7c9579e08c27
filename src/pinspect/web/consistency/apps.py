from django.apps import AppConfig


class ConsistencyConfig(AppConfig):
    name = "pinspect.web.consistency"
    label = "consistency"
