from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "pinspect.web.evidence"
    label = "evidence"
