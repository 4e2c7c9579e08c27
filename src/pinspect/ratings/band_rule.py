"""The key-question band rule of seed 001 §4.8, in exact integer arithmetic.

Seed 001 §4.8: "Minority: <50% Too few: 50-64% Reasonable majority: 65-79% Large majority:
80%+". The percentage is yes / (yes + no) over the cases the key question applies to (001
§4.7). Boundaries are compared without floating point: under ``exact`` rounding a key question
is in the band starting at L when 100·yes ≥ L·(yes + no); under ``whole-percent`` rounding the
percentage is first rounded half up to a whole number, which is the same as
200·yes ≥ (2L − 1)·(yes + no). Either way 50.0%, 65.0% and 80.0% fall in the higher band.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.model import PercentageRounding
from pinspect.scale.rating import Band

__all__ = [
    "band_for_counts",
    "band_thresholds",
    "bands_for_count_arrays",
    "next_band_needs",
]

_UPPER_BANDS = (Band.TOO_FEW, Band.REASONABLE_MAJORITY, Band.LARGE_MAJORITY)


def _reaches(yes: int, applicable: int, lower_bound: int, rounding: PercentageRounding) -> bool:
    if rounding is PercentageRounding.EXACT:
        return 100 * yes >= lower_bound * applicable
    return 200 * yes >= (2 * lower_bound - 1) * applicable


def band_for_counts(yes: int, no: int, rounding: PercentageRounding) -> Band | None:
    """001 §4.8: "Minority: <50% Too few: 50-64% Reasonable majority: 65-79% Large majority:
    80%+" — the band of ``yes`` out of ``yes + no`` applicable cases; None when no case applies.
    """
    if yes < 0 or no < 0:
        raise ValueError("answer counts cannot be negative")
    applicable = yes + no
    if applicable == 0:
        return None
    band = Band.MINORITY
    for candidate in _UPPER_BANDS:
        if _reaches(yes, applicable, candidate.lower_bound, rounding):
            band = candidate
    return band


def bands_for_count_arrays(
    yes: npt.NDArray[np.int64], applicable: npt.NDArray[np.int64], rounding: PercentageRounding
) -> npt.NDArray[np.int64]:
    """:func:`band_for_counts` over arrays (band codes 0–3); every ``applicable`` must be ≥ 1."""
    band = np.zeros(np.broadcast(yes, applicable).shape, dtype=np.int64)
    for candidate in _UPPER_BANDS:
        bound = candidate.lower_bound
        if rounding is PercentageRounding.EXACT:
            reached = 100 * yes >= bound * applicable
        else:
            reached = 200 * yes >= (2 * bound - 1) * applicable
        band += reached
    return band


def band_thresholds(
    applicable: npt.NDArray[np.int64], rounding: PercentageRounding
) -> npt.NDArray[np.int64]:
    """001 §4.8 as yes counts: for each number of applicable cases, the fewest yes answers that
    reach Too few, Reasonable majority and Large majority (shape ``applicable.shape + (3,)``).

    A key question with ``yes`` of ``applicable`` cases is in band b (0–3) exactly when b of
    the three thresholds are at most ``yes``; the same integer comparisons as
    :func:`band_for_counts`, solved for ``yes``.
    """
    n = np.asarray(applicable, dtype=np.int64)[..., np.newaxis]
    bounds = np.asarray([band.lower_bound for band in _UPPER_BANDS], dtype=np.int64)
    if rounding is PercentageRounding.EXACT:
        return -(-bounds * n // 100)
    return -(-(2 * bounds - 1) * n // 200)


def next_band_needs(yes: int, no: int, rounding: PercentageRounding) -> int | None:
    """The fewest "no" answers that, answered "yes" instead, lift the key question one band.

    The number of applicable cases stays fixed. None when no case applies or the key question
    is already in the top band (Large majority).
    """
    band = band_for_counts(yes, no, rounding)
    upper = None if band is None else band.next
    if upper is None:
        return None
    applicable = yes + no
    bound = upper.lower_bound
    if rounding is PercentageRounding.EXACT:
        needed_yes = -(-bound * applicable // 100)
    else:
        needed_yes = -(-(2 * bound - 1) * applicable // 200)
    return needed_yes - yes
