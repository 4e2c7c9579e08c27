"""The overall rating: the standards' scores summed and banded.

Seed 001 §4.22: "Straightforward scoring rules will be used to generate the overall provider
rating. Each of the ten NPS or CRC standards will be scored on a 0-3 scale in which
'inadequate' = 0, 'requires improvement' = 1, 'good' = 2 and 'outstanding' = 3. Adding these
scores produces a total score from 0-30, which will be banded to produce the overall rating".
Seed 001 §4.25: "We are not currently intending to include any weightings in the scoring
rules." Seed 002 decision 8 bands the national framework's four standards 0–2 / 3–6 / 7–10 /
11–12.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pinspect.ratings.departure import OVERALL, Departure
from pinspect.ratings.standard import StandardResult
from pinspect.scale.banding import BandingKind, OverallBanding
from pinspect.scale.rating import Rating

__all__ = ["OverallResult", "overall_score", "rate_overall"]


@dataclass(frozen=True)
class OverallResult:
    """The overall score, its band, and any departure the panel agreed (001 §4.24)."""

    score: int
    max_score: int
    computed_rating: Rating
    banding: BandingKind
    departure: Departure | None = None
    p_rating_differs: float | None = None
    fragile: bool | None = None

    @property
    def rating(self) -> Rating:
        return self.departure.final if self.departure is not None else self.computed_rating

    def with_departure(self, departure: Departure) -> OverallResult:
        if departure.target != OVERALL:
            raise ValueError(f"the departure is for {departure.target}, not the overall rating")
        return replace(self, departure=departure)

    def with_fragility(self, p_rating_differs: float | None, threshold: float) -> OverallResult:
        fragile = None if p_rating_differs is None else p_rating_differs > threshold
        return replace(self, p_rating_differs=p_rating_differs, fragile=fragile)


def overall_score(ratings: Sequence[Rating]) -> int:
    """001 §4.22: "'inadequate' = 0, 'requires improvement' = 1, 'good' = 2 and 'outstanding' =
    3. Adding these scores produces a total score"; 001 §4.25: no weightings."""
    return sum(rating.score for rating in ratings)


_NOT_RATED = "not rated: "


def _unrated_words(unrated: Sequence[StandardResult]) -> str:
    """ "P1.1, P1.2 and P1.3 have none: no judged rating was supplied (…)": the standards
    without a rating, those with the same reason together, in the framework's order."""
    by_reason: dict[str, list[str]] = {}
    for standard in unrated:
        reason = standard.reason or "no rating"
        by_reason.setdefault(reason.removeprefix(_NOT_RATED), []).append(standard.id)
    parts = []
    for reason, ids in by_reason.items():
        named = ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"
        parts.append(f"{named} {'has' if len(ids) == 1 else 'have'} none: {reason}")
    return "; ".join(parts)


def rate_overall(
    banding: OverallBanding, standards: Sequence[StandardResult]
) -> tuple[OverallResult | None, str | None]:
    """001 §4.22, §4.23 (002 decision 8): band the sum of the scored standards' final ratings.

    Standards that are not scored are left out. The result is None, with the reason, when the
    framework has no overall rating or a scored standard is not rated (the seeds give no rule
    for a partial sum, so none is invented).
    """
    if banding.kind is BandingKind.NONE:
        return None, "the framework has no overall rating (its banding is 'none')"
    scored = [s for s in standards if s.scored]
    if not scored:
        return None, "no standard is scored"
    unrated = [s for s in scored if s.rating is None]
    if unrated:
        return None, (
            "every scored standard needs a rating for the overall score (001 §4.22), and "
            + _unrated_words(unrated)
        )
    ratings = [s.rating for s in scored if s.rating is not None]
    score = overall_score(ratings)
    result = OverallResult(
        score=score,
        max_score=3 * len(scored),
        computed_rating=banding.rating_for(score),
        banding=banding.kind,
    )
    return result, None
