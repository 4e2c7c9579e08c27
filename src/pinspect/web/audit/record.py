"""Writing audit events: one per changed field, in the caller's transaction.

:func:`record_fields` writes every changed field of one object with a single ``INSERT``;
:func:`record_field` and :func:`record_changes` are its one-field and mapping forms.
Events are only ever inserted, each chained to the one before by hash
(:func:`pinspect.web.audit.chain.append`); the model and the database refuse updates and
deletes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from pinspect.web.audit.chain import append
from pinspect.web.audit.models import AuditEvent

__all__ = ["record_changes", "record_field", "record_fields"]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def record_fields(
    *,
    actor: Any,
    inspection: Any,
    obj: Any,
    changes: Iterable[tuple[str, Any, Any]],
    label: str = "",
) -> list[AuditEvent]:
    """Record each ``(field, old, new)`` of ``obj`` whose old and new values differ, in the
    order given, with one ``INSERT``. Must run inside the transaction that makes the
    change."""
    changed = [(field, _text(old), _text(new)) for field, old, new in changes]
    changed = [(field, old, new) for field, old, new in changed if old != new]
    if not changed:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit events are written in the transaction that makes the change")
    who = actor if getattr(actor, "is_authenticated", False) else None
    object_type = obj._meta.label_lower
    object_id = str(obj.pk)
    object_label = label or str(obj)[:120]
    events = [
        AuditEvent(
            actor=who,
            inspection=inspection,
            object_type=object_type,
            object_id=object_id,
            object_label=object_label,
            field=field,
            old=old,
            new=new,
        )
        for field, old, new in changed
    ]
    return append(events)


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
    events = record_fields(
        actor=actor, inspection=inspection, obj=obj, changes=[(field, old, new)], label=label
    )
    return events[0] if events else None


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
    return record_fields(
        actor=actor,
        inspection=inspection,
        obj=obj,
        changes=[(name, old.get(name), new.get(name)) for name in sorted(set(old) | set(new))],
        label=label,
    )
