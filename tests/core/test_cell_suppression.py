"""Small-cell suppression across linked tables: no hidden cell can be worked out from a
published total and its published parts (003 §3.5 figures by sub-group; our rule, see
docs/ratings.md)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pinspect.stats.cell_suppression import linked_suppression

THRESHOLD = 5


def _with_totals(parts: np.ndarray) -> np.ndarray:
    for axis in range(parts.ndim):
        parts = np.concatenate([parts.sum(axis=axis, keepdims=True), parts], axis=axis)
    return parts


def _relations_safe(values: np.ndarray, exists: np.ndarray, hidden: np.ndarray) -> None:
    """Every total and its parts along every axis hold none or at least two hidden cells."""
    for axis in range(values.ndim):
        moved_hidden = np.moveaxis(hidden & exists, axis, 0)
        count = moved_hidden.sum(axis=0)
        total_exists = np.moveaxis(exists, axis, 0)[0]
        assert not np.any(total_exists & (count == 1)), f"a lone hidden cell along axis {axis}"


@settings(max_examples=200, deadline=None)
@given(
    arrays(
        np.int64,
        st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4)),
        elements=st.integers(0, 12),
    )
)
def test_no_hidden_cell_recoverable(parts: np.ndarray) -> None:
    """Primary: every cell under the threshold that holds anyone is hidden. Complementary:
    no total and its parts along any axis (scope, attribute, attribute) hide exactly one."""
    values = _with_totals(parts)
    exists = values > 0
    hidden = linked_suppression(values, exists, THRESHOLD, axes=(0, 1, 2))
    assert np.all(hidden[exists & (values < THRESHOLD)])
    assert not np.any(hidden & ~exists)
    _relations_safe(values, exists, hidden)


def test_one_small_region_hides_a_second() -> None:
    """Nation 30 = regions 3 + 12 + 15: the 3 is hidden, and so is the 12 (the smallest shown
    region), so 30 − 15 gives only their sum."""
    values = np.asarray([30, 3, 12, 15], dtype=np.int64)
    hidden = linked_suppression(values, values > 0, THRESHOLD, axes=(0,))
    assert hidden.tolist() == [False, True, True, False]


def test_a_total_equal_to_its_one_hidden_part_is_hidden() -> None:
    values = np.asarray([4, 4, 0], dtype=np.int64)
    hidden = linked_suppression(values, values > 0, THRESHOLD, axes=(0,))
    assert hidden.tolist() == [True, True, False]


def test_nothing_hidden_when_every_cell_is_large() -> None:
    values = _with_totals(np.full((2, 3), 9, dtype=np.int64))
    assert not linked_suppression(values, values > 0, THRESHOLD, axes=(0, 1)).any()
