from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "pinspect.web.assessments"
    label = "assessments"
