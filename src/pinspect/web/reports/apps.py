from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pinspect.web.reports"
    label = "reports"
