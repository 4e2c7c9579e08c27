"""Outcomes: met / part met / not met per case, counted and never rated.

Seed 003 §4.2: "There was support for a judgement along the lines of met/part met/not met for
outcomes in individual cases." Seed 003 §4.10: "We will not rate outcomes for at least the first
12 months of our inspection activity. Instead we will collect and publish baseline data on
progress against key outcomes during this period that we will review after 12 months."
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["OUTCOMES_NOT_RATED", "STABILITY_RECORD", "OutcomeCounts", "stability_record_problems"]

OUTCOMES_NOT_RATED = (
    'not rated: 003 §4.10 "We will not rate outcomes for at least the first 12 months of our '
    "inspection activity. Instead we will collect and publish baseline data on progress against "
    'key outcomes during this period that we will review after 12 months."'
)


#: What a "met through stability" answer records, by column, in words (003 §4.8, §4.11).
STABILITY_RECORD: dict[str, str] = {
    "circumstances": "the exceptional circumstances that make stability sufficient progress",
    "planning": "the evidence of planning towards progress",
}


@dataclass(frozen=True)
class OutcomeCounts:
    """003 §4.2: how many cases' outcomes were met, part met and not met (baseline data).

    003 §4.8, §4.11: stability is sufficient progress only "in exceptional and defensible
    circumstances with evidence of planning towards progress"; such cases count as met, and
    ``met_through_stability`` says how many of the met relied on it."""

    met: int
    part_met: int
    not_met: int
    not_applicable: int = 0
    met_through_stability: int = 0

    @property
    def judged(self) -> int:
        return self.met + self.part_met + self.not_met


def stability_record_problems(values: dict[str, str]) -> list[tuple[str, str]]:
    """003 §4.8, §4.11: a "met through stability" answer must record the exceptional
    circumstances and the evidence of planning towards progress; ``values`` holds what was
    recorded by column (``circumstances``, ``planning``). Each missing record as (column,
    message); the text itself is never repeated (it is case content)."""
    return [
        (
            column,
            f"an outcome met through stability must record {what} (003 §4.8, §4.11: stability "
            '"in exceptional and defensible circumstances with evidence of planning towards '
            'progress")',
        )
        for column, what in STABILITY_RECORD.items()
        if not values.get(column, "").strip()
    ]
