"""Creating an inspection in the application: site staff, and anyone allowed to lead
inspections of the unit (:class:`~pinspect.web.organisations.models.UnitLead`).

The inspection starts in set-up. The chosen lead inspector joins its team as lead; the person
creating it, when someone else, joins as admin so that it is in their list at once. The
inspection, its team and their audit events are written in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pinspect.web.audit.record import record_changes, record_field
from pinspect.web.inspections.models import Inspection, Membership, Role, Status

__all__ = ["create_inspection"]

_AUDITED = ("title", "framework_id", "window_start", "window_end", "status", "mock")


def create_inspection(inspection: Inspection, *, lead: Any, actor: Any) -> Inspection:
    """Save the new (validated, unsaved) inspection with its lead and creator on its team."""
    inspection.status = Status.SET_UP
    with transaction.atomic():
        inspection.save()
        new = {name: getattr(inspection, name) for name in _AUDITED}
        new["unit"] = inspection.unit_id
        record_changes(actor=actor, inspection=inspection, obj=inspection, old={}, new=new)
        members = [(lead, Role.LEAD)]
        if actor.pk != lead.pk:
            members.append((actor, Role.ADMIN))
        for user, role in members:
            membership = Membership.objects.create(inspection=inspection, user=user, role=role)
            record_field(
                actor=actor,
                inspection=inspection,
                obj=membership,
                field="role",
                old="",
                new=role,
                label=f"team member {user.username}",
            )
    return inspection
