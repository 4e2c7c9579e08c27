"""Sharing a sample's unassigned cases evenly among the inspectors.

The seeds do not say how cases are shared out among inspectors; the choice here is a setting
(``assign_max_per_practitioner``). Each case, in the order given, goes to the inspector with
the fewest cases so far (the first listed on a tie) among those holding fewer than the cap of
cases of the case's practitioner; a case no inspector can take stays unassigned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Sharing", "share_evenly"]


@dataclass(frozen=True)
class Sharing:
    """The cases given out (case id → inspector id) and those no inspector could take."""

    assigned: Mapping[int, int]
    left_over: tuple[int, ...]


def share_evenly(
    cases: Sequence[tuple[int, str | None]],
    inspectors: Sequence[int],
    *,
    load: Mapping[int, int],
    held: Mapping[tuple[int, str], int],
    cap: int,
) -> Sharing:
    """Share ``cases`` (case, practitioner or None) among ``inspectors``.

    ``load`` is each inspector's cases already; ``held`` how many of a practitioner's cases an
    inspector already has; ``cap`` the most cases of one practitioner per inspector.
    """
    counts = Counter({inspector: load.get(inspector, 0) for inspector in inspectors})
    by_practitioner: Counter[tuple[int, str]] = Counter(held)
    assigned: dict[int, int] = {}
    left_over: list[int] = []
    order = {inspector: index for index, inspector in enumerate(inspectors)}
    for case, practitioner in cases:
        fits = [
            inspector
            for inspector in inspectors
            if practitioner is None or by_practitioner[(inspector, practitioner)] < cap
        ]
        if not fits:
            left_over.append(case)
            continue
        chosen = min(fits, key=lambda i: (counts[i], order[i]))
        assigned[case] = chosen
        counts[chosen] += 1
        if practitioner is not None:
            by_practitioner[(chosen, practitioner)] += 1
    return Sharing(assigned, tuple(left_over))
