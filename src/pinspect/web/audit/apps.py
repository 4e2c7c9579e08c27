from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "pinspect.web.audit"
    label = "audit"
