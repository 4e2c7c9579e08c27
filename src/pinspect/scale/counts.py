"""Yes / no / not-applicable answers to one question over a set of cases, with the percentage.

Seed 001 §4.7: yes/no judgements are made "in each case" and rated on "the consolidated
results (at key question level) of all cases inspected". The percentage is yes over the cases
the question applies to, yes + no (001 §4.8); a case it does not apply to counts neither way.
Key questions, prompts, sub-groups, pooled summaries and report rows are all such counts: they
build on :class:`YesNoCounts` rather than each counting and rounding for itself.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["YesNoCounts", "display_percent"]


def display_percent(yes: int, applicable: int) -> float | None:
    """100·yes/applicable rounded half up to one decimal place, for display only; None when
    nothing applies.

    Bands are never decided from this figure (see
    :func:`pinspect.ratings.band_rule.band_for_counts`).
    """
    if applicable <= 0:
        return None
    tenths = (2000 * yes + applicable) // (2 * applicable)
    return tenths / 10


@dataclass(frozen=True)
class YesNoCounts:
    """001 §4.7, §4.8: the yes, no and not-applicable answers to one question, and the yes
    percentage over the cases it applies to."""

    yes: int
    no: int
    not_applicable: int = 0

    @property
    def applicable(self) -> int:
        """Cases the question applies to (001 §4.8: the percentage's denominator)."""
        return self.yes + self.no

    @property
    def percent(self) -> float | None:
        """The yes percentage to one decimal place, for display; None when nothing applies."""
        return display_percent(self.yes, self.applicable)

    def counts(self) -> YesNoCounts:
        """These counts alone, without what a subclass adds (identity, band, …)."""
        return YesNoCounts(self.yes, self.no, self.not_applicable)

    def __add__(self, other: YesNoCounts) -> YesNoCounts:
        return YesNoCounts(
            self.yes + other.yes, self.no + other.no, self.not_applicable + other.not_applicable
        )
