"""Assigning sample cases to the inspection's assessors (admin, lead inspector, inspectors).

Only changed assignments are saved, each with an audit event (old and new assignee). Each
change carries the assignee the page showed: if someone else has changed that case in the
meantime, nothing is saved and the cases are named, so no one overwrites another's change
unseen. Open during set-up and fieldwork.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from pinspect.sampling.sharing import Sharing, share_evenly
from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.record import record_field
from pinspect.web.inspections.models import Inspection, Membership, Role, Status

__all__ = [
    "ASSESSING_ROLES",
    "AssignmentClosedError",
    "AssignmentConflictError",
    "Change",
    "assessors",
    "assign_selected",
    "assignable_cases",
    "assignment_refusal",
    "save_assignments",
    "share_unassigned",
]

ASSESSING_ROLES = (Role.ADMIN, Role.LEAD, Role.INSPECTOR)
OPEN_STATUSES = frozenset({Status.SET_UP, Status.FIELDWORK})


class AssignmentClosedError(Exception):
    """The inspection's status does not allow assigning cases now."""


class AssignmentConflictError(Exception):
    """Nothing was saved; ``references`` were changed by someone else, or ``invalid`` name
    an assignee who may not assess cases of this inspection."""

    def __init__(self, references: list[str], invalid: list[str]) -> None:
        super().__init__(", ".join(references + invalid))
        self.references = references
        self.invalid = invalid


@dataclass(frozen=True)
class Change:
    """The assignee shown (``was``) and the one chosen (``new``); user ids, None unassigned."""

    was: int | None
    new: int | None


def assignment_refusal(inspection: Any) -> str | None:
    if inspection.status not in OPEN_STATUSES:
        return (
            "Cases can be assigned only during set-up and fieldwork; this inspection is in "
            f"{inspection.get_status_display().lower()}."
        )
    return None


def assessors(inspection: Any) -> list[Any]:
    """Members who may assess cases, by username."""
    ids = Membership.objects.filter(inspection=inspection, role__in=ASSESSING_ROLES).values(
        "user_id"
    )
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("username"))


def assignable_cases(inspection: Any) -> Any:
    """The cases in the sample (not the reserve, not withdrawn), by reference."""
    return (
        SampledCase.objects.filter(
            inspection=inspection, reserve_rank__isnull=True, withdrawn_at__isnull=True
        )
        .select_related("assigned_to")
        .order_by("reference")
    )


def assign_selected(
    inspection: Any, case_ids: Iterable[int], user_id: int | None, *, actor: Any
) -> int:
    """Give every chosen case of the sample to one assessor (None: unassign them); audited
    per case. Returns how many changed."""
    cases = assignable_cases(inspection).filter(pk__in=list(case_ids))
    changes = {c.pk: Change(was=c.assigned_to_id, new=user_id) for c in cases}
    return save_assignments(inspection, changes, actor=actor)


def share_unassigned(inspection: Any, *, cap: int, actor: Any) -> Sharing:
    """Share the sample's unassigned cases evenly among the inspection's inspectors (role
    inspector), at most ``cap`` cases of one practitioner each (setting
    ``assign_max_per_practitioner``); audited per case. Returns the sharing made."""
    role_inspector = set(
        Membership.objects.filter(inspection=inspection, role=Role.INSPECTOR).values_list(
            "user_id", flat=True
        )
    )
    inspectors = [u.pk for u in assessors(inspection) if u.pk in role_inspector]
    if not inspectors:
        raise AssignmentClosedError("Add an inspector to the team before sharing out cases")
    cases = list(assignable_cases(inspection).select_related("practitioner"))
    token = {c.pk: getattr(getattr(c, "practitioner", None), "token", None) for c in cases}
    load = Counter(c.assigned_to_id for c in cases if c.assigned_to_id is not None)
    held: Counter[tuple[int, str]] = Counter()
    for c in cases:
        practitioner = token[c.pk]
        if c.assigned_to_id is not None and practitioner is not None:
            held[(c.assigned_to_id, practitioner)] += 1
    sharing = share_evenly(
        [(c.pk, token[c.pk]) for c in cases if c.assigned_to_id is None],
        inspectors,
        load=load,
        held=held,
        cap=cap,
    )
    changes = {pk: Change(was=None, new=user) for pk, user in sharing.assigned.items()}
    save_assignments(inspection, changes, actor=actor)
    return sharing


def save_assignments(inspection: Any, changes: Mapping[int, Change], *, actor: Any) -> int:
    """Apply the changed assignments (case id → change); return how many were saved."""
    wanted = {pk: c for pk, c in changes.items() if c.was != c.new}
    if not wanted:
        return 0
    allowed = {user.pk: user for user in assessors(inspection)}
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        refusal = assignment_refusal(locked)
        if refusal is not None:
            raise AssignmentClosedError(refusal)
        cases = list(
            SampledCase.objects.filter(
                inspection=locked,
                pk__in=wanted,
                reserve_rank__isnull=True,
                withdrawn_at__isnull=True,
            )
            .select_for_update()
            .order_by("reference")
        )
        stale = [c.reference for c in cases if c.assigned_to_id != wanted[c.pk].was]
        invalid = [
            c.reference
            for c in cases
            if wanted[c.pk].new is not None and wanted[c.pk].new not in allowed
        ]
        if stale or invalid:
            raise AssignmentConflictError(stale, invalid)
        for case in cases:
            old = case.assigned_to
            new_id = wanted[case.pk].new
            case.assigned_to = None if new_id is None else allowed[new_id]
            case.save(update_fields=("assigned_to", "updated_at"))
            record_field(
                actor=actor,
                inspection=locked,
                obj=case,
                field="assigned_to",
                old=old,
                new=case.assigned_to,
            )
    return len(cases)
