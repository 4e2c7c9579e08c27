"""Writing audit events: one per changed field, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from pinspect.web.audit.models import AuditEvent

__all__ = ["record_changes", "record_field"]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def record_field(
    *,
    actor: Any,
    inspection: Any,
    obj: Any,
    field: str,
    old: Any,
    new: Any,
    label: str = "",
) -> AuditEvent | None:
    """Record one field's change (nothing when old and new are equal). Must run inside the
    transaction that makes the change."""
    if _text(old) == _text(new):
        return None
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit events are written in the transaction that makes the change")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        inspection=inspection,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=label or str(obj)[:120],
        field=field,
        old=_text(old),
        new=_text(new),
    )


def record_changes(
    *,
    actor: Any,
    inspection: Any,
    obj: Any,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    label: str = "",
) -> list[AuditEvent]:
    """Record every field whose value differs between ``old`` and ``new``."""
    events = []
    for name in sorted(set(old) | set(new)):
        event = record_field(
            actor=actor,
            inspection=inspection,
            obj=obj,
            field=name,
            old=old.get(name),
            new=new.get(name),
            label=label,
        )
        if event is not None:
            events.append(event)
    return events
