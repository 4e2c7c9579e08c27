"""The gates between an inspection's statuses: what must be done before it moves on.

Seed 001 §4.12 and 003 §5 describe one sequence (evidence in advance, the sample, fieldwork,
the lead inspector's proposed domain-one ratings, the ratings panel, the report); each gate
is one rule here, a pure function of the inspection's :class:`Facts` returning the reasons it
is shut (none: it is open):

- **to fieldwork** (:func:`fieldwork_gate`): a drawn sample and at least one inspector on the
  team;
- **to the ratings panel** (:func:`panel_gate`): every case of the sample complete, or
  withdrawn with a reason, and a proposed rating for every judged standard (001 §4.15). The
  lead may move on with cases still open only by recording why: that reason is kept on the
  inspection, audited, and printed in the report's account of its method;
- **to publication**: the panel's sign-off (:func:`pinspect.web.reports.publication.
  why_not_publishable`, the rule the publish page applies).

Moving back a step is never gated (it needs a reason of its own, see
:mod:`pinspect.web.inspections.lifecycle`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pinspect.web.assessments.models import CaseStatus, SampledCase
from pinspect.web.evidence.judgements import proposed_ratings
from pinspect.web.evidence.sources import judged_standards
from pinspect.web.inspections.models import Membership, Role, Status

__all__ = ["Facts", "GateRefusal", "facts_of", "fieldwork_gate", "gate_for", "panel_gate"]


@dataclass(frozen=True)
class Facts:
    """What the gates look at, read once from the database."""

    sample_cases: int  # cases drawn into the sample (not the reserve), withdrawn ones included
    inspectors: int  # members with the inspector role
    open_cases: int  # sample cases neither complete nor withdrawn with a reason
    unproposed: tuple[str, ...]  # judged standards with no proposed rating yet


@dataclass(frozen=True)
class GateRefusal:
    """Why a gate is shut: its reasons, and whether recording a reason for moving on with
    cases still open would open it (``open_cases``: how many)."""

    reasons: tuple[str, ...]
    open_cases: int = 0

    @property
    def only_open_cases(self) -> bool:
        """Whether the open cases are the only thing in the way."""
        return self.open_cases > 0 and len(self.reasons) == 1


def facts_of(inspection: Any) -> Facts:
    sample = SampledCase.objects.filter(inspection=inspection, reserve_rank__isnull=True)
    open_cases = (
        sample.exclude(status=CaseStatus.COMPLETE)
        .exclude(withdrawn_at__isnull=False, withdrawn_reason__gt="")
        .count()
    )
    proposed = proposed_ratings(inspection)
    return Facts(
        sample_cases=sample.count(),
        inspectors=Membership.objects.filter(inspection=inspection, role=Role.INSPECTOR).count(),
        open_cases=open_cases,
        unproposed=tuple(
            s.id for s in judged_standards(inspection.framework) if s.id not in proposed
        ),
    )


def fieldwork_gate(facts: Facts) -> GateRefusal | None:
    """Set-up → fieldwork needs a drawn sample and at least one inspector (001 §4.12)."""
    reasons = []
    if facts.sample_cases == 0:
        reasons.append("Draw the sample first: no case has been drawn yet")
    if facts.inspectors == 0:
        reasons.append("Add at least one inspector to the team")
    return GateRefusal(tuple(reasons)) if reasons else None


def panel_gate(facts: Facts) -> GateRefusal | None:
    """Fieldwork → ratings panel needs every sample case complete or withdrawn with a reason,
    and the lead inspector's proposed rating for every judged standard (001 §4.15, §4.16)."""
    reasons = []
    if facts.open_cases:
        cases = "case is" if facts.open_cases == 1 else "cases are"
        reasons.append(
            f"{facts.open_cases} sample {cases} not complete or withdrawn: complete them, "
            "or give the reason for moving to the ratings panel with them open"
        )
    if facts.unproposed:
        standards = ", ".join(facts.unproposed)
        reasons.append(
            f"Propose a rating for every judged standard first: none yet for {standards}"
        )
    return GateRefusal(tuple(reasons), facts.open_cases) if reasons else None


def gate_for(target: str, facts: Facts) -> GateRefusal | None:
    """The gate in front of a forward move to ``target`` (None: nothing in the way)."""
    if target == Status.FIELDWORK:
        return fieldwork_gate(facts)
    if target == Status.PANEL:
        return panel_gate(facts)
    return None
