"""Departures from the scoring rules, agreed by the ratings panel with reasons set out.

Seed 001 §4.24: "To account for all potential nuances, we will allow for some professional
judgement to depart from the scoring rules when necessary (e.g. when the standard ratings are
close to the rating boundaries or very diverse). And such departure will be agreed through the
HMI Probation ratings panel, with the reasons being clearly set out, aiding transparency and
full understanding."
"""

from __future__ import annotations

from dataclasses import dataclass

from pinspect.scale.rating import Rating

__all__ = ["OVERALL", "Departure"]

OVERALL = "overall"
"""The departure target that names the overall rating rather than a standard."""


@dataclass(frozen=True)
class Departure:
    """001 §4.24: the panel's final rating for a standard (or ``"overall"``) and its reasons.

    The computed rating is kept beside the final one; a departure without a reason is refused.
    """

    target: str
    final: Rating
    reason: str

    def __post_init__(self) -> None:
        if not self.target.strip():
            raise ValueError("a departure must name a standard or 'overall'")
        if not self.reason.strip():
            raise ValueError(
                f"the departure for {self.target} has no reason: 001 §4.24 requires departures "
                '"with the reasons being clearly set out"'
            )
