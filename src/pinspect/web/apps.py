"""The project itself as an app: base templates, GOV.UK Frontend assets, SQLite WAL mode."""

from __future__ import annotations

from django.apps import AppConfig
from django.db.backends.signals import connection_created

from pinspect.web.storage import enable_sqlite_wal


class WebConfig(AppConfig):
    name = "pinspect.web"
    label = "web"
    verbose_name = "pinspect"

    def ready(self) -> None:
        connection_created.connect(enable_sqlite_wal, dispatch_uid="pinspect-sqlite-wal")
