"""The ratings panel's decisions: verify or depart per standard and overall, sign off, reopen.

Seed 001 §4.16, §4.17: the lead inspector proposes domain-one ratings "to the panel in a
structured process, for verification"; "It will be the panel's job to ensure that ratings are
evidence based and fully reflect the balance of evidence and issues". Seed 001 §4.24: a
departure from the scoring rules is "agreed through the HMI Probation ratings panel, with the
reasons being clearly set out" — the core's :class:`~pinspect.ratings.departure.Departure`
refuses one without a reason, and this module builds every departure through it.

Every write runs in one transaction with its audit events; nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pinspect.frameworks.model import RatedBy
from pinspect.ratings.departure import OVERALL, Departure
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.standard import StandardResult
from pinspect.scale.banding import BandingKind
from pinspect.scale.rating import Rating
from pinspect.web.audit.record import record_changes, record_field
from pinspect.web.evidence.judgements import Proposal, proposed_ratings
from pinspect.web.inspections.models import Membership, Role
from pinspect.web.inspections.results import inspection_result
from pinspect.web.panel.departures import current_sign_off, is_signed_off
from pinspect.web.panel.models import DecisionKind, PanelDecision, PanelSignOff

__all__ = [
    "PanelError",
    "PanelRow",
    "panel_members",
    "panel_rows",
    "record_decision",
    "reopen",
    "sign_off",
    "undecided",
]


class PanelError(ValueError):
    """A panel action refused, with the message to show and the form field it concerns."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class PanelRow:
    """One target of the panel: a rated standard or the overall rating, what was computed (or
    proposed) for it now, and the panel's current decision."""

    target: str
    name: str
    rated_by: str
    computed: Rating | None
    final: Rating | None
    standard: StandardResult | None
    proposal: Proposal | None
    decision: PanelDecision | None

    @property
    def out_of_date(self) -> bool:
        """The decision was taken on a rating that is no longer the computed one."""
        return self.decision is not None and self.decision.computed != self.computed

    @property
    def decided(self) -> bool:
        return self.decision is not None and not self.out_of_date

    @property
    def cannot_decide(self) -> str:
        """Why no decision can be taken on this target now ('' when one can)."""
        if self.computed is not None:
            return ""
        if self.target == OVERALL:
            return "The overall rating cannot be computed yet: every scored standard needs a rating"
        if self.rated_by == RatedBy.JUDGEMENT.value:
            return f"{self.target} has no proposed rating: the lead inspector proposes one first"
        return f"{self.target} is not rated: {self.standard.reason if self.standard else ''}"


def _is_target(standard: StandardResult) -> bool:
    return standard.rated_by is not RatedBy.NOT_RATED


def panel_rows(inspection: Any, result: InspectionResult | None = None) -> list[PanelRow]:
    """Every rated standard of the inspection, then the overall rating (when the framework
    has one), each with its computed or proposed rating and current decision."""
    result = result or inspection_result(inspection)
    proposals = proposed_ratings(inspection)
    decisions = {
        d.target: d
        for d in PanelDecision.objects.filter(inspection=inspection, superseded_at__isnull=True)
        .select_related("recorded_by")
        .prefetch_related("decided_by")
    }
    rows = [
        PanelRow(
            target=s.id,
            name=s.name,
            rated_by=s.rated_by.value,
            computed=s.computed_rating,
            final=s.rating,
            standard=s,
            proposal=proposals.get(s.id),
            decision=decisions.get(s.id),
        )
        for s in result.standards
        if _is_target(s)
    ]
    if inspection.framework.banding.kind is not BandingKind.NONE:
        overall = result.overall
        rows.append(
            PanelRow(
                target=OVERALL,
                name="Overall rating",
                rated_by=OVERALL,
                computed=None if overall is None else overall.computed_rating,
                final=None if overall is None else overall.rating,
                standard=None,
                proposal=None,
                decision=decisions.get(OVERALL),
            )
        )
    return rows


def undecided(rows: Iterable[PanelRow]) -> list[str]:
    """The targets without a current decision (none, or one taken on another rating)."""
    return [row.target for row in rows if not row.decided]


def panel_members(inspection: Any) -> list[Any]:
    """The inspection's ratings panel members (users), by username."""
    return [
        m.user
        for m in Membership.objects.filter(inspection=inspection, role=Role.PANEL)
        .select_related("user")
        .order_by("user__username")
    ]


def _row(inspection: Any, target: str) -> PanelRow:
    for row in panel_rows(inspection):
        if row.target == target:
            return row
    raise PanelError(f"{target!r} is not a rated standard of this inspection", field="target")


def _locked_message(inspection: Any) -> str:
    signed = current_sign_off(inspection)
    by = signed.signed_by.username if signed else "the panel"
    return (
        f"The panel's ratings were signed off by {by}; reopen the sign-off, with a reason, "
        "before changing a decision"
    )


