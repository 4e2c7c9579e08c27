from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "pinspect.web.audit"
    label = "audit"

    def ready(self) -> None:
        from pinspect.web.audit.triggers import ensure_triggers  # noqa: PLC0415

        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="pinspect-audit-triggers")
