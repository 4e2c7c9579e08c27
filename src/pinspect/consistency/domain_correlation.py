"""The correlation check between domains: judged ratings beside case-based ratings.

Seed 001 §4.14: "We propose that Domain One ratings for each inspection will not be driven by
our findings in individual cases, although we will always check the correlation between
domains and the need for further interrogation." pinspect sets each judged (domain-one)
standard's rating beside each case-based standard's and flags a pair that lies the
``domain_divergence_steps`` setting or more steps apart on the four-point scale (001 §4.1), for
the panel to interrogate. The seeds say only "check the correlation"; how far apart is too far
is that setting (two steps by default: Good beside Inadequate, Outstanding beside Requires
improvement).
"""

from __future__ import annotations

from dataclasses import dataclass

from pinspect.frameworks.model import RatedBy
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.scale.rating import Rating

__all__ = ["DomainCorrelation", "RatedStandard", "StandardPair", "domain_correlation"]


@dataclass(frozen=True)
class RatedStandard:
    id: str
    name: str
    rating: Rating | None


@dataclass(frozen=True)
class StandardPair:
    """A judged standard beside a case-based one: how many rating steps apart they lie."""

    judged: RatedStandard
    case_based: RatedStandard
    steps: int | None
    flagged: bool


@dataclass(frozen=True)
class DomainCorrelation:
    """001 §4.14: every judged standard beside every case-based standard of an inspection."""

    judged: tuple[RatedStandard, ...]
    case_based: tuple[RatedStandard, ...]
    pairs: tuple[StandardPair, ...]
    threshold_steps: int

    @property
    def flagged(self) -> tuple[StandardPair, ...]:
        return tuple(p for p in self.pairs if p.flagged)

    def pair(self, judged: str, case_based: str) -> StandardPair:
        return next(
            p for p in self.pairs if p.judged.id == judged and p.case_based.id == case_based
        )


def domain_correlation(result: InspectionResult, threshold_steps: int) -> DomainCorrelation:
    """001 §4.14: pair each judged standard's final rating (the lead's proposal, or the
    panel's departure) with each case-based standard's, flagged where they lie
    ``threshold_steps`` or more steps apart; a pair with an unrated side is never flagged."""
    if threshold_steps < 1:
        raise ValueError("threshold_steps must be at least 1")

    def rated(by: RatedBy) -> tuple[RatedStandard, ...]:
        return tuple(
            RatedStandard(s.id, s.name, s.rating) for s in result.standards if s.rated_by is by
        )

    judged, case_based = rated(RatedBy.JUDGEMENT), rated(RatedBy.CASES)
    pairs = []
    for j in judged:
        for c in case_based:
            steps = None if j.rating is None or c.rating is None else abs(j.rating - c.rating)
            pairs.append(StandardPair(j, c, steps, steps is not None and steps >= threshold_steps))
    return DomainCorrelation(judged, case_based, tuple(pairs), threshold_steps)
