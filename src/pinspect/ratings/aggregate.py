"""Aggregating other inspections' ratings into one (2023 regional key question R1.2.2).

Seed 000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
inspections generate a rating for key question R 1.2.2 which is combined with the evidence for
R 1.2.1." The seed does not say how ratings are aggregated; the ``aggregate_rule`` setting
chooses: ``median`` (the lower median on ties), ``lowest``, or ``mean`` (the mean score rounded
half down, so a mean exactly between two ratings gives the lower).
"""

from __future__ import annotations

from collections.abc import Sequence

from pinspect.scale.rating import Rating

__all__ = ["AGGREGATE_RULES", "aggregate_ratings"]

AGGREGATE_RULES = ("median", "lowest", "mean")


def aggregate_ratings(ratings: Sequence[Rating], rule: str) -> Rating:
    """000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
    inspections generate a rating for key question R 1.2.2" — combined by ``rule``."""
    if not ratings:
        raise ValueError("there are no ratings to aggregate")
    ordered = sorted(ratings)
    if rule == "median":
        return ordered[(len(ordered) - 1) // 2]
    if rule == "lowest":
        return ordered[0]
    if rule == "mean":
        total = sum(r.score for r in ordered)
        count = len(ordered)
        return Rating.from_score((2 * total + count - 1) // (2 * count))
    raise ValueError(
        f"unknown aggregate rule {rule!r}; expected one of {', '.join(AGGREGATE_RULES)}"
    )
