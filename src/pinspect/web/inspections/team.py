"""The inspection team: add a member, change a member's role, remove a member.

Each change is one audit event on the membership (old role → new role; blank for a member
added or removed), in the same transaction. Two guards keep the inspection workable: it
always keeps a member who can manage it (admin or lead inspector), and a member with cases
assigned in the sample cannot be removed or given a role that cannot assess them until the
cases are reassigned.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.record import record_field
from pinspect.web.inspections.models import Inspection, Membership, Role

__all__ = [
    "MANAGING_ROLES",
    "TeamChangeError",
    "add_member",
    "candidates",
    "change_role",
    "remove_member",
]

MANAGING_ROLES = frozenset({Role.ADMIN, Role.LEAD})
_ASSESSING_ROLES = frozenset({Role.ADMIN, Role.LEAD, Role.INSPECTOR})


class TeamChangeError(Exception):
    """The change is refused; ``field`` is the form field at fault (or None)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _label(membership: Membership) -> str:
    return f"team member {membership.user.username}"


def _record(actor: Any, inspection: Any, membership: Membership, old: str, new: str) -> None:
    record_field(
        actor=actor,
        inspection=inspection,
        obj=membership,
        field="role",
        old=old,
        new=new,
        label=_label(membership),
    )


def _assigned_cases(inspection: Any, user: Any) -> int:
    return SampledCase.objects.filter(
        inspection=inspection,
        assigned_to=user,
        reserve_rank__isnull=True,
        withdrawn_at__isnull=True,
    ).count()


def _keeps_a_manager(inspection: Any, membership: Membership, new_role: str | None) -> bool:
    others = (
        Membership.objects.filter(inspection=inspection, role__in=MANAGING_ROLES)
        .exclude(pk=membership.pk)
        .exists()
    )
    return others or new_role in MANAGING_ROLES


def _locked_member(inspection: Any, membership_id: int) -> tuple[Any, Membership]:
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    membership = (
        Membership.objects.select_related("user")
        .filter(inspection=locked, pk=membership_id)
        .first()
    )
    if membership is None:
        raise TeamChangeError("Choose a member of this inspection's team", "membership")
    return locked, membership


MAX_CANDIDATES = 200


def candidates(inspection: Any, query: str = "") -> list[Any]:
    """Active people not on the team, by username, whose username or name contains
    ``query`` (the first :data:`MAX_CANDIDATES`)."""
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(memberships__inspection=inspection)
        .order_by("username")
    )
    if query:
        people = people.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    return list(people[:MAX_CANDIDATES])


def add_member(inspection: Any, *, username: str, role: str, actor: Any) -> Membership:
    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise TeamChangeError("There is no active user with that username", "username")
    if role not in Role.values:
        raise TeamChangeError("Choose a role", "role")
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if Membership.objects.filter(inspection=locked, user=user).exists():
            raise TeamChangeError(
                f"{user.username} is already on the team: change their role instead", "username"
            )
        membership = Membership.objects.create(inspection=locked, user=user, role=role)
        _record(actor, locked, membership, "", role)
    return membership


def change_role(inspection: Any, *, membership_id: int, role: str, actor: Any) -> Membership:
    if role not in Role.values:
        raise TeamChangeError("Choose a role", "role")
    with transaction.atomic():
        locked, membership = _locked_member(inspection, membership_id)
        old = membership.role
        if old == role:
            return membership
        if not _keeps_a_manager(locked, membership, role):
            raise TeamChangeError(
                "The inspection must keep an admin or lead inspector: add another first", "role"
            )
        if role not in _ASSESSING_ROLES and _assigned_cases(locked, membership.user):
            raise TeamChangeError(
                f"{membership.user.username} has cases assigned: reassign them first", "role"
            )
        membership.role = role
        membership.save(update_fields=("role",))
        _record(actor, locked, membership, old, role)
    return membership


def remove_member(inspection: Any, *, membership_id: int, actor: Any) -> str:
    """Remove the member; returns their username."""
    with transaction.atomic():
        locked, membership = _locked_member(inspection, membership_id)
        if not _keeps_a_manager(locked, membership, None):
            raise TeamChangeError(
                "The inspection must keep an admin or lead inspector: add another first",
                "membership",
            )
        if _assigned_cases(locked, membership.user):
            raise TeamChangeError(
                f"{membership.user.username} has cases assigned: reassign them first",
                "membership",
            )
        username = membership.user.username
        _record(actor, locked, membership, membership.role, "")
        membership.delete()
    return username
