"""Small-cell suppression across linked tables: primary and complementary.

Published tables of pooled figures are linked by addition: a nation's figure is the sum of
its regions', a group's (women) the sum of its intersections (women of each ethnicity), the
whole the sum of any attribute's groups. Hiding a small cell is not enough when its value can
be worked out by subtracting its published siblings from their published total. So:

1. **Primary**: a cell whose count is below ``suppress_below`` is hidden
   (:func:`pinspect.stats.suppression.suppressed_mask`, the rule of every sub-group table).
2. **Complementary**: for every total and its parts along one axis, exactly one hidden cell
   among them could be worked out from the others (a part as the total less the other parts,
   a total as the sum of its parts). So when exactly one is hidden, the smallest shown part is
   hidden too — or, when no part is shown, the total. Repeated over every axis, and again
   whenever another table hides a cell these share, until nothing changes: then every total
   and its parts have none or at least two hidden cells.

A cell that holds nobody (no case at all) is not a cell of the published table; it is never
shown and never counts as hidden. This protects every hidden cell against recovery from any
one published total and its parts, applied again and again; it is the usual heuristic for
linked tables, not a full linear-programming audit of every combination of equations.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from pinspect.stats.suppression import suppressed_mask

__all__ = ["complementary_suppression", "linked_suppression"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def _one_axis(values: IntArray, exists: BoolArray, hidden: BoolArray, axis: int) -> bool:
    """One pass of the rule along ``axis`` (index 0 the total, 1… its parts); True when
    something more was hidden."""
    if hidden.shape[axis] < 2:
        return False  # a total with no parts
    total = np.take(hidden, 0, axis=axis)
    total_exists = np.take(exists, 0, axis=axis)
    parts = np.arange(1, hidden.shape[axis])
    part_hidden = np.take(hidden, parts, axis=axis)
    part_exists = np.take(exists, parts, axis=axis)
    part_values = np.take(values, parts, axis=axis)
    hidden_parts = (part_hidden & part_exists).sum(axis=axis)
    lone = total_exists & (total.astype(np.int64) + hidden_parts == 1)
    if not lone.any():
        return False
    shown = part_exists & ~part_hidden
    candidates = np.where(shown, part_values, np.iinfo(np.int64).max)
    smallest = np.argmin(candidates, axis=axis)
    has_other = shown.any(axis=axis)
    # Hide the smallest shown part where there is one, else the total.
    before = int(np.count_nonzero(hidden))
    moved = np.moveaxis(hidden, axis, 0)
    where = np.nonzero(lone & has_other)
    moved[(smallest[where] + 1, *where)] = True
    moved[0][lone & ~has_other] = True
    return int(np.count_nonzero(hidden)) > before


def complementary_suppression(
    values: IntArray, exists: BoolArray, hidden: BoolArray, axes: tuple[int, ...]
) -> BoolArray:
    """Step 2 of the module docstring on one array of linked cells.

    Along each of ``axes``, index 0 is the total of the indices after it. ``values`` are the
    counts the smallest shown part is chosen by, ``exists`` marks cells that hold anyone and
    ``hidden`` the cells hidden so far; returns the hidden cells after complementary
    suppression (a new array).
    """
    # A trailing axis of one keeps every reduced array at least one-dimensional.
    result = (hidden & exists)[..., np.newaxis]
    values, exists = values[..., np.newaxis], exists[..., np.newaxis]
    changed = True
    while changed:
        changed = False
        for axis in axes:
            changed |= _one_axis(values, exists, result, axis)
    hidden_cells: BoolArray = result[..., 0]
    return hidden_cells


def linked_suppression(
    values: IntArray, exists: BoolArray, suppress_below: int, axes: tuple[int, ...]
) -> BoolArray:
    """Primary then complementary suppression of ``values`` (see the module docstring)."""
    primary = suppressed_mask(values, suppress_below) & exists
    return complementary_suppression(values, exists, primary, axes)
