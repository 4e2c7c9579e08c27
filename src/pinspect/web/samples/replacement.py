"""Replacing a sample case from the reserve list, with a recorded reason.

A case that cannot be inspected (not yet complete) is *withdrawn* — kept on record with the
time and reason, counted in neither progress nor results — and a reserve case takes its
place in the sample, assigned to the same inspector. By default that is the highest-ranked
(lowest rank number) unused reserve case of the withdrawn case's sample and stratum, which
keeps the stratification (docs/sampling.md, "Reserve"); the lead inspector may choose
another reserve case instead. Open during set-up and fieldwork. One transaction: the
withdrawal, the move into the sample, the :class:`~pinspect.web.samples.models.Replacement`
record and the audit events of both cases.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from pinspect.web.assessments.models import CaseStatus, SampledCase
from pinspect.web.audit.record import record_field
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.samples.models import Replacement

__all__ = [
    "ReplacementRefusedError",
    "next_reserve",
    "replace_case",
    "replaceable_cases",
    "replacement_refusal",
    "reserve_cases",
]

OPEN_STATUSES = frozenset({Status.SET_UP, Status.FIELDWORK})


class ReplacementRefusedError(Exception):
    """The replacement cannot be made; ``field`` is the form field at fault (or None)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def replacement_refusal(inspection: Any) -> str | None:
    if inspection.status not in OPEN_STATUSES:
        return (
            "Cases can be replaced only during set-up and fieldwork; this inspection is in "
            f"{inspection.get_status_display().lower()}."
        )
    return None


def replaceable_cases(inspection: Any) -> Any:
    """Sample cases that may be withdrawn: in the sample, not withdrawn, not complete."""
    return (
        SampledCase.objects.filter(
            inspection=inspection, reserve_rank__isnull=True, withdrawn_at__isnull=True
        )
        .exclude(status=CaseStatus.COMPLETE)
        .select_related("assigned_to")
        .order_by("reference")
    )


def reserve_cases(inspection: Any) -> Any:
    """The unused reserve, in rank order."""
    return SampledCase.objects.filter(inspection=inspection, reserve_rank__isnull=False).order_by(
        "sample", "reserve_rank", "reference"
    )


def next_reserve(inspection: Any, *, sample: str, stratum: str) -> SampledCase | None:
    """The highest-ranked unused reserve case of the sample and stratum (docs/sampling.md)."""
    found: SampledCase | None = (
        reserve_cases(inspection).filter(sample=sample, stratum=stratum).select_for_update().first()
    )
    return found


def replace_case(
    inspection: Any,
    *,
    case_id: int,
    reserve_id: int | None,
    reason: str,
    actor: Any,
) -> Replacement:
    """Withdraw case ``case_id`` and move the reserve case ``reserve_id`` (None: the next of
    its stratum) into the sample. Raises :class:`ReplacementRefusedError`, changing nothing."""
    reason = reason.strip()
    if not reason:
        raise ReplacementRefusedError("Enter the reason the case is replaced", "reason")
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        refusal = replacement_refusal(locked)
        if refusal is not None:
            raise ReplacementRefusedError(refusal)
        case = replaceable_cases(locked).select_for_update(of=("self",)).filter(pk=case_id).first()
        if case is None:
            raise ReplacementRefusedError(
                "Choose a sample case that is not complete or already replaced", "case"
            )
        if reserve_id is None:
            reserve = next_reserve(locked, sample=case.sample, stratum=case.stratum)
            if reserve is None:
                raise ReplacementRefusedError(
                    f"No reserve case of the stratum {case.stratum} is left: choose a reserve case",
                    "reserve",
                )
        else:
            reserve = (
                reserve_cases(locked)
                .filter(pk=reserve_id, sample=case.sample)
                .select_for_update()
                .first()
            )
            if reserve is None:
                raise ReplacementRefusedError(
                    "Choose an unused reserve case of the same sample", "reserve"
                )
        now = timezone.now()
        case.withdrawn_at = now
        case.withdrawn_reason = reason
        case.save(update_fields=("withdrawn_at", "withdrawn_reason", "updated_at"))
        rank = reserve.reserve_rank
        old_assignee = reserve.assigned_to
        reserve.reserve_rank = None
        reserve.assigned_to = case.assigned_to
        reserve.save(update_fields=("reserve_rank", "assigned_to", "updated_at"))
        replacement = Replacement.objects.create(
            inspection=locked,
            withdrawn=case,
            replacement=reserve,
            reserve_rank=rank or 0,
            reason=reason,
            replaced_by=actor,
        )
        for field, old, new in (
            ("withdrawn_at", "", now.isoformat(timespec="seconds")),
            ("withdrawn_reason", "", reason),
            ("replaced_with", "", reserve.reference),
        ):
            record_field(actor=actor, inspection=locked, obj=case, field=field, old=old, new=new)
        changes: tuple[tuple[str, Any, Any], ...] = (
            ("reserve_rank", rank, None),
            ("replaces", "", case.reference),
            ("assigned_to", old_assignee, reserve.assigned_to),
        )
        for field, old, new in changes:
            record_field(actor=actor, inspection=locked, obj=reserve, field=field, old=old, new=new)
    return replacement
