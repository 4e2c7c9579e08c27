"""Aggregating other inspections' ratings into one (2023 regional key question R1.2.2).

Seed 000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
inspections generate a rating for key question R 1.2.2 which is combined with the evidence for
R 1.2.1." The seed does not say how ratings are aggregated; the ``aggregate_rule`` setting
chooses: ``median`` (the lower median on ties), ``lowest``, or ``mean`` (the mean score rounded
half down, so a mean exactly between two ratings gives the lower).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pinspect.frameworks.model import Framework, Reference
from pinspect.scale.rating import Rating

__all__ = [
    "AGGREGATE_RULES",
    "PublishedRatings",
    "aggregate_ratings",
    "aggregated_references",
    "ratings_to_aggregate",
]

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


@dataclass(frozen=True)
class PublishedRatings:
    """One published inspection's final standard ratings (the panel's departures applied,
    001 §4.24), by standard id; None for a standard not rated. Kept when the inspection is
    published, so aggregating them never rates it again."""

    framework: str
    ratings: Mapping[str, Rating | None]


def aggregated_references(framework: Framework) -> tuple[Reference, ...]:
    """000 R 1.2.2: the standards of other frameworks that ``framework`` aggregates (the
    2023 regional framework: hmip-2023-pdu P1.2), in a fixed order."""
    found = {kq.aggregate_of for s in framework.standards for kq in s.key_questions}
    found |= {s.aggregate_of for s in framework.standards}
    return tuple(sorted((r for r in found if r is not None), key=str))


def ratings_to_aggregate(
    framework: Framework, published: Sequence[PublishedRatings]
) -> list[Rating]:
    """000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
    inspections" — the final rating of each aggregated standard in each of the ``published``
    inspections below the unit, in the order given; a standard not rated adds nothing.
    :func:`aggregate_ratings` then combines them by the ``aggregate_rule`` setting."""
    ratings: list[Rating] = []
    for reference in aggregated_references(framework):
        for inspection in published:
            if inspection.framework == reference.framework:
                rating = inspection.ratings.get(reference.id)
                if rating is not None:
                    ratings.append(rating)
    return ratings
