"""An inspection's status: set-up → fieldwork → ratings panel → published.

The lead inspector (or an admin) moves it forward one step at a time as far as the panel,
through the gate in front of each step (:mod:`pinspect.web.inspections.gates`), or back one
step with a recorded reason. A move to the panel with sample cases still open needs the
reason too: it is kept on the inspection (``open_cases``, ``open_cases_reason``) for the
report and audited. Publishing is not a move made here: the ratings panel
publishes once it has signed off. Every move is one audit event (old and new status), and a
move back a second one holding the reason, written in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from pinspect.web.audit.record import record_field
from pinspect.web.inspections.gates import GateRefusal, facts_of, gate_for
from pinspect.web.inspections.models import STATUS_ORDER, Inspection, Status

__all__ = ["GateShutError", "Move", "StatusMoveError", "move_status", "moves_from"]

#: The furthest status this page moves an inspection to.
_LAST_HERE = Status.PANEL


class StatusMoveError(Exception):
    """The move is not allowed (or the status changed meanwhile); ``field`` is at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class GateShutError(StatusMoveError):
    """The gate in front of the move is shut; ``refusal`` holds every reason."""

    def __init__(self, refusal: GateRefusal) -> None:
        super().__init__("; ".join(refusal.reasons), "target")
        self.refusal = refusal


@dataclass(frozen=True)
class Move:
    target: str
    label: str
    backward: bool


def moves_from(status: str) -> list[Move]:
    """The moves offered from ``status``: the next step (up to the panel) and the step back
    (not from published: that belongs to the panel and report)."""
    index = STATUS_ORDER.index(status)
    labels = dict(Status.choices)
    moves = []
    if index + 1 <= STATUS_ORDER.index(_LAST_HERE):
        target = STATUS_ORDER[index + 1]
        moves.append(Move(target, f"Move forward to {labels[target].lower()}", False))
    if 0 < index <= STATUS_ORDER.index(_LAST_HERE):
        target = STATUS_ORDER[index - 1]
        moves.append(Move(target, f"Move back to {labels[target].lower()}", True))
    return moves


def move_status(
    inspection: Any, *, expected: str, target: str, reason: str, actor: Any
) -> Inspection:
    """Move the inspection from ``expected`` (the status the user saw) to ``target``."""
    reason = reason.strip()
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.status != expected:
            raise StatusMoveError(
                "The status was changed by someone else since the page was shown: it is now "
                f"{locked.get_status_display().lower()}",
                "target",
            )
        move = next((m for m in moves_from(locked.status) if m.target == target), None)
        if move is None:
            raise StatusMoveError("Choose one of the moves offered", "target")
        if move.backward and not reason:
            raise StatusMoveError("Enter the reason for moving the inspection back", "reason")
        refusal = None if move.backward else gate_for(target, facts_of(locked))
        open_cases = 0
        if refusal is not None:
            if not (refusal.only_open_cases and reason):
                raise GateShutError(refusal)
            open_cases = refusal.open_cases
        old = locked.status
        locked.status = target
        changed = ["status"]
        if target == Status.PANEL:
            kept = reason if open_cases else ""
            for field, new in (("open_cases", open_cases), ("open_cases_reason", kept)):
                record_field(
                    actor=actor,
                    inspection=locked,
                    obj=locked,
                    field=field,
                    old=getattr(locked, field),
                    new=new,
                )
                setattr(locked, field, new)
                changed.append(field)
        locked.save(update_fields=changed)
        record_field(
            actor=actor, inspection=locked, obj=locked, field="status", old=old, new=target
        )
        if reason:
            record_field(
                actor=actor,
                inspection=locked,
                obj=locked,
                field="status_reason",
                old="",
                new=reason,
            )
    return locked