def record_decision(
    inspection: Any,
    target: str,
    *,
    depart: bool,
    final: Rating | None,
    reason: str,
    user: Any,
    present: Iterable[Any] = (),
) -> PanelDecision:
    """Verify the computed (or proposed) rating of ``target``, or depart from it with a final
    rating and reasons (001 §4.24). ``present`` are the other panel members who took the
    decision with ``user``. Refused (:class:`PanelError`) while the panel is signed off, for a
    target with nothing to verify, and for a departure without a final rating different from
    the computed one or without a reason."""
    with transaction.atomic():
        if is_signed_off(inspection):
            raise PanelError(_locked_message(inspection), field="decision")
        row = _row(inspection, target)
        if row.computed is None:
            raise PanelError(row.cannot_decide, field="decision")
        members = {m.pk: m for m in panel_members(inspection)}
        others = [m for m in present if m.pk != user.pk]
        strangers = [m.username for m in others if m.pk not in members]
        if strangers:
            raise PanelError(
                "Only the inspection's panel members can be recorded as present: "
                + ", ".join(strangers),
                field="present",
            )
        if depart:
            if final is None:
                raise PanelError(f"Choose the final rating for {target}", field="final")
            if final == row.computed:
                raise PanelError(
                    f"The final rating is the computed one ({final.label}): verify it instead",
                    field="final",
                )
            try:
                departure = Departure(target, final, reason)
            except ValueError as error:
                raise PanelError(str(error), field="reason") from error
            kind, final_rating, text = DecisionKind.DEPARTED, departure.final, departure.reason
        else:
            kind, final_rating, text = DecisionKind.VERIFIED, row.computed, reason.strip()
        now = timezone.now()
        old: dict[str, Any] = {}
        if row.decision is not None:
            previous = PanelDecision.objects.select_for_update().get(pk=row.decision.pk)
            previous.superseded_at = now
            previous.save(update_fields=["superseded_at"])
            old = _audited(previous)
            record_field(
                actor=user,
                inspection=inspection,
                obj=previous,
                field="superseded_at",
                old="",
                new=now.isoformat(),
                label=f"Panel decision on {target}",
            )
        try:
            with transaction.atomic():
                decision = PanelDecision.objects.create(
                    inspection=inspection,
                    target=target,
                    computed_rating=row.computed.value,
                    decision=kind,
                    final_rating=final_rating.value,
                    reason=text.strip(),
                    proposed_by=row.proposal.proposed_by if row.proposal else "",
                    recorded_by=user,
                    decided_at=now,
                )
        except IntegrityError as error:
            raise PanelError(
                f"Another panel member recorded a decision on {target} at the same time; "
                "nothing was saved: read their decision and decide again",
                field="decision",
            ) from error
        decision.decided_by.set([user, *others])
        record_changes(
            actor=user,
            inspection=inspection,
            obj=decision,
            old=old,
            new=_audited(decision),
            label=f"Panel decision on {target}",
        )
        return decision


def _audited(decision: PanelDecision) -> dict[str, Any]:
    return {
        "target": decision.target,
        "computed_rating": decision.computed.label,
        "decision": decision.decision,
        "final_rating": decision.final.label,
        "reason": decision.reason,
        "proposed_by": decision.proposed_by,
        "decided_by": ", ".join(sorted(u.username for u in decision.decided_by.all())),
    }


def sign_off(inspection: Any, user: Any) -> PanelSignOff:
    """Lock the panel's ratings. Refused unless every rated standard and the overall rating
    has a current decision (the refusal names those that do not)."""
    with transaction.atomic():
        if is_signed_off(inspection):
            raise PanelError("The panel's ratings are already signed off", field="sign_off")
        rows = panel_rows(inspection)
        missing = undecided(rows)
        if missing:
            raise PanelError(
                "The panel cannot sign off until every rating is decided; not decided: "
                + ", ".join(missing),
                field="sign_off",
            )
        try:
            with transaction.atomic():
                signed = PanelSignOff.objects.create(
                    inspection=inspection, signed_by=user, signed_at=timezone.now()
                )
        except IntegrityError as error:
            raise PanelError(
                "The panel's ratings are already signed off", field="sign_off"
            ) from error
        record_changes(
            actor=user,
            inspection=inspection,
            obj=signed,
            old={},
            new={
                "signed_by": user.username,
                "signed_at": signed.signed_at.isoformat(),
                "ratings": "; ".join(
                    f"{r.target}: {r.final.label}" for r in rows if r.final is not None
                ),
            },
            label="Panel sign-off",
        )
        return signed


def reopen(inspection: Any, user: Any, reason: str) -> PanelSignOff:
    """Unlock the panel's ratings; the reason is required and recorded on the sign-off."""
    if not reason.strip():
        raise PanelError("Give the reason for reopening the panel's ratings", field="reason")
    with transaction.atomic():
        signed: PanelSignOff | None = (
            PanelSignOff.objects.select_for_update()
            .filter(inspection=inspection, reopened_at__isnull=True)
            .first()
        )
        if signed is None:
            raise PanelError("The panel's ratings are not signed off", field="reason")
        signed.reopened_by = user
        signed.reopened_at = timezone.now()
        signed.reopen_reason = reason.strip()
        signed.save(update_fields=["reopened_by", "reopened_at", "reopen_reason"])
        record_changes(
            actor=user,
            inspection=inspection,
            obj=signed,
            old={},
            new={
                "reopened_by": user.username,
                "reopened_at": signed.reopened_at.isoformat(),
                "reopen_reason": signed.reopen_reason,
            },
            label="Panel sign-off reopened",
        )
        return signed
