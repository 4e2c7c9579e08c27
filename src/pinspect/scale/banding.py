"""Banding of the overall score (seed 001 §4.22, §4.23; seed 002 decision 8).

Seed 001 §4.22: "Each of the ten NPS or CRC standards will be scored on a 0-3 scale […]
Adding these scores produces a total score from 0-30, which will be banded […]
0-5 = Inadequate, 6-15 = Requires improvement, 16-25 = Good, 26-30 = Outstanding."

Seed 001 §4.23: "These bandings are aligned to the tipping points between the ratings at the
standard level, e.g. an overall rating of 'good' is produced through six standard ratings of
'good' and four standard ratings of 'requires improvement'."

Seed 002 decision 8 (national, four standards): "0–2 = Inadequate, 3–6 = Requires
improvement, 7–10 = Good, 11–12 = Outstanding" — the same rule for four standards.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pinspect.scale.rating import Rating

__all__ = ["BandingKind", "OverallBand", "OverallBanding", "majority_rule_banding"]


class BandingKind(Enum):
    """Where a framework's banding comes from."""

    PUBLISHED = "published"  # stated in a seed, quoted with its section
    DERIVED = "derived"  # derived by the majority rule of 001 §4.23
    NONE = "none"  # the framework has no overall rating


@dataclass(frozen=True)
class OverallBand:
    rating: Rating
    min_score: int
    max_score: int


@dataclass(frozen=True)
class OverallBanding:
    """The score ranges that turn an overall score into a rating."""

    kind: BandingKind
    bands: tuple[OverallBand, ...]

    @property
    def max_score(self) -> int:
        return max((b.max_score for b in self.bands), default=0)

    def rating_for(self, score: int) -> Rating:
        """The rating whose band holds ``score``; ValueError outside 0..max."""
        for band in self.bands:
            if band.min_score <= score <= band.max_score:
                return band.rating
        raise ValueError(f"score {score} lies outside the banding 0–{self.max_score}")

    def coverage_problems(self, max_score: int) -> list[str]:
        """Why these bands do not cover 0..max_score exactly once, in rating order."""
        problems: list[str] = []
        ordered = sorted(self.bands, key=lambda b: b.rating)
        ratings = [b.rating for b in ordered]
        if sorted(set(ratings)) != list(Rating):
            problems.append("the bands must name each of the four ratings exactly once")
            return problems
        expected_min = 0
        for band in ordered:
            if band.min_score > band.max_score:
                problems.append(f"{band.rating.label}: min {band.min_score} > max {band.max_score}")
            if band.min_score != expected_min:
                problems.append(
                    f"{band.rating.label} starts at {band.min_score}; expected {expected_min} "
                    "(bands must run from 0 upwards without gap or overlap)"
                )
            expected_min = band.max_score + 1
        if ordered[-1].max_score != max_score:
            problems.append(
                f"the bands end at {ordered[-1].max_score}; the maximum score is {max_score} "
                "(3 × the number of scored standards)"
            )
        return problems


def majority_rule_banding(scored_standards: int) -> OverallBanding:
    """Derive the banding for ``scored_standards`` standards by the rule of seed 001 §4.23.

    The threshold for a rating is the score of a bare majority of standards at that rating and
    the rest one rating below: with n standards and a bare majority m = n // 2 + 1, the lowest
    score rated R (R scoring s ≥ 1) is m·s + (n − m)·(s − 1). For n = 10 this gives 6 / 16 / 26,
    the published banding of 001 §4.22; for n = 4 it gives 3 / 7 / 11, seed 002 decision 8.
    """
    n = scored_standards
    if n < 1:
        raise ValueError("a banding needs at least one scored standard")
    majority = n // 2 + 1
    lower: dict[Rating, int] = {Rating.INADEQUATE: 0}
    for rating in Rating:
        if rating is not Rating.INADEQUATE:
            lower[rating] = majority * rating.score + (n - majority) * (rating.score - 1)
    bands = []
    for rating in Rating:
        above = rating.next
        upper = 3 * n if above is None else lower[above] - 1
        bands.append(OverallBand(rating=rating, min_score=lower[rating], max_score=upper))
    return OverallBanding(kind=BandingKind.DERIVED, bands=tuple(bands))
