"""One row per changed field. Written in the same transaction as the change (see
:func:`pinspect.web.audit.record`), so a change and its record commit or fail together."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit history is never deleted")

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit history is never changed")


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, null=True, related_name="audit_events"
    )
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    object_label = models.CharField(max_length=120, blank=True)
    field = models.CharField(max_length=80)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("object_type", "object_id")),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_type} {self.object_id} {self.field}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit history is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit history is never deleted")
