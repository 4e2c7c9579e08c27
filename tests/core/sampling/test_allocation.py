"""Apportionment by largest remainder, and the inspectorate's own documented example."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from pinspect.sampling import (
    capped_largest_remainder,
    extend_by_largest_deficit,
    largest_remainder,
    reserve_size,
)

#: The peer sampler's documented example: 148 cases over strata of these sizes.
PEER_STRATA = {"A": 454, "B": 138, "C": 327, "D": 129, "E": 169}


def within_one(total: int, weights: dict[str, int], shares: dict[str, int]) -> bool:
    whole = sum(weights.values())
    return all(abs(shares[k] - Fraction(total * w, whole)) < 1 for k, w in weights.items())


class TestPeerExample:
    """The inspectorate's sampler documents 148 cases over strata of 454/138/327/129/169.

    Its rounding (round each, then take from the largest stratum) gives 54/17/40/16/21;
    largest remainder gives 55/17/40/16/20. Both keep the exact total and every stratum
    within one case of its exact quota (55.21, 16.78, 39.77, 15.69, 20.55); largest
    remainder is the one that also gives each spare case to the largest fractional part.
    """

    def test_sample(self) -> None:
        shares = largest_remainder(148, PEER_STRATA)
        assert sum(shares.values()) == 148
        assert within_one(148, PEER_STRATA, shares)
        assert shares == {"A": 55, "B": 17, "C": 40, "D": 16, "E": 20}

    def test_with_twenty_percent_buffer(self) -> None:
        """With the buffer the peer gives 66/20/48/19/25 (178 = 148 + 30): the same here."""
        base = largest_remainder(148, PEER_STRATA)
        extra = extend_by_largest_deficit(base, reserve_size(148, 20), PEER_STRATA, PEER_STRATA)
        total = {k: base[k] + extra[k] for k in PEER_STRATA}
        assert sum(total.values()) == 178
        assert within_one(178, PEER_STRATA, total)
        assert total == {"A": 66, "B": 20, "C": 48, "D": 19, "E": 25}
        assert total == largest_remainder(178, PEER_STRATA)


def test_ties_go_to_larger_group_then_name() -> None:
    assert largest_remainder(1, {"b": 1, "a": 1}) == {"a": 1, "b": 0}
    assert largest_remainder(2, {"a": 1, "b": 1, "c": 2}) == {"a": 1, "b": 0, "c": 1}
    assert largest_remainder(2, {"a": 1, "b": 3}) == {"a": 0, "b": 2}  # equal .5: larger wins


def test_zero_total_and_empty_groups() -> None:
    assert largest_remainder(0, {"a": 0, "b": 0}) == {"a": 0, "b": 0}
    assert largest_remainder(3, {"a": 0, "b": 5}) == {"a": 0, "b": 3}
    with pytest.raises(ValueError, match="no members"):
        largest_remainder(1, {"a": 0})


def test_random_rounding_keeps_total_and_bounds() -> None:
    rng = random.Random(3)
    weights = {"a": 1, "b": 2, "c": 3, "d": 4}
    for _ in range(200):
        shares = largest_remainder(5, weights, rng)
        assert sum(shares.values()) == 5
        assert within_one(5, weights, shares)


def test_capacity_reallocates_then_falls_short() -> None:
    shares = capped_largest_remainder(10, {"a": 8, "b": 1, "c": 1}, {"a": 3, "b": 9, "c": 9})
    assert shares["a"] == 3
    assert sum(shares.values()) == 10
    short = capped_largest_remainder(10, {"a": 5, "b": 5}, {"a": 2, "b": 3})
    assert short == {"a": 2, "b": 3}
