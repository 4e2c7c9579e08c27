"""Apportionment: sharing a whole number of cases across groups in proportion to their size.

Largest remainder (Hamilton's method): each group's exact quota is ``total × size / sum``;
each gets the whole part, and the cases still to give go one each to the largest fractional
parts. So the total is exact and every group is within one case of its exact quota.
Arithmetic is exact (integers), so no floating-point rounding can change a result.

**Ties** between equal fractional parts go to the larger group, then to the group whose
name sorts first. Names, not the random seed, break ties so that the sizes of the strata
never depend on the seed.

Below the strata (areas and teams) the groups are many and small, and giving the spare
cases always to the largest fractional parts would always favour the same teams. There the
spare cases go *at random*, each group getting one with a probability equal to its
fractional part (systematic sampling of the fractional parts from a seeded random start).
The total stays exact, every group stays within one case of its exact quota, and every case
in a stratum keeps the same chance of being drawn.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

__all__ = ["capped_largest_remainder", "extend_by_largest_deficit", "largest_remainder"]


def largest_remainder(
    total: int, weights: Mapping[str, int], rng: random.Random | None = None
) -> dict[str, int]:
    """Share ``total`` across ``weights`` (group sizes, all ≥ 0, at least one > 0).

    With ``rng``, the spare cases go at random in proportion to the fractional parts
    (module docstring) instead of to the largest ones.
    """
    if total < 0:
        raise ValueError("total must not be negative")
    whole = sum(weights.values())
    if whole <= 0:
        if total == 0:
            return dict.fromkeys(weights, 0)
        raise ValueError("cannot share cases across groups with no members")
    shares = {key: total * weight // whole for key, weight in weights.items()}
    left = total - sum(shares.values())
    if left and rng is not None:
        point = rng.randrange(whole)
        reached = 0
        for key in sorted(weights):
            reached += total * weights[key] % whole
            if reached > point:
                shares[key] += 1
                point += whole
        return shares
    if left:
        order = sorted(weights, key=lambda k: (-(total * weights[k] % whole), -weights[k], k))
        for key in order[:left]:
            shares[key] += 1
    return shares


def capped_largest_remainder(
    total: int,
    weights: Mapping[str, int],
    capacity: Mapping[str, int],
    rng: random.Random | None = None,
) -> dict[str, int]:
    """Largest remainder where no group gets more than its capacity.

    A group whose share exceeds its capacity is given its capacity and the rest is shared
    again, in proportion, among the other groups. When the total exceeds the capacities
    altogether, every group gets its capacity and the result sums to less than ``total``
    (the caller reports the shortfall). ``rng`` as for :func:`largest_remainder`.
    """
    shares = dict.fromkeys(weights, 0)
    active = {key for key in weights if capacity.get(key, 0) > 0 and weights[key] > 0}
    remaining = min(total, sum(capacity.get(key, 0) for key in active))
    while remaining > 0 and active:
        trial = largest_remainder(remaining, {key: weights[key] for key in sorted(active)}, rng)
        over = {key for key in active if trial[key] > capacity[key]}
        if not over:
            for key in active:
                shares[key] += trial[key]
            return shares
        for key in over:
            shares[key] = capacity[key]
            remaining -= capacity[key]
        active -= over
    return shares


def extend_by_largest_deficit(
    base: Mapping[str, int], extra: int, weights: Mapping[str, int], capacity: Mapping[str, int]
) -> dict[str, int]:
    """Add ``extra`` cases to an apportionment ``base``, one at a time, to the group furthest
    below its exact quota of the new total (ties as in :func:`largest_remainder`).

    Used for the reserve: the sample keeps its own apportionment and the reserve tops each
    stratum up towards its share of sample plus reserve. Where largest remainder of the new
    total never gives a group fewer than ``base``, the result is exactly that apportionment;
    unlike it, this never takes a case away from a group. Returns the additions only.
    """
    whole = sum(weights.values())
    target = sum(base.values()) + extra
    counts = dict(base)
    added = dict.fromkeys(weights, 0)
    for _ in range(extra):
        open_keys = [k for k in weights if counts.get(k, 0) < capacity.get(k, 0)]
        if not open_keys:
            break
        key = min(
            open_keys,
            key=lambda k: (-(target * weights[k] - counts.get(k, 0) * whole), -weights[k], k),
        )
        counts[key] = counts.get(key, 0) + 1
        added[key] += 1
    return added
