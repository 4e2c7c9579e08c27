"""The Wilson score interval for a proportion (Wilson, 1927).

Seed 001 §4.12 sizes case samples for "an 80% confidence level"; the frameworks record that
level and the interval of every case-based key question is reported at it. The Wilson
interval is used rather than the normal ("Wald") approximation because it stays inside
0–100% and behaves sensibly for the small samples and extreme percentages inspections see.

:func:`wilson_interval` gives one interval; :func:`wilson_intervals` the same figures for
arrays of counts (many inspections' key questions at once).
"""

from __future__ import annotations

import math
from functools import lru_cache
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

__all__ = ["wilson_interval", "wilson_intervals", "z_for_confidence"]

FloatArray = npt.NDArray[np.float64]


@lru_cache(maxsize=64)
def z_for_confidence(confidence_level: float) -> float:
    """The two-sided standard normal quantile for ``confidence_level`` (0.8 → 1.2816)."""
    if not 0 < confidence_level < 1:
        raise ValueError("confidence_level must lie strictly between 0 and 1")
    return NormalDist().inv_cdf(1 - (1 - confidence_level) / 2)


def wilson_interval(successes: int, trials: int, confidence_level: float) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``trials`` as percentages [lo, hi].

    ValueError when there are no trials (no interval exists) or the counts are impossible.
    """
    if trials <= 0:
        raise ValueError("a proportion needs at least one trial")
    if not 0 <= successes <= trials:
        raise ValueError(f"successes {successes} must lie between 0 and trials {trials}")
    z = z_for_confidence(confidence_level)
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    low = max(0.0, centre - half)
    high = min(1.0, centre + half)
    if successes == 0:
        low = 0.0
    if successes == trials:
        high = 1.0
    return (100 * low, 100 * high)


def wilson_intervals(
    successes: npt.NDArray[np.int64], trials: npt.NDArray[np.int64], confidence_level: float
) -> tuple[FloatArray, FloatArray]:
    """:func:`wilson_interval` for every element of two arrays of counts: (low, high) in
    percent, NaN where there are no trials. The same arithmetic, element by element."""
    if np.any(successes < 0) or np.any(successes > trials):
        raise ValueError("successes must lie between 0 and trials")
    z = z_for_confidence(confidence_level)
    z2 = z * z
    n = trials.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = successes / n
        denominator = 1 + z2 / n
        centre = (p + z2 / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    low = np.maximum(0.0, centre - half)
    high = np.minimum(1.0, centre + half)
    low[successes == 0] = 0.0
    high[successes == trials] = 1.0
    none = trials <= 0
    low[none] = np.nan
    high[none] = np.nan
    return 100 * low, 100 * high
