"""The quality-assurance sub-sample: which assessed cases a second inspector marks again.

Seed 001 §4.13: "we are intensifying our focus on training, quality assurance and quality
control." The seeds say nothing of how many cases are double-marked or how they are chosen;
pinspect draws a share of each inspector's assessed cases (the ``qa_sample_share`` setting, at
least one case of every inspector who assessed any), so every inspector's judgement is checked,
with a seeded generator so the same cases, share and seed always give the same sub-sample. Each
drawn case goes to a second marker who did not mark it first, the load spread evenly.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["AssessedCase", "QaCase", "QaSample", "draw_qa_sample"]


@dataclass(frozen=True, order=True)
class AssessedCase:
    """A case of the inspection's sample and the inspector who assessed it."""

    reference: str
    inspector: str


@dataclass(frozen=True)
class QaCase:
    """A case drawn for double-marking and its second marker (None when nobody else can)."""

    case: AssessedCase
    second_marker: str | None


@dataclass(frozen=True)
class QaSample:
    """001 §4.13: the drawn cases, in reference order, and per inspector how many of their
    cases were drawn out of how many."""

    share: float
    seed: int
    cases: tuple[QaCase, ...]
    by_inspector: tuple[tuple[str, int, int], ...]


def draw_qa_sample(
    cases: Sequence[AssessedCase], *, share: float, seed: int, markers: Sequence[str] = ()
) -> QaSample:
    """001 §4.13: draw ``share`` of each inspector's assessed cases (rounded up, so at least
    one each), reproducibly from ``seed`` whatever order ``cases`` come in; give each drawn case
    to one of ``markers`` (default: the inspectors) other than its first inspector, the fewest
    cases first."""
    if not 0 < share <= 1:
        raise ValueError("share must lie in (0, 1]")
    references = [c.reference for c in cases]
    if len(set(references)) != len(references):
        raise ValueError("a case appears twice")
    rng = random.Random(seed)
    by_inspector: dict[str, list[AssessedCase]] = {}
    for case in sorted(cases):
        by_inspector.setdefault(case.inspector, []).append(case)
    drawn: list[AssessedCase] = []
    counts = []
    for inspector in sorted(by_inspector):
        own = by_inspector[inspector]
        # The share as written (0.1 is a tenth, not 0.1000000000000000055…), rounded up.
        wanted = math.ceil(Fraction(str(share)) * len(own))
        drawn.extend(rng.sample(own, wanted))
        counts.append((inspector, wanted, len(own)))
    pool = sorted(set(markers) if markers else set(by_inspector))
    load = dict.fromkeys(pool, 0)
    # Hand out the inspectors' cases in turn (each one's first, then each one's second, …) so
    # that no marker is left with only the cases they cannot take.
    turn: dict[AssessedCase, tuple[int, str]] = {}
    for inspector in sorted(by_inspector):
        mine = sorted(c for c in drawn if c.inspector == inspector)
        turn.update({case: (index, inspector) for index, case in enumerate(mine)})
    marker_of: dict[AssessedCase, str | None] = {}
    for case in sorted(drawn, key=turn.__getitem__):
        candidates = [m for m in pool if m != case.inspector]
        marker = min(candidates, key=lambda m: (load[m], m)) if candidates else None
        if marker is not None:
            load[marker] += 1
        marker_of[case] = marker
    assigned = [QaCase(case, marker_of[case]) for case in sorted(drawn)]
    return QaSample(share, seed, tuple(assigned), tuple(counts))
