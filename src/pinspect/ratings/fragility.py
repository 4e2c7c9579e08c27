"""How likely a case-based rating is to differ on a fresh sample of the same size.

Not a rule of the seeds: seed 001 §4.12 sizes samples for "an 80% confidence level" and says
no more about uncertainty. For each case-based key question with ``yes`` of ``n`` applicable
cases, the true share of yes answers is drawn from its Jeffreys posterior
p ~ Beta(yes + ½, no + ½), then a fresh sample's yes count from Binomial(n, p); the fresh
counts go through the same band rule (001 §4.8, with the framework's rounding), the
lowest-key-question rule (001 §4.10) and, for the overall rating, the overall banding with the
other standards held at their ratings. The share of draws whose rating differs from the one
computed estimates the probability that the rating would differ. Key questions are drawn
independently: the correlation between one case's answers to different key questions is
ignored.

Drawing p and then the count is drawing the count from the beta-binomial distribution
BetaBinomial(n, yes + ½, no + ½), and the band depends on the count only through the three
band thresholds (:func:`~pinspect.ratings.band_rule.band_thresholds`). So each key question's
four band probabilities are computed from the beta-binomial distribution, and each draw takes
one uniform number per key question and reads the band off the cumulative probabilities
(inverse transform sampling): the same distribution of simulated bands as drawing p and the
count, for one random number instead of two random variates. The uniforms come from a PCG64
generator seeded with the ``simulation_seed`` setting: one ``(draws, key questions)`` block,
which every inspection reads, so the same answers always give the same figures and an
inspection's figures do not depend on which other inspections are rated with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.model import PercentageRounding
from pinspect.ratings.band_rule import band_thresholds
from pinspect.ratings.standard import StandardResult
from pinspect.scale.banding import OverallBanding
from pinspect.scale.rating import Rating

__all__ = [
    "Fragility",
    "band_distribution",
    "inspections_fragility",
    "rating_fragility",
    "simulate_bands",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

_CHUNK_CELLS = 1 << 21
"""Simulated band cells (inspections × draws × key questions) held in memory at once."""


@dataclass(frozen=True)
class Fragility:
    """Per standard id, and for the overall rating, the probability the rating differs."""

    standards: dict[str, float]
    overall: float | None


def band_distribution(yes: IntArray, no: IntArray, rounding: PercentageRounding) -> FloatArray:
    """For each key question, P(fresh band ≤ b) for b = Minority, Too few, Reasonable majority.

    The fresh yes count of ``n = yes + no`` cases is BetaBinomial(n, yes + ½, no + ½); its band
    is at most b exactly when the count is below threshold b + 1 of
    :func:`~pinspect.ratings.band_rule.band_thresholds` (001 §4.8). Returns shape
    ``yes.shape + (3,)``. A key question with no applicable case gets probabilities 1 (it is
    never simulated).
    """
    yes = np.asarray(yes, dtype=np.int64)
    no = np.asarray(no, dtype=np.int64)
    shape = yes.shape
    yes, no = yes.ravel(), no.ravel()
    if np.any(yes < 0) or np.any(no < 0):
        raise ValueError("answer counts cannot be negative")
    n = yes + no
    if not n.size:
        return np.ones((*shape, 3))
    size = n + 1
    starts = np.zeros(n.shape[0], dtype=np.int64)
    np.cumsum(size[:-1], out=starts[1:])
    total = int(size.sum())
    segment = np.repeat(np.arange(n.shape[0]), size)
    k = np.arange(total, dtype=np.int64) - starts[segment]
    count = n[segment].astype(np.float64)
    alpha = yes[segment] + 0.5
    beta = no[segment] + 0.5
    # log pmf(k) − log pmf(k − 1) = log[(n − k + 1)(k − 1 + α)] − log[k(n − k + β)] for k ≥ 1.
    previous = k - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.log((count - previous) * (previous + alpha)) - np.log(k * (count - k + beta))
    step[starts] = 0.0
    log_pmf = np.cumsum(step)
    log_pmf -= log_pmf[starts][segment]
    log_pmf -= np.maximum.reduceat(log_pmf, starts)[segment]
    pmf = np.exp(log_pmf)
    pmf /= np.add.reduceat(pmf, starts)[segment]
    cumulative = np.zeros(total + 1)
    np.cumsum(pmf, out=cumulative[1:])
    thresholds = band_thresholds(n, rounding)
    below = cumulative[starts[:, np.newaxis] + thresholds] - cumulative[starts][:, np.newaxis]
    below = np.clip(below, 0.0, 1.0)
    below[n == 0] = 1.0
    result: FloatArray = below.reshape(*shape, 3)
    return result


def _bands_from_uniforms(uniforms: FloatArray, distribution: FloatArray) -> npt.NDArray[np.int8]:
    """Band codes: how many of the three cumulative probabilities each uniform reaches."""
    bands = (uniforms >= distribution[..., 0]).view(np.int8)
    bands += uniforms >= distribution[..., 1]
    bands += uniforms >= distribution[..., 2]
    return bands


def simulate_bands(
    yes: IntArray,
    no: IntArray,
    rounding: PercentageRounding,
    draws: int,
    generator: np.random.Generator,
) -> IntArray:
    """Band codes of ``draws`` fresh samples for each key question, shape (draws, len(yes)).

    Every key question needs at least one applicable case.
    """
    if np.any(yes + no <= 0):
        raise ValueError("every simulated key question needs an applicable case")
    uniforms = generator.random((draws, yes.shape[0]))
    return _bands_from_uniforms(uniforms, band_distribution(yes, no, rounding)).astype(np.int64)


def _band_lookup(banding: OverallBanding) -> IntArray:
    lookup = np.zeros(banding.max_score + 1, dtype=np.int64)
    for band in banding.bands:
        lookup[band.min_score : band.max_score + 1] = int(band.rating)
    return lookup


def rating_fragility(
    simulated: Sequence[StandardResult],
    held: Sequence[StandardResult],
    *,
    rounding: PercentageRounding,
    banding: OverallBanding | None,
    computed_overall: Rating | None,
    draws: int,
    seed: int,
) -> Fragility:
    """The probability that each rated standard in ``simulated`` and the overall rating differ.

    ``simulated`` are the case-based standards to redraw; ``held`` are the other scored
    standards, held at their final ratings. A case-based standard with a departure is held at
    the panel's rating for the overall. ``banding`` None (or ``computed_overall`` None) skips
    the overall rating.
    """
    return inspections_fragility(
        [simulated],
        [held],
        rounding=rounding,
        banding=banding,
        computed_overall=[computed_overall],
        draws=draws,
        seed=seed,
    )[0]


def inspections_fragility(
    simulated: Sequence[Sequence[StandardResult]],
    held: Sequence[Sequence[StandardResult]],
    *,
    rounding: PercentageRounding,
    banding: OverallBanding | None,
    computed_overall: Sequence[Rating | None],
    draws: int,
    seed: int,
) -> list[Fragility]:
    """:func:`rating_fragility` for many inspections of one framework at once.

    ``simulated[i]``, ``held[i]`` and ``computed_overall[i]`` are inspection i's; every
    inspection's simulated standards have the same key questions in the same order. Each
    inspection's figures equal :func:`rating_fragility` on its own: every inspection reads
    the same block of uniforms, drawn once.
    """
    if not simulated:
        return []
    layout = _Layout.of(simulated)
    targets = _Targets.of(simulated, held, layout, banding, computed_overall)
    inspections = len(simulated)
    differs = np.zeros((inspections, len(layout.ids)))
    overall_differs = np.zeros(inspections)
    if layout.ids:
        yes = np.asarray(
            [[kq.yes for s in standards for kq in s.key_questions] for standards in simulated],
            dtype=np.int64,
        )
        no = np.asarray(
            [[kq.no for s in standards for kq in s.key_questions] for standards in simulated],
            dtype=np.int64,
        )
        distribution = band_distribution(yes, no, rounding)
        uniforms = np.random.Generator(np.random.PCG64(seed)).random((draws, layout.width))
        by_key_question = np.ascontiguousarray(uniforms.T)
        lookup = None if banding is None else _band_lookup(banding)
        chunk = max(1, _CHUNK_CELLS // (draws * layout.width))
        for first in range(0, inspections, chunk):
            part = slice(first, first + chunk)
            ratings = _simulated_ratings(by_key_question, distribution[part], layout)
            differs[part] = _share_differing(ratings, targets.computed[part].T).T
            if lookup is not None and np.any(targets.overall[part] >= 0):
                scores = np.broadcast_to(targets.fixed_score[part, np.newaxis], (ratings.shape[1:]))
                scores = scores.copy()
                for column, standard_ratings in enumerate(ratings):
                    scores += standard_ratings * targets.moving[part, column, np.newaxis]
                overall_ratings = lookup[scores]
                overall_differs[part] = _share_differing(
                    overall_ratings[np.newaxis], targets.overall[np.newaxis, part]
                )[0]
    results: list[Fragility] = []
    for i in range(inspections):
        per_standard = {
            standard_id: float(differs[i, column])
            for column, standard_id in enumerate(layout.ids)
            if targets.computed[i, column] >= 0
        }
        overall = float(overall_differs[i]) if targets.overall[i] >= 0 else None
        results.append(Fragility(per_standard, overall))
    return results


@dataclass(frozen=True)
class _Layout:
    """The simulated standards that have key questions, and their key questions' columns."""

    ids: list[str]
    bounds: list[tuple[int, int]]
    width: int

    @classmethod
    def of(cls, simulated: Sequence[Sequence[StandardResult]]) -> _Layout:
        sizes = [len(s.key_questions) for s in simulated[0]]
        if any([len(s.key_questions) for s in standards] != sizes for standards in simulated):
            raise ValueError("every inspection needs the same standards and key questions")
        ids: list[str] = []
        bounds: list[tuple[int, int]] = []
        start = 0
        for standard, size in zip(simulated[0], sizes, strict=True):
            # A standard without key questions is never rated (001 §4.10 needs one).
            if size:
                ids.append(standard.id)
                bounds.append((start, start + size))
            start += size
        return cls(ids, bounds, start)


