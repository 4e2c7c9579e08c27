"""Sample size: how many cases give the stated confidence level and margin of error.

Seed 001 §4.12: "we aim for a Domain Two case sample for each inspection that will give us
an 80% confidence level, in statistical terms". The seed does not state the margin of
error; it is the ``margin_of_error`` setting.

For a proportion estimated from a simple random sample, with the most conservative
proportion p = 0.5::

    n0 = z² · p(1 − p) / e²          z = the two-sided normal quantile for the confidence level
    n  = ⌈ n0 / (1 + (n0 − 1) / N) ⌉  (finite population correction for a population of N)

At 80% and 5% for N = 1217: z = 1.2816, n0 = 164.24, n = ⌈144.81⌉ = 145.
"""

from __future__ import annotations

import math
from statistics import NormalDist

__all__ = ["required_sample_size", "reserve_size", "z_score"]


def z_score(confidence_level: float) -> float:
    """The two-sided critical value: 1.2816 for 0.8, 1.9600 for 0.95."""
    if not 0 < confidence_level < 1:
        raise ValueError("confidence_level must lie strictly between 0 and 1")
    return NormalDist().inv_cdf(1 - (1 - confidence_level) / 2)


def required_sample_size(
    population: int, *, confidence_level: float, margin_of_error: float
) -> int:
    """The sample size for a population of ``population`` cases (never more than it)."""
    if population < 1:
        raise ValueError("population must be at least 1")
    if not 0 < margin_of_error < 1:
        raise ValueError("margin_of_error must lie strictly between 0 and 1")
    z = z_score(confidence_level)
    n0 = z * z * 0.25 / (margin_of_error * margin_of_error)
    n = n0 / (1 + (n0 - 1) / population)
    # Guard against floating-point noise just above an integer (e.g. 145.0000000001).
    return min(population, math.ceil(round(n, 9)))


def reserve_size(sample_size: int, reserve_percent: float) -> int:
    """The reserve list's length: ``reserve_percent`` of the sample, rounded up."""
    if sample_size < 0 or reserve_percent < 0:
        raise ValueError("sample size and reserve percentage must not be negative")
    return math.ceil(round(sample_size * reserve_percent / 100, 9))
