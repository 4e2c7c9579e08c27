"""Agreement between markers who answered the same questions for the same cases.

Seed 001 §4.12: "to be sure of our findings it is always important that inspectors form
similar judgements in similar cases." Seed 001 §4.13: "We conduct training and quality
management exercises now, to check and if necessary refine our inspectors' consistency of
judgement". The figures here measure that consistency on double-marked cases:

- **raw agreement**: the share of cases on which two markers gave the same answer (with more
  than two markers, the share of agreeing pairs of markings in a case, averaged over cases);
- **kappa**: agreement beyond what chance would give: Cohen's for two markers, Fleiss' for
  more (with markings missing, Fleiss' formula over the cases marked at least twice);
- **Gwet's AC1**: the same idea with a chance term that stays small when nearly every answer
  is the same, where kappa collapses (the "kappa paradox");
- **Krippendorff's alpha** (nominal), where more than two markers marked the same cases.

Answers are nominal categories numbered ``0 … categories-1`` (yes, no, n/a in pinspect). A
figure the data cannot define (kappa when both markers gave one and the same answer
throughout) is ``None`` with the reason, never NaN.

Every figure carries a percentile bootstrap interval over cases: the cases are resampled with
replacement ``draws`` times from a seeded generator, so the same markings always give the same
interval. Resamples in which the figure is undefined are left out; when fewer than half are
defined the interval is ``None`` with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "Agreement",
    "Figure",
    "category_counts",
    "cohens_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "multi_marker_agreement",
    "pair_agreement",
    "pair_table",
    "pairwise_raw_agreement",
    "raw_agreement",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

KAPPA_UNDEFINED = (
    "undefined: every marking was the same answer, so chance alone explains all agreement "
    "(kappa divides by zero)"
)
ALPHA_UNDEFINED = (
    "undefined: every marking was the same answer, so there is no disagreement to expect "
    "(alpha divides by zero)"
)
NO_CASES = "undefined: no case was marked by two markers"
AC1_UNDEFINED = "undefined: fewer than two answers are possible"
ALPHA_TWO_MARKERS = "given where more than two markers marked the same cases"


@dataclass(frozen=True)
class Figure:
    """One agreement figure with its interval; ``value`` None when undefined, and ``reason``
    saying why (also when only the interval is missing)."""

    value: float | None
    interval: tuple[float, float] | None
    reason: str | None = None


@dataclass(frozen=True)
class Agreement:
    """Agreement over one set of double-marked cases.

    ``cases`` counts the cases marked by at least two markers; ``markers`` the distinct
    markers; ``categories`` the answers counted possible (AC1's chance term uses it);
    ``kappa_kind`` is ``"Cohen"`` for two markers and ``"Fleiss"`` for more. ``alpha`` is
    given only where more than two markers marked the cases.
    """

    cases: int
    markers: int
    categories: int
    kappa_kind: str
    raw: Figure
    kappa: Figure
    ac1: Figure
    alpha: Figure | None
    confidence_level: float


# --- two markers: a k × k table ------------------------------------------------------------


def pair_table(first: Sequence[int], second: Sequence[int], categories: int) -> IntArray:
    """The k × k table of two markers' answers: row the first marker's, column the second's."""
    if len(first) != len(second):
        raise ValueError("the two markings must cover the same cases")
    table = np.zeros((categories, categories), dtype=np.int64)
    np.add.at(table, (np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)), 1)
    return table


