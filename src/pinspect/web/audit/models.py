"""One row per changed field. Written in the same transaction as the change (see
:func:`pinspect.web.audit.record`), so a change and its record commit or fail together, and
chained by hash (:mod:`pinspect.web.audit.chain`). Append-only three times over: the model and
its querysets refuse changes, and database triggers refuse ``UPDATE`` and ``DELETE``
(:mod:`pinspect.web.audit.triggers`)."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit history is never deleted")

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit history is never changed")


class AuditEvent(models.Model):
    # Set by the chain before the event is hashed (not auto_now_add, which would set it after).
    at = models.DateTimeField(default=timezone.now, db_index=True)
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
    # Place in the chain (1, 2, …), the previous event's hash and this event's hash.
    seq = models.PositiveBigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("object_type", "object_id")),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_type} {self.object_id} {self.field}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit history is never changed")
        raise PermissionError("audit events are written by pinspect.web.audit.record only")

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit history is never deleted")