@dataclass(frozen=True, eq=False)
class _Targets:
    """Per inspection, the ratings the simulated ones are compared with.

    ``computed[i, s]``: standard s's computed rating code, −1 when not rated. ``moving[i, s]``:
    the standard's simulated rating enters the overall score; ``fixed_score[i]``: the score of
    the scored standards held at their final ratings; ``overall[i]``: the computed overall
    rating code, −1 when the overall rating is not simulated.
    """

    computed: IntArray
    moving: IntArray
    fixed_score: IntArray
    overall: IntArray

    @classmethod
    def of(
        cls,
        simulated: Sequence[Sequence[StandardResult]],
        held: Sequence[Sequence[StandardResult]],
        layout: _Layout,
        banding: OverallBanding | None,
        computed_overall: Sequence[Rating | None],
    ) -> _Targets:
        inspections = len(simulated)
        column = {standard_id: c for c, standard_id in enumerate(layout.ids)}
        computed = np.full((inspections, len(column)), -1, dtype=np.int64)
        moving = np.zeros((inspections, len(column)), dtype=np.int64)
        fixed_score = np.zeros(inspections, dtype=np.int64)
        overall = np.full(inspections, -1, dtype=np.int64)
        for i, standards in enumerate(simulated):
            for standard in standards:
                if standard.computed_rating is not None and standard.id in column:
                    computed[i, column[standard.id]] = int(standard.computed_rating)
            computed_rating = computed_overall[i]
            if banding is None or computed_rating is None:
                continue
            overall[i] = int(computed_rating)
            redrawn = len(standards)
            for position, standard in enumerate([*standards, *held[i]]):
                if not standard.scored:
                    continue
                c = column.get(standard.id, -1) if position < redrawn else -1
                if c >= 0 and computed[i, c] >= 0 and standard.departure is None:
                    moving[i, c] = 1
                elif standard.rating is not None:
                    fixed_score[i] += standard.rating.score
                else:
                    overall[i] = -1
                    break
        return cls(computed, moving, fixed_score, overall)


def _simulated_ratings(
    uniforms: FloatArray, distribution: FloatArray, layout: _Layout
) -> npt.NDArray[np.int8]:
    """Simulated rating codes ``[standard, inspection, draw]`` from ``uniforms[key question,
    draw]`` and the band distribution ``[inspection, key question, 3]``."""
    ratings = np.empty((len(layout.ids), distribution.shape[0], uniforms.shape[1]), np.int8)
    for column, (start, stop) in enumerate(layout.bounds):
        lowest = ratings[column]
        for k in range(start, stop):
            bands = _bands_from_uniforms(uniforms[k], distribution[:, k, np.newaxis, :])
            # 001 §4.10: the rating of a band is its code; the standard takes the lowest.
            if k == start:
                lowest[...] = bands
            else:
                np.minimum(lowest, bands, out=lowest)
    return ratings


def _share_differing(simulated: npt.NDArray[np.integer], computed: IntArray) -> FloatArray:
    """The share of draws (last axis) whose simulated code differs from ``computed``."""
    differing = np.count_nonzero(simulated != computed[..., np.newaxis], axis=-1)
    share: FloatArray = differing / simulated.shape[-1]
    return share