def _divide(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    # A denominator within rounding of zero is zero: the figure is undefined there.
    ok = np.abs(denominator) > 1e-12
    np.divide(numerator, denominator, out=out, where=ok)
    return out


def _table_raw(tables: FloatArray) -> FloatArray:
    n = tables.sum(axis=(-2, -1))
    agree = np.trace(tables, axis1=-2, axis2=-1)
    return _divide(agree, n)


def _table_kappa(tables: FloatArray) -> FloatArray:
    n = tables.sum(axis=(-2, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        rows = tables.sum(axis=-1) / n[..., None]
        columns = tables.sum(axis=-2) / n[..., None]
    observed = _table_raw(tables)
    chance = (rows * columns).sum(axis=-1)
    return _divide(observed - chance, 1 - chance)


def _table_ac1(tables: FloatArray, categories: int) -> FloatArray:
    n = tables.sum(axis=(-2, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = (tables.sum(axis=-1) + tables.sum(axis=-2)) / (2 * n[..., None])
    observed = _table_raw(tables)
    chance = (shares * (1 - shares)).sum(axis=-1) / (categories - 1)
    return _divide(observed - chance, 1 - chance)


def _value(figures: FloatArray) -> float | None:
    value = float(figures.reshape(-1)[0])
    return None if np.isnan(value) else value


def raw_agreement(table: IntArray) -> float | None:
    """The share of cases on which the two markers gave the same answer; None with no cases."""
    return _value(_table_raw(table.astype(np.float64)))


def cohens_kappa(table: IntArray) -> float | None:
    """Cohen's kappa, (po − pe) / (1 − pe), with pe from each marker's own answer shares;
    None when pe is 1 (both markers gave one and the same answer throughout) or no cases."""
    return _value(_table_kappa(table.astype(np.float64)))


def _ac1_categories(categories: int) -> None:
    if categories < 2:
        raise ValueError("Gwet's AC1 needs at least two possible answers")


# --- any number of markers: a cases × categories count matrix ------------------------------


def category_counts(markings: Sequence[Sequence[int]], categories: int) -> IntArray:
    """The cases × categories matrix of how many markers gave each answer in each case; each
    element of ``markings`` is one case's answers (one per marker who marked it)."""
    counts = np.zeros((len(markings), categories), dtype=np.int64)
    for row, answers in enumerate(markings):
        for answer in answers:
            counts[row, answer] += 1
    return counts


def _marked_twice(counts: IntArray) -> IntArray:
    marked: IntArray = counts[counts.sum(axis=1) >= 2]
    return marked


def _counts_raw(counts: FloatArray) -> FloatArray:
    markers = counts.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_case = (counts * (counts - 1)).sum(axis=-1) / (markers * (markers - 1))
    return np.asarray(per_case.mean(axis=-1), dtype=np.float64)


def _counts_kappa(counts: FloatArray) -> FloatArray:
    total = counts.sum(axis=(-2, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts.sum(axis=-2) / total[..., None]
    chance = (shares * shares).sum(axis=-1)
    return _divide(_counts_raw(counts) - chance, 1 - chance)


def _counts_ac1(counts: FloatArray, categories: int) -> FloatArray:
    markers = counts.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = (counts / markers[..., None]).mean(axis=-2)
    chance = (shares * (1 - shares)).sum(axis=-1) / (categories - 1)
    return _divide(_counts_raw(counts) - chance, 1 - chance)


def _counts_alpha(counts: FloatArray) -> FloatArray:
    markers = counts.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        # The coincidence matrix's diagonal: pairs of equal answers within a case, each case
        # weighted 1 / (markings − 1) (Krippendorff 2011, nominal data).
        agreeing = ((counts * (counts - 1)).sum(axis=-1) / (markers - 1)).sum(axis=-1)
    values = counts.sum(axis=-2)
    n = values.sum(axis=-1)
    expected = n * n - (values * values).sum(axis=-1)
    return 1 - _divide((n - 1) * (n - agreeing), expected)


def pairwise_raw_agreement(counts: IntArray) -> float | None:
    """The share of agreeing pairs of markings in a case, averaged over the cases marked at
    least twice; None when there are none."""
    marked = _marked_twice(counts)
    return _value(_counts_raw(marked.astype(np.float64)[None])) if len(marked) else None


def fleiss_kappa(counts: IntArray) -> float | None:
    """Fleiss' kappa over the cases marked at least twice: (P̄ − P̄e) / (1 − P̄e), P̄e from the
    pooled answer shares; None when P̄e is 1 or no case was marked twice."""
    marked = _marked_twice(counts)
    return _value(_counts_kappa(marked.astype(np.float64)[None])) if len(marked) else None


def gwet_ac1(counts: IntArray, categories: int) -> float | None:
    """Gwet's AC1 (Gwet 2008): (pa − pe) / (1 − pe), pe = Σ πk(1 − πk) / (q − 1) with πk the
    mean share of markings in answer k and q the ``categories`` possible. Two markers give
    the same figure from their k × k table. None when no case was marked twice."""
    _ac1_categories(categories)
    marked = _marked_twice(counts)
    if not len(marked):
        return None
    return _value(_counts_ac1(marked.astype(np.float64)[None], categories))


def krippendorff_alpha(counts: IntArray) -> float | None:
    """Krippendorff's alpha for nominal answers, 1 − (n − 1)·Do / De from the coincidence
    matrix of the cases marked at least twice; None when only one answer was given (or none)."""
    marked = _marked_twice(counts)
    return _value(_counts_alpha(marked.astype(np.float64)[None])) if len(marked) else None


# --- intervals -----------------------------------------------------------------------------


def _interval(
    estimate: float | None,
    undefined: str,
    draws: FloatArray,
    confidence_level: float,
) -> Figure:
    if estimate is None:
        return Figure(None, None, undefined)
    defined = draws[~np.isnan(draws)]
    if len(defined) * 2 < len(draws):
        return Figure(
            estimate,
            None,
            "no interval: the figure is undefined in most resamples of these cases",
        )
    tail = (1 - confidence_level) / 2 * 100
    low, high = np.percentile(defined, [tail, 100 - tail])
    # Round-off can put a percentile a hair outside [-1, 1] or past the estimate's own value
    # when every resample agrees; clip to the figure's range.
    return Figure(estimate, (float(max(-1.0, low)), float(min(1.0, high))))


def _check_level(confidence_level: float, draws: int) -> None:
    if not 0 < confidence_level < 1:
        raise ValueError("confidence_level must lie strictly between 0 and 1")
    if draws < 1:
        raise ValueError("draws must be at least 1")


def pair_agreement(
    first: Sequence[int],
    second: Sequence[int],
    *,
    categories: int,
    confidence_level: float,
    draws: int,
    seed: int,
) -> Agreement:
    """Raw agreement, Cohen's kappa and Gwet's AC1 of two markers who answered the same cases
    (``first[i]`` and ``second[i]`` are their answers for case i), with bootstrap intervals."""
    _check_level(confidence_level, draws)
    _ac1_categories(categories)
    table = pair_table(first, second, categories)
    n = int(table.sum())
    empty = Figure(None, None, NO_CASES)
    if n == 0:
        return Agreement(0, 2, categories, "Cohen", empty, empty, empty, None, confidence_level)
    rng = np.random.default_rng(seed)
    resampled = rng.multinomial(n, table.reshape(-1) / n, size=draws).astype(np.float64)
    resampled = resampled.reshape(draws, categories, categories)
    as_float = table.astype(np.float64)

    def figure(compute: Callable[[FloatArray], FloatArray], undefined: str) -> Figure:
        return _interval(_value(compute(as_float)), undefined, compute(resampled), confidence_level)

    return Agreement(
        cases=n,
        markers=2,
        categories=categories,
        kappa_kind="Cohen",
        raw=figure(_table_raw, NO_CASES),
        kappa=figure(_table_kappa, KAPPA_UNDEFINED),
        ac1=figure(lambda t: _table_ac1(t, categories), AC1_UNDEFINED),
        alpha=None,
        confidence_level=confidence_level,
    )


def multi_marker_agreement(
    counts: IntArray,
    *,
    markers: int,
    categories: int,
    confidence_level: float,
    draws: int,
    seed: int,
) -> Agreement:
    """Pairwise raw agreement, Fleiss' kappa, Gwet's AC1 and Krippendorff's alpha over the
    cases in ``counts`` (cases × categories, see :func:`category_counts`) marked at least
    twice, by ``markers`` markers in all, with bootstrap intervals."""
    _check_level(confidence_level, draws)
    _ac1_categories(categories)
    marked = _marked_twice(counts).astype(np.float64)
    n = len(marked)
    empty = Figure(None, None, NO_CASES)
    if n == 0:
        return Agreement(
            0, markers, categories, "Fleiss", empty, empty, empty, empty, confidence_level
        )
    rng = np.random.default_rng(seed)
    resampled = marked[rng.integers(0, n, size=(draws, n))]
    single = marked[None]

    def figure(compute: Callable[[FloatArray], FloatArray], undefined: str) -> Figure:
        return _interval(_value(compute(single)), undefined, compute(resampled), confidence_level)

    return Agreement(
        cases=n,
        markers=markers,
        categories=categories,
        kappa_kind="Fleiss",
        raw=figure(_counts_raw, NO_CASES),
        kappa=figure(_counts_kappa, KAPPA_UNDEFINED),
        ac1=figure(lambda c: _counts_ac1(c, categories), AC1_UNDEFINED),
        alpha=figure(_counts_alpha, ALPHA_UNDEFINED),
        confidence_level=confidence_level,
    )
