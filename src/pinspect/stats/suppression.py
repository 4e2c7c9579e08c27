"""Small-number suppression for sub-group results.

Sub-group figures about few people can identify them (case records are criminal-offence
personal data) and are too unstable to read. A group with fewer applicable cases than the
``suppress_below`` setting is shown without its counts or percentage.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["is_suppressed", "suppressed_mask"]


def is_suppressed(applicable_cases: int, suppress_below: int) -> bool:
    """True when ``applicable_cases`` is fewer than ``suppress_below``.

    A group with no applicable case at all is suppressed as well: there is nothing to show,
    and showing "0" would reveal that nobody in the group was answered.
    """
    return applicable_cases < suppress_below


def suppressed_mask(
    applicable_cases: npt.NDArray[np.int64], suppress_below: int
) -> npt.NDArray[np.bool_]:
    """:func:`is_suppressed` for every element of an array of applicable-case counts."""
    mask: npt.NDArray[np.bool_] = applicable_cases < suppress_below
    return mask
