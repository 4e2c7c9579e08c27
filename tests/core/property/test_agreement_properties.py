"""Property tests of the agreement figures against statsmodels and krippendorff (001 §4.12).

Seed 001 §4.12: "to be sure of our findings it is always important that inspectors form
similar judgements in similar cases." Every figure pinspect reports is compared, on generated
markings, with an independent implementation: Cohen's and Fleiss' kappa with statsmodels',
Krippendorff's alpha with the ``krippendorff`` package's, Gwet's AC1 with his formula written
out case by case here, raw agreement with a direct count. The edge cases (every answer yes;
one answer only) give None with a reason where the references give NaN or refuse.
"""

from __future__ import annotations

import warnings
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_cohens_kappa
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss_kappa

from pinspect.stats.agreement import (
    KAPPA_UNDEFINED,
    category_counts,
    cohens_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    multi_marker_agreement,
    pair_agreement,
    pair_table,
    pairwise_raw_agreement,
    raw_agreement,
)

ANSWERS = st.integers(0, 2)


@st.composite
def two_markings(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    """Two markers' answers (0 yes, 1 no, 2 n/a) to the same 1–60 cases, the second often
    copying the first so that agreement ranges from chance to perfect."""
    first = draw(st.lists(ANSWERS, min_size=1, max_size=60))
    copy = draw(st.floats(0, 1))
    fresh = draw(st.lists(ANSWERS, min_size=len(first), max_size=len(first)))
    keep = draw(st.lists(st.floats(0, 1), min_size=len(first), max_size=len(first)))
    second = [a if k < copy else f for a, f, k in zip(first, fresh, keep, strict=True)]
    return first, second


@st.composite
def complete_markings(draw: st.DrawFn) -> list[list[int]]:
    """3–5 markers answering every one of 2–40 cases (statsmodels' Fleiss needs that)."""
    markers = draw(st.integers(3, 5))
    cases = draw(st.integers(2, 40))
    copy = draw(st.floats(0, 1))
    rows = []
    for _ in range(cases):
        first = draw(ANSWERS)
        rest = [
            first if draw(st.floats(0, 1)) < copy else draw(ANSWERS) for _ in range(markers - 1)
        ]
        rows.append([first, *rest])
    return rows


@st.composite
def gappy_markings(draw: st.DrawFn) -> list[list[float]]:
    """3–5 markers (rows) × 2–30 cases with some markings missing (NaN), as
    krippendorff.alpha takes them."""
    markers = draw(st.integers(3, 5))
    cases = draw(st.integers(2, 30))
    return [
        [
            float("nan") if draw(st.booleans()) and draw(st.booleans()) else float(draw(ANSWERS))
            for _ in range(cases)
        ]
        for _ in range(markers)
    ]


def _reference(call, *args, **kwargs):  # type: ignore[no-untyped-def]
    """A reference library's figure; NaN where it divides by zero (its warning silenced)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return float(call(*args, **kwargs))


def _ac1_by_hand(rows: list[list[int]], categories: int) -> float:
    """Gwet (2008), equations for pa and pe, one case at a time (cases marked twice or more)."""
    rows = [r for r in rows if len(r) >= 2]
    pa = sum(
        sum(r.count(k) * (r.count(k) - 1) for k in range(categories)) / (len(r) * (len(r) - 1))
        for r in rows
    ) / len(rows)
    pi = [sum(r.count(k) / len(r) for r in rows) / len(rows) for k in range(categories)]
    pe = sum(p * (1 - p) for p in pi) / (categories - 1)
    return (pa - pe) / (1 - pe)


class TestCohensKappaAgainstStatsmodels:
    """001 §4.12: two markers' kappa equals statsmodels' cohens_kappa on the same table."""

    @given(two_markings())
    def test_kappa(self, markings: tuple[list[int], list[int]]) -> None:
        first, second = markings
        table = pair_table(first, second, 3)
        expected = _reference(statsmodels_cohens_kappa, table, return_results=False)
        ours = cohens_kappa(table)
        if np.isnan(expected):
            assert ours is None
        else:
            assert ours == pytest.approx(expected, abs=1e-9)

    @given(two_markings())
    def test_raw_agreement_is_the_share_of_cases_answered_alike(
        self, markings: tuple[list[int], list[int]]
    ) -> None:
        first, second = markings
        alike = sum(a == b for a, b in zip(first, second, strict=True))
        assert raw_agreement(pair_table(first, second, 3)) == pytest.approx(alike / len(first))

    @given(two_markings())
    def test_ac1_of_the_table_is_gwets_formula(self, markings: tuple[list[int], list[int]]) -> None:
        first, second = markings
        result = pair_agreement(
            first, second, categories=3, confidence_level=0.95, draws=100, seed=1
        )
        expected = _ac1_by_hand([[a, b] for a, b in zip(first, second, strict=True)], 3)
        assert result.ac1.value == pytest.approx(expected, abs=1e-9)


class TestFleissKappaAgainstStatsmodels:
    """001 §4.12: with three or more markers, Fleiss' kappa equals statsmodels' fleiss_kappa;
    AC1 and the pairwise raw agreement follow Gwet's and Fleiss' formulas case by case."""

    @given(complete_markings())
    def test_kappa(self, rows: list[list[int]]) -> None:
        counts = category_counts(rows, 3)
        expected = _reference(statsmodels_fleiss_kappa, counts, method="fleiss")
        ours = fleiss_kappa(counts)
        if np.isnan(expected):
            assert ours is None
        else:
            assert ours == pytest.approx(expected, abs=1e-9)

    @given(complete_markings())
    def test_ac1_and_raw_agreement(self, rows: list[list[int]]) -> None:
        counts = category_counts(rows, 3)
        assert gwet_ac1(counts, 3) == pytest.approx(_ac1_by_hand(rows, 3), abs=1e-9)
        pairs = [
            sum(a == b for a, b in combinations(r, 2)) / (len(r) * (len(r) - 1) / 2) for r in rows
        ]
        assert pairwise_raw_agreement(counts) == pytest.approx(sum(pairs) / len(pairs))


class TestKrippendorffAlphaAgainstTheKrippendorffPackage:
    """001 §4.12: nominal alpha equals krippendorff.alpha, markings missing or not."""

    @given(gappy_markings())
    def test_alpha(self, data: list[list[float]]) -> None:
        matrix = np.asarray(data)
        rows = [
            [int(v) for v in matrix[:, case] if not np.isnan(v)] for case in range(matrix.shape[1])
        ]
        counts = category_counts(rows, 3)
        assume(int((counts.sum(axis=1) >= 2).sum()) >= 1)
        ours = krippendorff_alpha(counts)
        marked_twice = [r for r in rows if len(r) >= 2]
        if len({v for r in marked_twice for v in r}) == 1:
            assert ours is None
            return
        expected = _reference(
            krippendorff.alpha, reliability_data=matrix, level_of_measurement="nominal"
        )
        assert ours == pytest.approx(expected, abs=1e-9)


class TestEdgeCases:
    """001 §4.12: all-yes and one-answer markings: which figure is defined, and why not."""

    def test_all_yes_two_markers_kappa_undefined_ac1_and_raw_perfect(self) -> None:
        result = pair_agreement(
            [0] * 12, [0] * 12, categories=2, confidence_level=0.95, draws=200, seed=3
        )
        assert result.raw.value == 1.0
        assert result.ac1.value == 1.0
        assert result.kappa.value is None
        assert result.kappa.reason == KAPPA_UNDEFINED
        assert np.isnan(
            _reference(
                statsmodels_cohens_kappa, pair_table([0] * 12, [0] * 12, 2), return_results=False
            )
        )

    def test_all_yes_intervals(self) -> None:
        result = pair_agreement(
            [0] * 12, [0] * 12, categories=2, confidence_level=0.95, draws=200, seed=3
        )
        assert result.raw.interval == (1.0, 1.0)
        assert result.ac1.interval == (1.0, 1.0)
        assert result.kappa.interval is None

    def test_one_category_three_markers_alpha_undefined_where_krippendorff_refuses(self) -> None:
        rows = [[2, 2, 2]] * 8
        counts = category_counts(rows, 3)
        with pytest.raises(ValueError, match="more than one value"):
            krippendorff.alpha(
                reliability_data=np.full((3, 8), 2.0), level_of_measurement="nominal"
            )
        result = multi_marker_agreement(
            counts, markers=3, categories=3, confidence_level=0.95, draws=200, seed=3
        )
        assert result.alpha is not None
        assert result.alpha.value is None
        assert result.alpha.reason is not None
        assert "undefined" in result.alpha.reason
        assert result.kappa.value is None
        assert result.ac1.value == 1.0

    def test_kappa_paradox_high_raw_agreement_low_kappa_high_ac1(self) -> None:
        """Nearly every answer yes: 38 of 40 alike, yet kappa is below zero; AC1 stays high."""
        first = [0] * 38 + [0, 1]
        second = [0] * 38 + [1, 0]
        result = pair_agreement(
            first, second, categories=2, confidence_level=0.95, draws=500, seed=3
        )
        assert result.raw.value == pytest.approx(0.95)
        assert result.kappa.value is not None
        assert result.kappa.value < 0
        assert result.ac1.value is not None
        assert result.ac1.value > 0.9

    def test_no_case_marked_twice(self) -> None:
        result = pair_agreement([], [], categories=2, confidence_level=0.95, draws=200, seed=3)
        assert result.cases == 0
        assert result.raw.value is None
        assert result.raw.reason is not None


class TestIntervals:
    """001 §4.12: each figure's bootstrap interval: ordered, in range, reproducible by seed,
    and for kappa close to statsmodels' analytic interval on a large sample."""

    @given(two_markings(), st.integers(0, 2**32 - 1))
    def test_pair_intervals(self, markings: tuple[list[int], list[int]], seed: int) -> None:
        first, second = markings
        once = pair_agreement(
            first, second, categories=3, confidence_level=0.9, draws=200, seed=seed
        )
        again = pair_agreement(
            first, second, categories=3, confidence_level=0.9, draws=200, seed=seed
        )
        assert once == again
        for figure in (once.raw, once.kappa, once.ac1):
            if figure.interval is not None:
                low, high = figure.interval
                assert -1 <= low <= high <= 1
            else:
                assert figure.reason is not None

    @given(complete_markings())
    def test_multi_marker_intervals(self, rows: list[list[int]]) -> None:
        result = multi_marker_agreement(
            category_counts(rows, 3),
            markers=len(rows[0]),
            categories=3,
            confidence_level=0.8,
            draws=200,
            seed=5,
        )
        assert result.alpha is not None
        for figure in (result.raw, result.kappa, result.ac1, result.alpha):
            if figure.interval is not None:
                low, high = figure.interval
                assert -1 <= low <= high <= 1
            else:
                assert figure.reason is not None

    def test_kappa_interval_close_to_statsmodels_analytic_interval(self) -> None:
        rng = np.random.default_rng(11)
        first = rng.integers(0, 3, 400)
        second = np.where(rng.random(400) < 0.7, first, rng.integers(0, 3, 400))
        ours = pair_agreement(
            first.tolist(), second.tolist(), categories=3, confidence_level=0.95, draws=4000, seed=1
        )
        reference = statsmodels_cohens_kappa(pair_table(first.tolist(), second.tolist(), 3))
        assert ours.kappa.interval is not None
        low, high = ours.kappa.interval
        assert low == pytest.approx(reference.kappa_low, abs=0.02)
        assert high == pytest.approx(reference.kappa_upp, abs=0.02)

    def test_a_wider_level_gives_a_wider_interval(self) -> None:
        first = [0, 1, 0, 0, 1, 2, 0, 0, 1, 0] * 4
        second = [0, 1, 1, 0, 1, 2, 0, 1, 1, 0] * 4
        narrow = pair_agreement(
            first, second, categories=3, confidence_level=0.8, draws=1000, seed=2
        )
        wide = pair_agreement(
            first, second, categories=3, confidence_level=0.99, draws=1000, seed=2
        )
        assert narrow.kappa.interval is not None
        assert wide.kappa.interval is not None
        assert wide.kappa.interval[0] < narrow.kappa.interval[0]
        assert wide.kappa.interval[1] > narrow.kappa.interval[1]
