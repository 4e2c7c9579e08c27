from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "pinspect.web.inspections"
    label = "inspections"
