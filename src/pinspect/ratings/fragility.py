"""How likely a case-based rating is to differ on a fresh sample of the same size.

Not a rule of the seeds: seed 001 §4.12 sizes samples for "an 80% confidence level" and says
no more about uncertainty. For each case-based key question with ``yes`` of ``n`` applicable
cases, the true share of yes answers is drawn from its Jeffreys posterior
p ~ Beta(yes + ½, no + ½), then a fresh sample's yes count from Binomial(n, p); the fresh
counts go through the same band rule (001 §4.8, with the framework's rounding), the
lowest-key-question rule (001 §4.10) and, for the overall rating, the overall banding with the
other standards held at their ratings. The share of draws whose rating differs from the one
computed estimates the probability that the rating would differ. Key questions are drawn
independently: the correlation between one case's answers to different key questions is
ignored. The draws use a seeded PCG64 generator, so the same answers always give the same
figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.model import PercentageRounding
from pinspect.ratings.band_rule import bands_for_count_arrays
from pinspect.ratings.banding import OverallBanding
from pinspect.ratings.rating import Rating
from pinspect.ratings.standard import StandardResult

__all__ = ["Fragility", "rating_fragility", "simulate_bands"]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Fragility:
    """Per standard id, and for the overall rating, the probability the rating differs."""

    standards: dict[str, float]
    overall: float | None


def simulate_bands(
    yes: IntArray,
    no: IntArray,
    rounding: PercentageRounding,
    draws: int,
    generator: np.random.Generator,
) -> IntArray:
    """Band codes of ``draws`` fresh samples for each key question, shape (draws, len(yes)).

    Every key question needs at least one applicable case.
    """
    applicable = yes + no
    if np.any(applicable <= 0):
        raise ValueError("every simulated key question needs an applicable case")
    shares = generator.beta(yes + 0.5, no + 0.5, size=(draws, yes.shape[0]))
    fresh_yes = generator.binomial(applicable, shares).astype(np.int64)
    return bands_for_count_arrays(fresh_yes, np.broadcast_to(applicable, fresh_yes.shape), rounding)


def _band_lookup(banding: OverallBanding) -> IntArray:
    lookup = np.zeros(banding.max_score + 1, dtype=np.int64)
    for band in banding.bands:
        lookup[band.min_score : band.max_score + 1] = int(band.rating)
    return lookup


def rating_fragility(
    simulated: Sequence[StandardResult],
    held: Sequence[StandardResult],
    *,
    rounding: PercentageRounding,
    banding: OverallBanding | None,
    computed_overall: Rating | None,
    draws: int,
    seed: int,
) -> Fragility:
    """The probability that each rated standard in ``simulated`` and the overall rating differ.

    ``simulated`` are the case-based standards to redraw; ``held`` are the other scored
    standards, held at their final ratings. A case-based standard with a departure is held at
    the panel's rating for the overall. ``banding`` None (or ``computed_overall`` None) skips
    the overall rating.
    """
    generator = np.random.Generator(np.random.PCG64(seed))
    rated = [s for s in simulated if s.computed_rating is not None]
    per_standard: dict[str, float] = {}
    simulated_ratings: dict[str, IntArray] = {}
    if rated:
        yes = np.asarray([kq.yes for s in rated for kq in s.key_questions], dtype=np.int64)
        no = np.asarray([kq.no for s in rated for kq in s.key_questions], dtype=np.int64)
        bands = simulate_bands(yes, no, rounding, draws, generator)
        start = 0
        for standard in rated:
            stop = start + len(standard.key_questions)
            # 001 §4.10: the rating of a band is its code; the standard takes the lowest.
            ratings = bands[:, start:stop].min(axis=1)
            start = stop
            simulated_ratings[standard.id] = ratings
            computed = int(standard.computed_rating)  # type: ignore[arg-type]
            per_standard[standard.id] = float(np.mean(ratings != computed))
    overall: float | None = None
    if banding is not None and computed_overall is not None:
        scores = np.zeros(draws, dtype=np.int64)
        for standard in [*simulated, *held]:
            if not standard.scored:
                continue
            if standard.id in simulated_ratings and standard.departure is None:
                scores += simulated_ratings[standard.id]
            elif standard.rating is not None:
                scores += standard.rating.score
            else:
                return Fragility(per_standard, None)
        overall_ratings = _band_lookup(banding)[scores]
        overall = float(np.mean(overall_ratings != int(computed_overall)))
    return Fragility(per_standard, overall)
