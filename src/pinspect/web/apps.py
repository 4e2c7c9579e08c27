"""The project itself as an app: base templates, GOV.UK Frontend assets, SQLite WAL mode, the
text rule on every model save, the deployment checks."""

from __future__ import annotations

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_save

from pinspect.web.storage import enable_sqlite_wal
from pinspect.web.text_rules import refuse_unstorable_text


class WebConfig(AppConfig):
    name = "pinspect.web"
    label = "web"
    verbose_name = "pinspect"

    def ready(self) -> None:
        connection_created.connect(enable_sqlite_wal, dispatch_uid="pinspect-sqlite-wal")
        pre_save.connect(refuse_unstorable_text, dispatch_uid="pinspect-text-rules")
        import pinspect.web.checks  # noqa: F401, PLC0415 - registers the deployment checks
