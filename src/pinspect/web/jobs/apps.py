from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "pinspect.web.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
