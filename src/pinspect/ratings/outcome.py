"""Outcomes: met / part met / not met per case, counted and never rated.

Seed 003 §4.2: "There was support for a judgement along the lines of met/part met/not met for
outcomes in individual cases." Seed 003 §4.10: "We will not rate outcomes for at least the first
12 months of our inspection activity. Instead we will collect and publish baseline data on
progress against key outcomes during this period that we will review after 12 months."
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["OUTCOMES_NOT_RATED", "OutcomeCounts"]

OUTCOMES_NOT_RATED = (
    'not rated: 003 §4.10 "We will not rate outcomes for at least the first 12 months of our '
    "inspection activity. Instead we will collect and publish baseline data on progress against "
    'key outcomes during this period that we will review after 12 months."'
)


@dataclass(frozen=True)
class OutcomeCounts:
    """003 §4.2: how many cases' outcomes were met, part met and not met (baseline data)."""

    met: int
    part_met: int
    not_met: int
    not_applicable: int = 0

    @property
    def judged(self) -> int:
        return self.met + self.part_met + self.not_met
